"""The part every table reader shares: a label opens a row, the values after it fill its columns in order.

A row is closed by the next row label, by prose, by the end of its grid row once it has values (a row
printed with fewer numbers than columns lost its blanks), or, in a source without row delimiters, as
soon as it has one value per column. A label printed alone keeps its row open for the numbers on the
next grid row (rows broken across lines or pages).
"""

from __future__ import annotations

from transform.tables.tableout import OpenRow, TableRead
from transform.tables.tokens import T, Token


class RowReader:
    """Base of the per-table readers; subclasses decide what a label means and place a closed row."""

    table = ""

    def __init__(self, out: TableRead) -> None:
        self.out = out
        self.row: OpenRow | None = None

    def n_cols(self, row: OpenRow) -> int | None:
        """How many values complete `row`, when known before it closes."""
        return None

    def place(self, row: OpenRow) -> None:
        raise NotImplementedError

    def open(self, code: str | None, tok: Token) -> None:
        self.close()
        self.row = OpenRow(code, tok.raw, tok.line)

    def annotate_or_open(self, tok: Token) -> None:
        """A label the format does not know: a note on the label just printed on the same grid row
        (规章 | （含…）), else a row of its own whose numbers are reported, not stored."""
        row = self.row
        if row is not None and row.line == tok.line and not row.values and not tok.stream:
            row.label = f"{row.label} {tok.raw}"
        else:
            self.open(None, tok)

    def add(self, tok: Token) -> None:
        row = self.row
        if row is None or tok.cell is None:
            return
        if tok.line != row.line and not row.values:  # the numbers of a label printed alone
            row.region.clear()
            row.line = tok.line
        row.region.append((tok.cell, tok.page))
        row.glued |= tok.glued
        n = self.n_cols(row)
        if tok.stream and not tok.glued and n is not None and len(row.values) >= n:
            self.close()

    def end_line(self) -> None:
        if self.row is not None and self.row.values:
            self.close()

    def close(self) -> None:
        row, self.row = self.row, None
        if row is None or not row.values:
            return
        if row.code is None:
            self.out.unknown_row(self.table, row.label, row.values)
            return
        self.place(row)

    def feed(self, tok: Token) -> None:
        if tok.kind is T.LABEL:
            self.label(tok)
        elif tok.kind is T.VALUE:
            self.value(tok)
        elif tok.kind is T.END:
            self.end_line()
        elif tok.kind is T.TEXT:
            self.close()

    def label(self, tok: Token) -> None:
        raise NotImplementedError

    def value(self, tok: Token) -> None:
        self.add(tok)

    def finish(self) -> None:
        """The table ends (another table or section begins, or the document ends)."""
        self.close()
