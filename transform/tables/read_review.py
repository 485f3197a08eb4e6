"""Table `review_litigation` (FORMAT.md §5): a header of three groups × five outcomes, then 15 numbers in
printed order (review.*, litigation_direct.*, litigation_after_review.*), on one data row or several."""

from __future__ import annotations

from transform import vocabulary as v
from transform.tables.labels import match
from transform.tables.read_requests import is_subsequence
from transform.tables.rowreader import RowReader
from transform.tables.tableout import Deferred, TableRead, Value, printed
from transform.tables.tokens import Token
from transform.tables.values import Kind

REVIEW_ORDER = tuple((row, col) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS)
_PATTERN = tuple(v.REVIEW_COLS) * len(v.REVIEW_ROWS)


class ReviewReader(RowReader):
    table = "review_litigation"

    def __init__(self, out: TableRead) -> None:
        super().__init__(out)
        self.values: list[Value] = []  # the data numbers, in printed order
        self.glued = False
        self.line_row: str | None = None  # a group label printed on the current grid row
        self.line_header: list[str] = []
        self.line_labels: list[str] = []
        self.line_values: list[Value] = []

    def reset(self) -> None:
        pass

    def label(self, tok: Token) -> None:
        row = match(tok.raw, v.REVIEW_ROWS)
        if row:
            self.line_row = row.code
        col = match(tok.raw, v.REVIEW_COLS)
        if col and col.how != "similar":
            self.line_header.append(col.code)
        self.line_labels.append(tok.raw)

    def value(self, tok: Token) -> None:
        if tok.cell is not None and tok.cell.kind is not Kind.EMPTY:
            self.line_values.append((tok.cell, tok.page))
            self.glued |= tok.glued

    def end_line(self) -> None:
        """A group label with its five numbers is placed at once; other numbers join the printed order."""
        values = self.line_values
        if self.line_row and len(values) == len(v.REVIEW_COLS) and not self.glued:
            label = v.REVIEW_ROWS[self.line_row][0]
            for col, (cell, page) in zip(v.REVIEW_COLS, values, strict=True):
                self.out.emit(self.table, self.line_row, col, cell, page, label)
        else:
            if not values and self.line_header and not is_subsequence(self.line_header, _PATTERN):
                printed_header = "、".join(self.line_labels)
                self.out.check("column_mismatch", "error", f"表头列序（{printed_header}）与标准列序不符", self.table)
            self.values.extend(values)
        self.line_row, self.line_header, self.line_labels, self.line_values = None, [], [], []

    def finish(self) -> None:
        self.end_line()
        values, glued, self.values, self.glued = self.values, self.glued, [], False
        n = len(REVIEW_ORDER)
        if not values:
            return
        if len(values) < n and self.out.at_end:
            self._cut(values)
        elif glued and len(values) < n:
            self.out.deferred.append(Deferred("glued", self.table, "", "", values, n))
        elif len(values) > n:
            self.out.check(
                "unaligned_row",
                "error",
                f"印有{len(values)}个数字（{printed(values)}），应为{n}个，无法按列对齐，未取值",
                self.table,
            )
        elif len(values) < n:
            self.out.deferred.append(Deferred("align", self.table, "", "", values, n))
        else:
            for (row, col), (cell, page) in zip(REVIEW_ORDER, values, strict=True):
                self.out.emit(self.table, row, col, cell, page, v.REVIEW_ROWS[row][0])

    def _cut(self, values: list[Value]) -> None:
        """The text ends inside the data row: the groups printed whole, in printed order, whose total adds
        up (S4) are stored; the rest is flagged as cut."""
        width = len(v.REVIEW_COLS)
        done = 0
        for row in v.REVIEW_ROWS:
            group = values[done : done + width]
            numbers = [c.value or 0.0 for c, _ in group]
            if len(group) < width or abs(sum(numbers[:-1]) - numbers[-1]) > 1e-6:
                break
            for col, (cell, page) in zip(v.REVIEW_COLS, group, strict=True):
                self.out.emit(self.table, row, col, cell, page, v.REVIEW_ROWS[row][0])
            done += width
        self.out.short_row(self.table, None, "复议诉讼数据行", values[done:], len(REVIEW_ORDER) - done)
