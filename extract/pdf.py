"""PDF reports with pdfplumber: tables rebuilt from ruling lines, text lines outside them as paragraphs.

One pass per page: the page's tables are found once from its ruling lines, then each character goes
either to the table cell it falls in or to the text outside, and both become lines the same way; all
blocks are ordered top to bottom. Tables that continue on the
next page come out as separate grids; `transform` reads rows across them in order, so a row whose label
is on one page and numbers on the next is joined there.
"""

from __future__ import annotations

import io
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extract.model import Block, Cell, Extracted, ExtractError, Paragraph, Table
from extract.pagenumbers import is_page_number


@dataclass(frozen=True)
class PdfSettings:
    """All pdfplumber knobs in one place."""

    table: dict = field(
        default_factory=lambda: {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "snap_tolerance": 3,
            "join_tolerance": 3,
            "intersection_tolerance": 3,
        }
    )
    line_tolerance: float = 3.0  # characters whose tops differ by less are on one line
    space_tolerance: float = 3.0  # a wider gap between characters is a space
    max_pages: int = 200


SETTINGS = PdfSettings()


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


def _text_lines(chars: list[dict], line_tol: float, space_tol: float) -> list[tuple[float, str]]:
    """Characters → text lines (top, text), top to bottom; a gap wider than space_tol is a space."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and ch["top"] - lines[-1][0]["top"] < line_tol:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        parts, last = [], None
        for ch in sorted(line, key=lambda c: c["x0"]):
            if last is not None and ch["x0"] - last > space_tol:
                parts.append(" ")
            parts.append(ch["text"])
            last = ch["x1"]
        out.append((line[0]["top"], "".join(parts)))
    return out


def _grid(table, texts: list[list[str | None]], page_no: int) -> Table:
    """Expand merged cells: pdfplumber reports positions covered by a merged cell as None; such a
    position takes the text of the cell that covers it (left: horizontal span, above: vertical)."""
    rows: list[list[Cell]] = []
    boxes = [row.cells for row in table.rows]
    for i, (row_boxes, row_texts) in enumerate(zip(boxes, texts, strict=True)):
        row: list[Cell] = []
        for j, (box, text) in enumerate(zip(row_boxes, row_texts, strict=True)):
            if box is not None:
                row.append(Cell(text or "", page_no))
                continue
            left = next((k for k in range(j - 1, -1, -1) if row_boxes[k] is not None), None)
            if left is not None and _covers_x(row_boxes[left], boxes, j):
                row.append(Cell(row[left].text, page_no, merged_left=True))
            elif i > 0 and j < len(rows[i - 1]):
                row.append(Cell(rows[i - 1][j].text, page_no))
            else:
                row.append(Cell("", page_no))
        rows.append(row)
    return Table(tuple(tuple(r) for r in rows))


def _covers_x(box: tuple, boxes: list[list], col: int) -> bool:
    """Whether a cell's box extends over column `col` (some row has a box starting in that column)."""
    starts = [r[col][0] for r in boxes if col < len(r) and r[col] is not None]
    return bool(starts) and box[2] > min(starts) + 1


def _page_blocks(page, page_no: int, settings: PdfSettings) -> list[Block]:
    """One pass over the page's characters: each goes to the table cell it falls in, or to the text."""
    tables = [t for t in page.find_tables(settings.table) if max(len(r.cells) for r in t.rows) > 1]
    # (a one-column "table" is a framed text box: its text stays with the paragraphs)
    indexes = [_CellIndex(t) for t in tables]
    in_cells: list[dict[int, list[dict]]] = [{} for _ in tables]
    outside: list[dict] = []
    for ch in page.chars:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for index, cells in zip(indexes, in_cells, strict=True):
            k = index.cell_of(x, y)
            if k is not None:
                cells.setdefault(k, []).append(ch)
                break
        else:
            outside.append(ch)
    placed: list[tuple[float, Block]] = []
    for table, index, cells in zip(tables, indexes, in_cells, strict=True):
        text_of = {
            index.cells[k]: "\n".join(
                t for _top, t in _text_lines(chars, settings.line_tolerance, settings.space_tolerance)
            )
            for k, chars in cells.items()
        }
        texts = [[None if box is None else text_of.get(box, "") for box in row.cells] for row in table.rows]
        placed.append((table.bbox[1], _grid(table, texts, page_no)))
    for top, text in _text_lines(outside, settings.line_tolerance, settings.space_tolerance):
        if not is_page_number(text, bare=True):
            placed.append((top, Paragraph(text, page_no)))
    return [block for _top, block in sorted(placed, key=lambda tb: tb[0])]


def extract_pdf(data: bytes, deadline: float | None = None, settings: PdfSettings = SETTINGS) -> Extracted:
    """`deadline` (time.monotonic) is checked between pages: one huge PDF cannot hold up a night."""
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
        blocks: list[Block] = []
        chars = 0
        for page_no, page in enumerate(pdf.pages, start=1):
            if deadline is not None and time.monotonic() > deadline:
                raise ExtractError(f"time limit reached at page {page_no} of {len(pdf.pages)}")
            chars += len(page.chars)
            blocks.extend(_page_blocks(page, page_no, settings))
            page.flush_cache()
        if chars == 0:
            raise ExtractError("no text layer (scanned?)")
        return Extracted(blocks=tuple(blocks), pages=len(pdf.pages))
