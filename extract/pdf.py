"""PDF reports with pdfplumber: tables rebuilt from ruling lines, text lines outside them as paragraphs.

One pass per page: the characters a reader sees are kept (`pdfchars`: no watermarks, fake bold drawn
once), the page is turned to its main writing direction (`pdfgeometry.Frame`: a table printed sideways),
its tables are found once from its ruling lines (outer sides a table leaves open closed), then each
character goes either to the table cell it falls in or to the text outside, and both become lines the
same way; all blocks are ordered top to bottom. Tables that continue on the next page come out as
separate grids, except that a row cut by the page break is joined again (`splitrows`); `transform` reads
rows across the grids in order, so a row whose label is on one page and numbers on the next is joined
there. A page without usable text goes to `read_page_without_text` (the place for OCR).
"""

from __future__ import annotations

import io
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.exceptions import PdfminerException

from extract.model import Block, Cell, Extracted, ExtractError, Paragraph, Place, Table, extraction_of
from extract.pagenumbers import is_page_number
from extract.pdf_ocr import OCR_FOUND_NOTHING, has_text, ocr_page
from extract.pdfchars import (
    CHAR_SETTINGS,
    NO_TEXT_REASON,
    UNREADABLE_REASON,
    CharSettings,
    TextLayer,
    dark_fills,
    dedupe_chars,
    rotation,
    text_layer,
    visible_chars,
)
from extract.pdfgeometry import Frame, open_side_edges
from extract.places import char_box, union
from extract.splitrows import Columns, Placed, join_split_rows


@dataclass(frozen=True)
class PdfSettings:
    """All pdfplumber knobs in one place."""

    table: dict = field(  # TableFinder's settings; its lines are the page's ruling edges (`_find_tables`)
        default_factory=lambda: {
            "snap_tolerance": 3,
            "join_tolerance": 3,
            "intersection_tolerance": 3,
        }
    )
    chars: CharSettings = CHAR_SETTINGS  # what counts as a watermark, fake bold, an unreadable text layer
    min_edge: float = 1.0  # shorter ruling edges are dots, not lines
    line_tolerance: float = 3.0  # characters whose tops differ by less are on one line
    space_tolerance: float = 3.0  # a wider gap between characters is a space
    max_pages: int = 200


SETTINGS = PdfSettings()
_PAGE_BOX = "page_box"  # a char read in a turned Frame: its box on the page (extract.model.Place)


class _CellIndex:
    """Which cell of a table a point falls in, by bisecting the table's grid lines: one lookup per
    character instead of testing every character against every cell."""

    def __init__(self, table) -> None:
        self.bbox = table.bbox
        self.cells = list(table.cells)
        self.xs = sorted({c[0] for c in self.cells} | {c[2] for c in self.cells})
        self.ys = sorted({c[1] for c in self.cells} | {c[3] for c in self.cells})
        self.owner: dict[tuple[int, int], int] = {}
        for k, (x0, top, x1, bottom) in enumerate(self.cells):
            for ri in range(bisect_left(self.ys, top), bisect_left(self.ys, bottom)):
                for ci in range(bisect_left(self.xs, x0), bisect_left(self.xs, x1)):
                    self.owner[(ri, ci)] = k

    def cell_of(self, x: float, y: float) -> int | None:
        x0, top, x1, bottom = self.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            return None
        return self.owner.get((bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1))


def _lines(chars: list[dict], line_tol: float) -> list[list[dict]]:
    """Characters → text lines, top to bottom, each left to right; tops closer than line_tol share a line."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and ch["top"] - lines[-1][0]["top"] < line_tol:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_parts(line: list[dict], space_tol: float) -> list[tuple[str, dict | None]]:
    """A line's text in parts: each character's text with its char, and a space (char None) for a gap
    wider than space_tol between characters."""
    parts: list[tuple[str, dict | None]] = []
    last = None
    for ch in line:
        if last is not None and ch["x0"] - last > space_tol:
            parts.append((" ", None))
        parts.append((ch["text"], ch))
        last = ch["x1"]
    return parts


def _line_text(line: list[dict], space_tol: float) -> str:
    """A line's text; a gap wider than space_tol between characters is a space."""
    return "".join(text for text, _ch in _line_parts(line, space_tol))


def _page_place(ch: dict) -> Place:
    """Where a char (as read, perhaps in a turned `Frame`) is printed on its page: the box it had there."""
    return ch.get(_PAGE_BOX) or char_box(ch)


def _line_places(line: list[dict], space_tol: float) -> tuple[Place | None, ...]:
    """Where each character of `_line_text(line)` is printed on the page; None for an added space."""
    return tuple(None if ch is None else _page_place(ch) for text, ch in _line_parts(line, space_tol) for _c in text)


def _grid(table, texts: list[list[str | None]], page_no: int, places: dict | None = None) -> Table:
    """Expand merged cells: pdfplumber reports positions covered by a merged cell as None; such a
    position takes the text of the cell that covers it (left: horizontal span, above: vertical).
    `places`: where each cell's text is printed, by the cell's box (a position below takes the place of
    the cell above it: that is where its text is printed)."""
    rows: list[list[Cell]] = []
    boxes = [row.cells for row in table.rows]
    places = places or {}
    for i, (row_boxes, row_texts) in enumerate(zip(boxes, texts, strict=True)):
        row: list[Cell] = []
        for j, (box, text) in enumerate(zip(row_boxes, row_texts, strict=True)):
            if box is not None:
                row.append(Cell(text or "", page_no, place=places.get(box)))
                continue
            left = next((k for k in range(j - 1, -1, -1) if row_boxes[k] is not None), None)
            if left is not None and _covers_x(row_boxes[left], boxes, j):
                row.append(Cell(row[left].text, page_no, merged_left=True))
            elif i > 0 and j < len(rows[i - 1]):
                above = rows[i - 1][j]
                row.append(Cell(above.text, page_no, place=above.place))
            else:
                row.append(Cell("", page_no))
        rows.append(row)
    return Table(tuple(tuple(r) for r in rows))


def _covers_x(box: tuple, boxes: list[list], col: int) -> bool:
    """Whether a cell's box extends over column `col` (some row has a box starting in that column)."""
    starts = [r[col][0] for r in boxes if col < len(r) and r[col] is not None]
    return bool(starts) and box[2] > min(starts) + 1


def _find_tables(page, frame: Frame, settings: PdfSettings) -> list:
    """The page's tables from its ruling lines, seen in `frame`, with the outer sides a table leaves
    open closed (`open_side_edges`); one-column "tables" (framed text boxes) are left out."""
    edges = [frame.edge(e) for e in page.edges]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["width"] >= settings.min_edge]
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= settings.min_edge]
    vertical += open_side_edges(horizontal, vertical, settings.table["snap_tolerance"])
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    table_settings = TableSettings.resolve(
        {
            **settings.table,
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": vertical,
            "explicit_horizontal_lines": horizontal,
        }
    )
    return [t for t in TableFinder(page, table_settings).tables if max(len(r.cells) for r in t.rows) > 1]


def _columns(table) -> Columns:
    """Column boundaries of a pdfplumber table, matching the positions of `table.rows`."""
    return (*sorted({c[0] for c in table.cells}), table.bbox[2])


def _read(chars: dict[int, list[dict]], settings: PdfSettings) -> list[tuple[list[dict], str]]:
    """Text lines of chars grouped by writing direction, each group read in its own frame (chars given
    already in it): (chars, text) per line; the main direction's lines first."""
    return [
        (line, _line_text(line, settings.space_tolerance))
        for group in chars.values()
        for line in _lines(group, settings.line_tolerance)
    ]


def _page_blocks(page, page_no: int, chars: list[dict], settings: PdfSettings) -> list[Placed]:
    """One pass over the page's visible characters: each goes to the table cell it falls in, or to the
    text. The page is read in the frame of its main writing direction (a table printed sideways on a
    portrait page is read turned); text in another direction is read in its own."""
    direction: dict[int, list[dict]] = {}
    for ch in chars:
        direction.setdefault(rotation(ch, settings.chars) or 0, []).append(ch)  # (tilted ones are gone)
    main = max(direction, key=lambda r: len(direction[r]))
    frame = Frame(main, page.width, page.height)
    tables = _find_tables(page, frame, settings)
    indexes = [_CellIndex(t) for t in tables]
    in_cells: list[dict[int, dict[int, list[dict]]]] = [{} for _ in tables]
    outside: dict[int, list[dict]] = {}
    for r in sorted(direction, key=lambda r: r != main):
        own = frame if r == main else Frame(r, page.width, page.height)
        for ch in direction[r]:
            x0, top, x1, bottom = ch["x0"], ch["top"], ch["x1"], ch["bottom"]
            if main:
                x0, top, x1, bottom = frame.box(x0, top, x1, bottom)
            x, y = (x0 + x1) / 2, (top + bottom) / 2
            seen = own.char(ch) if r == main else {**own.char(ch), "order": y}
            if seen is not ch:  # read turned: keep where it is printed on the page
                seen[_PAGE_BOX] = char_box(ch)
            for index, cells in zip(indexes, in_cells, strict=True):
                k = index.cell_of(x, y)
                if k is not None:
                    cells.setdefault(k, {}).setdefault(r, []).append(seen)
                    break
            else:
                outside.setdefault(r, []).append(seen)
    placed: list[tuple[float, Placed]] = []
    for table, index, cells in zip(tables, indexes, in_cells, strict=True):
        text_of = {index.cells[k]: "\n".join(t for _ln, t in _read(by_dir, settings)) for k, by_dir in cells.items()}
        texts = [[None if box is None else text_of.get(box, "") for box in row.cells] for row in table.rows]
        boxes = {
            index.cells[k]: union(_page_place(c) for g in by_dir.values() for c in g) for k, by_dir in cells.items()
        }
        placed.append((table.bbox[1], (_grid(table, texts, page_no, boxes), _columns(table))))
    for line, text in _read(outside, settings):
        if not is_page_number(text, bare=True):
            first = line[0]
            paragraph = Paragraph(text, page_no, _line_places(line, settings.space_tolerance))
            placed.append((first.get("order", first["top"]), (paragraph, ())))
    return [block for _top, block in sorted(placed, key=lambda tb: tb[0])]


def read_page_without_text(page, page_no: int, layer: TextLayer) -> list[Block]:
    """The blocks of a page whose text layer is not usable (`layer`: `NONE` or `UNREADABLE`, see
    `pdfchars.text_layer`), read from its image by OCR (`pdf_ocr`); the caller records why when no page
    of the file gave any text."""
    return ocr_page(page, page_no)


def extract_pdf(data: bytes, deadline: float | None = None, settings: PdfSettings = SETTINGS) -> Extracted:
    """`deadline` (time.monotonic) is checked between pages: one huge PDF cannot hold up a night.

    Each page's visible chars (watermarks and fake-bold repeats removed, `pdfchars`) are read when its
    text layer is usable, else the page goes to `read_page_without_text`; rows cut by page breaks are
    joined (`splitrows`). Errors: ExtractError for encrypted, corrupt, too long, or unreadable files
    (no text layer / no Unicode map on every page)."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ExtractError("encrypted PDF (password required)") from None
        raise ExtractError(f"corrupt or truncated PDF: {cause}") from None
    with pdf:
        if len(pdf.pages) > settings.max_pages:
            raise ExtractError(f"PDF has {len(pdf.pages)} pages, more than the {settings.max_pages} allowed")
        pages: list[list[Placed]] = []
        layers: set[TextLayer] = set()
        ocr_pages = 0
        for page_no, page in enumerate(pdf.pages, start=1):
            if deadline is not None and time.monotonic() > deadline:
                raise ExtractError(f"time limit reached at page {page_no} of {len(pdf.pages)}")
            chars = visible_chars(page.chars, settings.chars, dark_fills(page.rects, settings.chars))
            layer = text_layer(chars, settings.chars)
            layers.add(layer)
            if layer is TextLayer.USABLE:
                pages.append(_page_blocks(page, page_no, dedupe_chars(chars, settings.chars), settings))
            else:
                pages.append([(block, ()) for block in read_page_without_text(page, page_no, layer)])
                ocr_pages += 1
            page.flush_cache()
        blocks = join_split_rows(pages)
        if TextLayer.USABLE not in layers and not any(has_text(b) for b in blocks):
            reason = UNREADABLE_REASON if TextLayer.UNREADABLE in layers else NO_TEXT_REASON
            raise ExtractError(reason + OCR_FOUND_NOTHING)
        n = len(pdf.pages)
        return Extracted(blocks=tuple(blocks), pages=n, extraction=extraction_of(n - ocr_pages, ocr_pages))
