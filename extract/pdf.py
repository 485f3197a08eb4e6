"""PDF reports with pdfplumber: tables rebuilt from ruling lines, text lines outside them as paragraphs.

One pass per page: the page's tables are found once, their cells filled from the page's characters,
and the remaining text lines become paragraphs, all ordered top to bottom. Tables that continue on the
next page come out as separate grids; `transform` reads rows across them in order, so a row whose label
is on one page and numbers on the next is joined there.
"""

from __future__ import annotations

import io
import time
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
    line_tolerance: float = 3.0  # words whose tops differ by less are on one line
    max_pages: int = 200


SETTINGS = PdfSettings()


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


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


def _lines(words: list[dict], tolerance: float) -> list[tuple[float, str]]:
    """Group words into text lines (top, text), top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [(ws[0]["top"], " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"]))) for ws in lines]


def _page_blocks(page, page_no: int, settings: PdfSettings) -> list[Block]:
    placed: list[tuple[float, Block]] = []
    table_boxes = []
    for table in page.find_tables(settings.table):
        texts = table.extract()
        if texts and max(len(r) for r in texts) == 1:
            continue  # a framed text box, not a data table: its text stays in the paragraphs
        table_boxes.append(table.bbox)
        placed.append((table.bbox[1], _grid(table, texts, page_no)))
    words = [w for w in page.extract_words(use_text_flow=True) if not any(_inside(w, b) for b in table_boxes)]
    for top, text in _lines(words, settings.line_tolerance):
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
