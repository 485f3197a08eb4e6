"""Fixtures read by OCR, made the way offices make them: PDF pages printed and scanned (rendered to
images, saved as an image-only PDF), a number altered in a scan, a table pasted into Word as a picture,
and legacy .doc files saved by LibreOffice."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
from docx.shared import Cm
from PIL import Image, ImageDraw, ImageFont

from tests.docgen import docx_to_pdf, soffice

DPI = 150


def page_images(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    """Every page of a PDF as an RGB image, as a scanner at `dpi` would see it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in doc]
    finally:
        doc.close()


def crooked(image: Image.Image, degrees: float) -> Image.Image:
    """A page fed `degrees` crooked into a scanner that samples at twice DPI and saves at DPI: `image`
    (rendered at 2 x DPI) rotated, then halved."""
    tilted = image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor="white")
    return tilted.resize((tilted.width // 2, tilted.height // 2), Image.Resampling.LANCZOS)


def images_to_pdf(images: list[Image.Image], dpi: int = DPI) -> bytes:
    """An image-only PDF (no text layer), one page per image."""
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def paint_number(image: Image.Image, bbox: tuple[float, float, float, float], text: str) -> Image.Image:
    """Cover the number printed in `bbox` (image pixels) with white and draw `text` in its place."""
    x0, top, x1, bottom = bbox
    out = image.copy()
    draw = ImageDraw.Draw(out)
    draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), fill="white")
    font = ImageFont.load_default(size=round((bottom - top) * 1.1))
    draw.text((x0, top - 0.1 * (bottom - top)), text, fill="black", font=font)
    return out


def word_bbox(pdf: bytes, page_no: int, row_text: str, word: str, dpi: int = DPI) -> tuple[float, ...]:
    """Where `word` is printed (in image pixels at `dpi`) on the line of page `page_no` that starts with
    `row_text`, from the PDF's text layer."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[page_no - 1].extract_words()
    row = next(w for w in words if w["text"].startswith(row_text))
    hit = next(w for w in words if w["text"] == word and abs(w["top"] - row["top"]) < 8)
    return tuple(v * dpi / 72 for v in (hit["x0"], hit["top"], hit["x1"], hit["bottom"]))


def splice_pages(pdf: bytes, replacements: dict[int, bytes]) -> bytes:
    """`pdf` with some pages (1-based number → a one-page PDF) replaced: a partly scanned document."""
    source = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    for index in range(len(source)):
        if index + 1 in replacements:
            out.import_pages(pdfium.PdfDocument(replacements[index + 1]))
        else:
            out.import_pages(source, [index])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _crop_to_ink(image: Image.Image, margin: int = 12) -> Image.Image:
    gray = image.convert("L").point(lambda v: 255 if v < 200 else 0)
    x0, y0, x1, y1 = gray.getbbox()
    return image.crop((x0 - margin, y0 - margin, x1 + margin, y1 + margin))


def table_png(docx_bytes: bytes, index: int) -> bytes:
    """A PNG picture of table `index` of a DOCX, as LibreOffice prints it, at DPI, cropped to the table."""
    only = docx.Document(io.BytesIO(docx_bytes))
    body = only.element.body
    keep = only.tables[index]._tbl
    for child in list(body):
        if child is not keep and not child.tag.endswith("sectPr"):
            body.remove(child)
    buf = io.BytesIO()
    only.save(buf)
    picture = _crop_to_ink(page_images(docx_to_pdf({"table": buf.getvalue()})["table"])[0])
    png = io.BytesIO()
    picture.save(png, "PNG")
    return png.getvalue()


def table_as_picture(docx_bytes: bytes, index: int) -> bytes:
    """DOCX → the same DOCX with table `index` replaced by a picture of it: a table pasted in as an image."""
    png = table_png(docx_bytes, index)
    doc = docx.Document(io.BytesIO(docx_bytes))
    table = doc.tables[index]._tbl
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(16))
    table.addprevious(paragraph._p)
    table.getparent().remove(table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_to_doc(docx_bytes: bytes, fmt: str = "doc") -> bytes:
    """A DOCX saved as legacy Word 97-2003 (.doc), or another format LibreOffice writes (`rtf`)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make .doc fixtures: run `make test`")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        (src / "r.docx").write_bytes(docx_bytes)
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={(src / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(src / "out"),
                str(src / "r.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return (src / "out" / f"r.{fmt}").read_bytes()
