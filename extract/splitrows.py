"""Join a table row that a page break cut in two (Word's default "allow row to break across pages").

The numbers and the first lines of a long label stay at the bottom of one page; the rest of the label
comes at the top of the next, in a row whose other cells are empty. Read as two rows, the first has a
label no template knows and the second no numbers, so the row's numbers are lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.model import Block, Cell, Table

Columns = tuple[float, ...]  # a table's column boundaries on its page (points): len = columns + 1
Placed = tuple[Block, Columns]  # a block of a page, with its columns when it is a table (else empty)

# A printed number or a "not reported" mark: what a value cell holds, never a label's continuation.
_VALUE = re.compile(r"^(?:[+\-]?[\d,，.．]+\s*%?|[/／\\\-－—–]+|无)$")
# Item numbering that starts a new row's label: 一、 （一） (1) 1. 1、 1．
_NEW_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、])")


def _spans(row: Sequence[Cell], columns: Columns) -> list[tuple[int, int, float, float]]:
    """The row's cells as (first position, last position, x0, x1), horizontal spans joined; `columns`
    has one boundary more than the row has positions."""
    spans: list[tuple[int, int, float, float]] = []
    for j, cell in enumerate(row):
        if cell.merged_left and spans:
            first = spans[-1][0]
            spans[-1] = (first, j, columns[first], columns[j + 1])
        else:
            spans.append((j, j, columns[j], columns[j + 1]))
    return spans


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _joined(last: Sequence[Cell], last_cols: Columns, first: Sequence[Cell], first_cols: Columns) -> tuple | None:
    """`last` with `first`'s text appended cell by cell, when `first` is the rest of `last`: `last` holds a
    value, `first` none, and each of `first`'s texts continues a label cell of `last` above it (by
    x overlap) without starting a new numbered item; else None. (A header row repeated at the top of
    the page prints over the value columns, so it is never taken for the rest of a row.)"""
    if len(last_cols) != len(last) + 1 or len(first_cols) != len(first) + 1:
        return None
    texts = [c.text.strip() for c in last]
    if not any(_VALUE.match(t) for t in texts):
        return None
    above = _spans(last, last_cols)
    tails: dict[int, list[str]] = {}
    for j0, _j1, x0, x1 in _spans(first, first_cols):
        text = first[j0].text.strip()
        if not text:
            continue
        if _VALUE.match(text) or _NEW_ITEM.match(text):
            return None
        k = max(range(len(above)), key=lambda i: _overlap(x0, x1, above[i][2], above[i][3]))
        a0, _a1, ax0, ax1 = above[k]
        if _overlap(x0, x1, ax0, ax1) <= 0 or not texts[a0] or _VALUE.match(texts[a0]):
            return None
        if text not in tails.get(k, []):
            tails.setdefault(k, []).append(text)
    if not tails:
        return None
    row = list(last)
    for k, parts in tails.items():
        a0, a1 = above[k][0], above[k][1]
        text = "\n".join([last[a0].text, *parts])
        for j in range(a0, a1 + 1):
            row[j] = Cell(text, last[j].page, last[j].merged_left)
    return tuple(row)


def join_split_rows(pages: Sequence[Sequence[Placed]]) -> list[Block]:
    """The pages' blocks in order, with each row cut by a page break joined again: where a page ends
    with a table and the next begins with one, and the next's first row is the rest of the last row
    (see `_joined`), its texts are appended to that row's cells (keeping the first page's cell pages)
    and the row is dropped from the next page's table. Column positions are matched by x overlap, so
    the two parts may differ in columns (a label split in two cells on one page only)."""
    out: list[Block] = []
    prev: tuple[int, Columns] | None = None  # (index in out, columns) of a table ending the previous page
    for page in pages:
        blocks = list(page)
        if prev is not None and blocks and isinstance(blocks[0][0], Table) and blocks[0][0].rows:
            (table, columns), (at, prev_cols) = blocks[0], prev
            before = out[at]
            assert isinstance(before, Table)
            row = _joined(before.rows[-1], prev_cols, table.rows[0], columns) if before.rows else None
            if row is not None:
                out[at] = Table((*before.rows[:-1], row))
                blocks[0] = (Table(table.rows[1:]), columns)
                if not table.rows[1:]:
                    blocks.pop(0)
        out.extend(block for block, _cols in blocks)
        if blocks:  # (a page that held only the rest of a row leaves the table open)
            prev = (len(out) - 1, blocks[-1][1]) if isinstance(blocks[-1][0], Table) else None
    return out
