"""Word (.docx) reports: body paragraphs and tables in document order, merged cells expanded.

Read from the XML with python-docx's element classes rather than its high-level text properties, so
text inside hyperlinks, smart tags, content controls and tracked insertions is kept, and line breaks
inside cells survive.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from extract.model import Block, Cell, Extracted, ExtractError, Paragraph, Table

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
_R, _T, _BR, _CR, _TAB = qn("w:r"), qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")
_SDT_CONTENT = qn("w:sdtContent")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A real report's DOCX unpacks to a few MB; these bound what a hostile archive can make us inflate.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB


def paragraph_text(p) -> str:
    """All text runs of a paragraph, nested ones included; w:br and w:cr become line breaks."""
    parts = []
    for el in p.iter(_T, _BR, _CR, _TAB):
        if el.getparent().tag != _R:  # w:tab also defines tab stops in paragraph properties
            continue
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iter(_P)).strip()


def _int_attr(el, path: str, default: int) -> int:
    found = el.find(path)
    if found is None:
        return default
    value = found.get(qn("w:val"))
    return int(value) if value and value.isdigit() else default


def _vmerge(tc) -> str | None:
    vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if vm is None:
        return None
    return vm.get(qn("w:val")) or "continue"


def _table(tbl) -> Table:
    """Expand gridSpan (horizontal) and vMerge (vertical) so every grid position has its text."""
    rows: list[list[Cell]] = []
    for tr in tbl.iterchildren(_TR):
        row: list[Cell] = [Cell("") for _ in range(_int_attr(tr, f"{qn('w:trPr')}/{qn('w:gridBefore')}", 0))]
        for tc in tr.iterchildren(_TC):
            span = _int_attr(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}", 1)
            col = len(row)
            text = rows[-1][col].text if _vmerge(tc) == "continue" and rows and col < len(rows[-1]) else _cell_text(tc)
            row.append(Cell(text))
            row.extend(Cell(text, merged_left=True) for _ in range(span - 1))
        rows.append(row)
    return Table(tuple(tuple(r) for r in rows))


def _blocks(parent) -> list[Block]:
    blocks: list[Block] = []
    for child in parent.iterchildren():
        if child.tag == _P:
            text = paragraph_text(child).strip()
            if text:
                blocks.append(Paragraph(text))
        elif child.tag == _TBL:
            blocks.append(_table(child))
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                blocks.extend(_blocks(content))
    return blocks


def _check_archive(data: bytes) -> None:
    """Refuse zip bombs and XML with entity declarations before any part is parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        unpacked = sum(p.file_size for p in parts)
        if unpacked > MAX_UNPACKED:
            raise ExtractError(
                f"DOCX unpacks to {unpacked // 2**20} MB (zip bomb?), over the {MAX_UNPACKED // 2**20} MB limit"
            )
        for part in parts:
            if part.file_size > 2**20 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise ExtractError(
                    f"DOCX part {part.filename} inflates {part.file_size // max(part.compress_size, 1)}x (zip bomb?)"
                )
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                with archive.open(part) as f:
                    head = f.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise ExtractError(f"DOCX part {part.filename} declares XML entities (entity bomb?), refused")


def extract_docx(data: bytes, deadline: float | None = None) -> Extracted:
    """`deadline` is not needed here: the work is bounded by the file size limit."""
    if data.startswith(_OLE_MAGIC):
        raise ExtractError("not a DOCX: an OLE container (legacy .doc, or an encrypted/password-protected file)")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractError("not a valid DOCX: not a zip archive (truncated or corrupt file)")
    try:
        _check_archive(data)
    except zipfile.BadZipFile as exc:
        raise ExtractError(f"not a valid DOCX: {exc}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractError(f"not a valid DOCX: {exc}") from None
    return Extracted(blocks=tuple(_blocks(document.element.body)))
