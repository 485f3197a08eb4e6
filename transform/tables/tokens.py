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
from transform.headings import heading_no
from transform.tables.glued import is_label, scan
from transform.tables.values import CellText, Kind, classify

_VALUE_KINDS = (Kind.NUMBER, Kind.BLANK)


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
            text = classify(cell.text, cell.confidence)
            kind = T.LABEL if text.kind is Kind.LABEL else T.VALUE
            yield Token(kind, text, cell.page, line + i, stream=block.stream)
        if not block.stream:
            yield Token(T.END, line=line + i)
    if block.stream:
        yield Token(T.END, line=line + len(block.rows))


def _paragraph(block: Paragraph, line: int) -> Iterator[Token]:
    no = heading_no(block.text)
    if no is not None:
        yield Token(T.HEADING, line=line, no=no)
        return
    pieces = scan(block.text)
    if pieces is None:
        return
    for kind, text in pieces:
        if kind == "label":
            yield Token(T.LABEL, classify(text), block.page, line, stream=True)
        elif kind == "text":
            yield Token(T.TEXT, line=line)
        else:
            yield Token(T.VALUE, classify(text), block.page, line, glued=True, stream=True)
    yield Token(T.END, line=line)


def _cells(block: Block) -> list[CellText] | None:
    """The cells of a paragraph that holds nothing but cells: one of the format's labels, or numbers and
    blank marks separated by spaces (`0`, `0 0 0 0 0 0 0`); None for anything else."""
    if not isinstance(block, Paragraph) or heading_no(block.text) is not None:
        return None
    parts = [classify(part) for part in block.text.split()]
    if parts and all(c.kind in _VALUE_KINDS for c in parts):
        return parts
    return [classify(block.text)] if is_label(block.text) else None


def _cell_run(blocks: tuple[Block, ...], start: int) -> list[list[CellText]]:
    """The paragraphs from `start` that hold one cell (or a line of numbers) each, when they are a table
    printed that way: a label and a number among them. Empty otherwise."""
    run: list[list[CellText]] = []
    while start + len(run) < len(blocks):
        cells = _cells(blocks[start + len(run)])
        if cells is None:
            break
        run.append(cells)
    kinds = {c.kind is Kind.LABEL for cells in run for c in cells}
    return run if kinds == {True, False} else []


def tokenize(blocks: tuple[Block, ...]) -> Iterator[Token]:
    """Every block's tokens in reading order. Linear in the size of the blocks. A run of paragraphs of one
    cell each is a stream (rows closed by their labels and column counts, as in a pipe-line stream); it
    yields no `END`, so a row broken by a page banner or a line of prose continues after it."""
    line, i = 0, 0
    while i < len(blocks):
        block = blocks[i]
        run = _cell_run(blocks, i)
        if run:
            for cells, para in zip(run, blocks[i : i + len(run)], strict=True):
                for cell in cells:
                    kind = T.LABEL if cell.kind is Kind.LABEL else T.VALUE
                    yield Token(kind, cell, para.page, line, stream=True)
            line += len(run)
            i += len(run)
            continue
        if isinstance(block, Paragraph):
            yield from _paragraph(block, line)
            line += 1
        else:
            yield from _table(block, line)
            line += len(block.rows) + 1
        i += 1
