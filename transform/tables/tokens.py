"""Blocks → one stream of tokens for the table readers: labels, values, grid-row ends, headings, prose.

The readers never look at layout: a DOCX/PDF/HTML grid, a text dump's rows, a pipe-line stream without
row delimiters, paragraphs of one cell each (a page saved with every cell on its own line, a PDF-to-text
dump's lines of numbers) and a crawler's run-together paragraph all become the same kind of sequence.
What the layout did say is kept as two facts a reader may use: `END` marks the end of a grid row (absent
in streams), and `glued` marks a value chunk that may hold several cells printed without a separator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from extract.model import Block, Paragraph, Table
from extract.pagenumbers import is_page_number
from transform.headings import heading_no
from transform.tables.glued import cells_only, scan, trailing_values
from transform.tables.located import Located
from transform.tables.values import CellText, Kind, classify, placed

MAX_LABEL_LINES = 3  # a row label wrapped over up to this many lines (PDF-to-text dumps)
MAX_LABEL_CHARS = 60  # a line longer than this is prose, not part of a wrapped label


class T(Enum):
    LABEL = "label"
    VALUE = "value"  # a number, a "not reported" mark, or an empty grid position
    END = "end"  # end of a grid row
    HEADING = "heading"  # a section heading; `no` says which
    TEXT = "text"  # prose between labels of a run-together paragraph


@dataclass(frozen=True, slots=True)
class Token:
    kind: T
    cell: CellText | None = None
    page: int | None = None
    line: int = 0  # index of the grid row (or paragraph) the token came from
    glued: bool = False  # a digit chunk from running text: may be several cells run together
    stream: bool = False  # from a source without row delimiters
    no: int | None = None  # section number of a HEADING

    @property
    def raw(self) -> str:
        return self.cell.raw if self.cell else ""


def _table(block: Table, line: int) -> Iterator[Token]:
    for i, row in enumerate(block.rows):
        for cell in row:
            if cell.merged_left:
                continue
            text = placed(classify(cell.text, cell.confidence), cell.place)
            kind = T.LABEL if text.kind is Kind.LABEL else T.VALUE
            yield Token(kind, text, cell.page, line + i, stream=block.stream)
        if not block.stream:
            yield Token(T.END, line=line + i)
    if block.stream:
        yield Token(T.END, line=line + len(block.rows))


def _paragraph(block: Paragraph, line: int, before: list[str]) -> Iterator[Token]:
    """A heading, a paragraph of running text holding a table (`scan`), or a row whose label wrapped
    onto the lines `before` it (PDF-to-text dumps); nothing for prose."""
    no = heading_no(block.text)
    if no is not None:
        yield Token(T.HEADING, line=line, no=no)
        return
    pieces = scan(block.text)
    if pieces is None:
        yield from _wrapped_row(block, line, before)
        return
    at = Located(block)
    for kind, text, start in pieces:
        if kind == "label":
            yield Token(T.LABEL, classify(text), block.page, line, stream=True)
        elif kind == "text":
            yield Token(T.TEXT, line=line)
        else:
            yield Token(T.VALUE, at.cell(text, start), block.page, line, glued=True, stream=True)
    yield Token(T.END, line=line)


def _wrapped_row(block: Paragraph, line: int, before: list[str]) -> Iterator[Token]:
    """`其他情形） 0 0 0 0 0 0 0` after `（二）部分公开（区分处理的，只计这一情形，不计`: the words before the
    numbers, joined to the lines above them (up to MAX_LABEL_LINES in all, most first), are the format's
    labels and nothing else."""
    tail = trailing_values(block.text)
    if tail is None:
        return
    head, values = tail
    at = Located(block)
    for k in range(min(len(before), MAX_LABEL_LINES - 1), -1, -1):
        pieces = cells_only("".join(before[len(before) - k :]) + head)
        if pieces and all(kind == "label" for kind, _, _ in pieces):
            for _kind, label, _start in pieces:
                yield Token(T.LABEL, classify(label), block.page, line, stream=True)
            for value, start in values:
                yield Token(T.VALUE, at.cell(value, start), block.page, line, glued=True, stream=True)
            yield Token(T.END, line=line)
            return


def _cells(block: Block) -> list[CellText] | None:
    """The cells of a paragraph that holds nothing but the format's labels, numbers and blank marks (a
    cell alone on its line, a header line, a row `规章 0 0 5`, a line of numbers); None otherwise."""
    if not isinstance(block, Paragraph) or heading_no(block.text) is not None or is_page_number(block.text):
        return None
    pieces = cells_only(block.text)
    if pieces is None:
        return None
    at = Located(block)
    return [at.cell(text, start) for _kind, text, start in pieces]


def _cell_lines(blocks: tuple[Block, ...], start: int) -> list[list[CellText]]:
    """The cells of each paragraph from `start` on that holds nothing but cells."""
    run: list[list[CellText]] = []
    while start + len(run) < len(blocks):
        cells = _cells(blocks[start + len(run)])
        if cells is None:
            break
        run.append(cells)
    return run


def _cell_run(run: list[list[CellText]], paras: tuple[Block, ...], line: int) -> Iterator[Token]:
    """Paragraphs of cells. With a label and a number among them, all are read; otherwise only the lines
    of several cells (a header line, a line of numbers). A line of several cells is a grid row (`END`
    after it) whose value chunks may be cells run together; a cell alone on its line is one cell, and no
    `END` follows it, so rows printed one cell per line (a saved web page) are closed by their labels and
    column counts, and a row broken by a page banner or a line of prose continues after it."""
    table = {c.kind is Kind.LABEL for cells in run for c in cells} == {True, False}
    for offset, (cells, para) in enumerate(zip(run, paras, strict=True)):
        row = len(cells) > 1
        if not (table or row):
            continue
        for cell in cells:
            label = cell.kind is Kind.LABEL
            kind = T.LABEL if label else T.VALUE
            yield Token(kind, cell, para.page, line + offset, glued=row and not label, stream=True)
        if row:
            yield Token(T.END, line=line + offset)


def tokenize(blocks: tuple[Block, ...]) -> Iterator[Token]:
    """Every block's tokens in reading order. Linear in the size of the blocks."""
    line, i = 0, 0
    before: list[str] = []  # the short prose lines just read: the first lines of a wrapped label
    while i < len(blocks):
        block = blocks[i]
        run = _cell_lines(blocks, i)
        if run:
            yield from _cell_run(run, blocks[i : i + len(run)], line)
            line, i, before = line + len(run), i + len(run), []
            continue
        if isinstance(block, Paragraph):
            yield from _paragraph(block, line, before)
            short = len(block.text) <= MAX_LABEL_CHARS and "。" not in block.text
            before = [*before[-(MAX_LABEL_LINES - 1) :], block.text.strip()] if short else []
            line += 1
        else:
            yield from _table(block, line)
            line += len(block.rows) + 1
            before = []
        i += 1
