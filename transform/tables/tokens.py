"""Blocks → one stream of tokens for the table readers: labels, values, grid-row ends, headings, prose.

The readers never look at layout: a DOCX/PDF/HTML grid, a text dump's rows, a pipe-line stream without
row delimiters and a crawler's run-together paragraph all become the same kind of sequence. What the
layout did say is kept as two facts a reader may use: `END` marks the end of a grid row (absent in
streams), and `glued` marks a value chunk that may hold several cells printed without a separator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from extract.model import Block, Paragraph, Table
from transform.headings import heading_no
from transform.tables.glued import scan
from transform.tables.values import CellText, Kind, classify


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


def tokenize(blocks: tuple[Block, ...]) -> Iterator[Token]:
    """Every block's tokens in reading order. Linear in the size of the blocks."""
    line = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from _paragraph(block, line)
            line += 1
        else:
            yield from _table(block, line)
            line += len(block.rows) + 1
