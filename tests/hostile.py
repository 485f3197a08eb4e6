"""Hostile files of the kinds an operator's worst night brings, made in code: a huge text report, a PDF
whose stream inflates to gigabytes, and a page of dense ruling lines."""

from __future__ import annotations

import io
import struct
import zlib

from tests.reportgen import SECTION_TEXT, sample_report, to_text

NON_UTF8_NAME = b"a\xff\xfe-report.txt"  # GBK bytes from a Windows-made zip: not valid UTF-8


def huge_text_report(mb: float, seed: int = 0) -> bytes:
    """A real report (tables and all) whose first section is padded with ordinary lines to `mb` MB."""
    line = SECTION_TEXT[1].splitlines()[0] + "\n"
    text = to_text(sample_report("巨大县人民政府", 2023, seed=seed))
    head, _, tail = text.partition(SECTION_TEXT[1])
    padding = line * int(mb * 2**20 / len(line.encode()))
    return (head + SECTION_TEXT[1] + "\n" + padding + tail).encode()


def flate_bomb(inflated: int, chunk: int = 16 * 2**20) -> bytes:
    """A zlib stream of `inflated` spaces (a multiple of `chunk`), ~1/1000 of that size: one compressed
    chunk repeated after a full flush (which resets the dictionary), then the trailer's checksum."""
    compressor = zlib.compressobj(9)
    piece = b" " * chunk
    first = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    header, block = first[:2], first[2:]
    count = inflated // chunk
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(piece, adler)
    return header + block * count + b"\x03\x00" + struct.pack(">I", adler)  # empty final block, checksum


def pdf_with_content(content: bytes, flate: bool, size: tuple[float, float] = (595, 842)) -> bytes:
    """A one-page PDF (Helvetica) of `size` points whose content stream is `content` (already deflated
    when `flate`)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % size
        + b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), b" /Filter /FlateDecode" if flate else b"")
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def flate_bomb_pdf(inflated: int = 2 * 2**30) -> bytes:
    """A ~2 MB PDF whose page content stream inflates to `inflated` bytes (2 GB by default)."""
    return pdf_with_content(flate_bomb(inflated), flate=True)


def dense_grid_pdf(lines: int = 300, step: float = 5.0) -> bytes:
    """One page of `lines` horizontal and `lines` vertical ruling lines `step` points apart (wider than
    the table finder's snapping tolerance) with a digit in every 10th cell: lines² intersections."""
    end = 10 + lines * step
    ops = [b"0.1 w"]
    for i in range(lines + 1):
        at = 10 + i * step
        ops.append(b"%.2f 10 m %.2f %.2f l S" % (at, at, end))
        ops.append(b"10 %.2f m %.2f %.2f l S" % (at, end, at))
    ops.append(b"BT /F1 3 Tf")
    for i in range(0, lines, 10):
        for j in range(0, lines, 10):
            ops.append(b"1 0 0 1 %.2f %.2f Tm (%d) Tj" % (11 + j * step, 11 + i * step, (i + j) % 10))
    ops.append(b"ET")
    return pdf_with_content(zlib.compress(b"\n".join(ops)), flate=True, size=(end + 10, end + 10))
