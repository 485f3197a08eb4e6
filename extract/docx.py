"""Word (.docx) reports: body paragraphs and tables in document order, merged cells expanded.

Read from the XML with python-docx's element classes rather than its high-level text properties, and
as a person sees the document printed: text inside hyperlinks, smart tags, field results, content
controls (around runs, paragraphs, rows or cells) and tracked insertions is kept; tracked deletions and
moved-away text, hidden text and field instructions are not; a text box's text comes once (Word stores a
VML copy as a fallback) as paragraphs of its own where it is anchored; tables nested in a table's cells
(a layout table holding the data tables) are read as the tables they are; line breaks inside cells
survive. Every table cell carries where the markup puts it (`Place.grid_table/grid_row/grid_col`, counted
as extract.model.Place says).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import IO

import docx
from docx.oxml.ns import qn
from lxml import etree

from extract.kinds import OLE_MAGIC
from extract.model import Block, Cell, Extracted, ExtractError, Paragraph, Place, Table, extraction_of
from extract.pictures import PictureReader

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T, _BR, _CR, _TAB = qn("w:r"), qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")
_TXBX = qn("w:txbxContent")
# Elements that only wrap content (content controls, custom XML): their content is read in their place.
_WRAPPERS = {qn("w:sdt"): qn("w:sdtContent"), qn("w:customXml"): None}
# Never printed: properties, tracked deletions and moves away, the VML copy of a text box.
_UNSEEN = frozenset(
    {
        qn("w:pPr"),
        qn("w:rPr"),
        qn("w:sdtPr"),
        qn("w:sdtEndPr"),
        qn("w:del"),
        qn("w:moveFrom"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
_OFF = frozenset({"0", "false", "off"})
_BLIP, _EMBED = qn("a:blip"), qn("r:embed")
# A real report's DOCX unpacks to a few MB; these bound what a hostile archive can make us inflate.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB
# Each w:tbl element of the document → its number (`_numbers`).
Numbers = Mapping[object, int]


def _content(parent) -> Iterator:
    """The children of a body, cell, table or row, with content controls and custom XML unwrapped."""
    for child in parent.iterchildren():
        if child.tag in _WRAPPERS:
            inner = child if _WRAPPERS[child.tag] is None else child.find(_WRAPPERS[child.tag])
            if inner is not None:
                yield from _content(inner)
        else:
            yield child


def _on(el, path: str) -> bool:
    """Whether a toggle property (w:vanish, w:del in w:trPr, …) is present and not switched off."""
    found = el.find(path)
    return found is not None and found.get(qn("w:val"), "true") not in _OFF


def _paragraph_blocks(p, numbers: Numbers) -> list[Block]:
    """A paragraph's printed text, split where a text box is anchored: the box's paragraphs and tables
    come in between. w:br and w:cr become line breaks, w:tab a space."""
    blocks: list[Block] = []
    parts: list[str] = []

    def flush() -> None:
        text = "".join(parts).strip()
        if text:
            blocks.append(Paragraph(text))
        parts.clear()

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag in _UNSEEN:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append(" ")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _TXBX:
                flush()
                blocks.extend(_blocks(child, numbers))
            elif not (tag == _R and _on(child, f"{qn('w:rPr')}/{qn('w:vanish')}")):  # hidden text
                walk(child)

    walk(p)
    flush()
    return blocks


def _cell_text(tc, numbers: Numbers) -> str:
    return "\n".join(b.text for b in _blocks(tc, numbers) if isinstance(b, Paragraph))


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


def _rows(tbl) -> list[tuple[object, int, list[tuple[object, int]]]]:
    """The table's printed rows as (w:tr, its number, [(w:tc, its number)]), 1-based as the markup counts
    them (content controls and custom XML around rows and cells seen through; deleted rows and cells
    counted, then left out: tracked deletions are not printed)."""
    rows = []
    for i, tr in enumerate(_children(tbl, _TR), 1):
        if not _on(tr, f"{qn('w:trPr')}/{qn('w:del')}"):
            cells = enumerate(_children(tr, _TC), 1)
            rows.append((tr, i, [(tc, j) for j, tc in cells if not _on(tc, f"{qn('w:tcPr')}/{qn('w:cellDel')}")]))
    return rows


def _children(parent, tag: str) -> list:
    """A table's rows or a row's cells: its `tag` children, content controls and custom XML seen through."""
    return [child for child in _content(parent) if child.tag == tag]


def _numbers(body) -> Numbers:
    """Each w:tbl's number in the document (1-based, `Place.grid_table`): every one counted in document
    order, nested ones and those in content controls, text boxes and their VML copies too."""
    return {tbl: n for n, tbl in enumerate(body.iter(_TBL), 1)}


def _table_blocks(tbl, numbers: Numbers) -> list[Block]:
    """A data table as one grid: gridSpan (horizontal) and vMerge (vertical) expanded so every grid
    position has its text and the place of the w:tc that prints it (a vMerge continuation: the cell
    where the merge starts); positions before a row's first cell (w:gridBefore) have no w:tc and no
    place. A table with tables in its cells is a layout table: its cells' content (paragraphs and the
    nested tables) is read in order instead."""
    rows = _rows(tbl)
    if any(child.tag == _TBL for _tr, _i, cells in rows for tc, _j in cells for child in _content(tc)):
        return [block for _tr, _i, cells in rows for tc, _j in cells for block in _blocks(tc, numbers)]
    grid: list[list[Cell]] = []
    for tr, i, cells in rows:
        row: list[Cell] = [Cell("") for _ in range(_int_attr(tr, f"{qn('w:trPr')}/{qn('w:gridBefore')}", 0))]
        for tc, j in cells:
            span = _int_attr(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}", 1)
            col = len(row)
            above = grid[-1][col] if _vmerge(tc) == "continue" and grid and col < len(grid[-1]) else None
            place = Place(grid_table=numbers[tbl], grid_row=i, grid_col=j)
            text, place = (_cell_text(tc, numbers), place) if above is None else (above.text, above.place or place)
            row.append(Cell(text, place=place))
            row.extend(Cell(text, merged_left=True, place=place) for _ in range(span - 1))
        grid.append(row)
    return [Table(tuple(tuple(r) for r in grid))]


def _pictures(p, part, reader: PictureReader) -> list[Block]:
    """Tables pasted as pictures into a body paragraph (w:drawing → a:blip → image part), read by OCR."""
    blocks: list[Block] = []
    for blip in p.iter(_BLIP):
        image = part.related_parts.get(blip.get(_EMBED))
        if image is not None:
            blocks.extend(reader.blocks(image.blob))
    return blocks


def _blocks(parent, numbers: Numbers, pictures: Callable[[object], list[Block]] | None = None) -> list[Block]:
    """Paragraphs and tables of a body, cell or text box, in document order; `numbers`: each table's
    number (`_numbers`); `pictures` (given for the body) reads the tables pasted as pictures into a
    paragraph."""
    blocks: list[Block] = []
    for child in _content(parent):
        if child.tag == _P:
            blocks.extend(_paragraph_blocks(child, numbers))
            if pictures is not None:
                blocks.extend(pictures(child))
        elif child.tag == _TBL:
            blocks.extend(_table_blocks(child, numbers))
    return blocks


def _check_archive(data: bytes) -> None:
    """Refuse zip bombs and XML parts with a document type declaration (entity bombs) before python-docx
    parses any part."""
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
                    if _has_doctype(f):
                        raise ExtractError(f"DOCX part {part.filename} declares XML entities (entity bomb?), refused")


def _has_doctype(xml: IO[bytes]) -> bool:
    """Whether an XML part has a document type declaration (where entities are declared), as libxml2
    reads it: in whatever encoding the part is written (UTF-16 too), however far in after padding.
    Parsed only up to the root element's start tag, entities not expanded, nothing loaded. A part not
    well-formed there says no: python-docx refuses it itself if it reads it."""
    try:
        for _event, element in etree.iterparse(
            xml, events=("start",), resolve_entities=False, load_dtd=False, no_network=True
        ):
            info = element.getroottree().docinfo
            return bool(info.doctype) or info.internalDTD is not None
    except etree.XMLSyntaxError:
        return False
    return False


def extract_docx(data: bytes, deadline: float | None = None) -> Extracted:
    """`deadline` (time.monotonic) is checked before each picture read by OCR."""
    if data.startswith(OLE_MAGIC):
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
    reader = PictureReader(deadline)
    body = document.element.body
    blocks = _blocks(body, _numbers(body), partial(_pictures, part=document.part, reader=reader))
    return Extracted(blocks=tuple(blocks), extraction=extraction_of(len(blocks) - reader.made, reader.read))
