"""Table `requests` (FORMAT.md §4): a two-level applicant header, then 25 (v2019: 23) rows of seven values
in the fixed column order. Group labels (三、本年度办理结果, （三）不予公开 …) carry no numbers; 总计 and 其他
are columns inside the header and rows after it."""

from __future__ import annotations

from transform import vocabulary as v
from transform.normalize import label_key
from transform.tables.labels import match
from transform.tables.rowreader import RowReader
from transform.tables.tableout import Deferred, OpenRow, TableRead, Value, printed
from transform.tables.tokens import Token
from transform.tables.values import Kind

_GROUP_KEYS = frozenset(label_key(g) for g in v.REQUEST_GROUPS)
_HEADER_KEYS = frozenset(label_key(w) for w in ("申请人情况", "法人或其他组织"))
_APPLICANT_GROUP = label_key("法人或其他组织")


def is_subsequence(codes: list[str], order: tuple[str, ...]) -> bool:
    it = iter(order)
    return all(code in it for code in codes)


class RequestsReader(RowReader):
    table = "requests"

    def __init__(self, out: TableRead) -> None:
        super().__init__(out)
        self.cols: tuple[str, ...] = v.REQUEST_COLS
        self.conflict: str | None = None
        self.header: list[str] | None = None  # column codes of a header being read
        self.header_labels: list[str] = []
        self.two_level = False  # the header names the 法人或其他组织 group: the template's merged header
        self.sequence: list[str | None] = []  # codes of the rows read, in order; None: a row without a known label

    def reset(self) -> None:
        self.header = None

    def n_cols(self, row: OpenRow) -> int | None:
        return len(self.cols)

    def label(self, tok: Token) -> None:
        key = label_key(tok.raw)
        if key in _GROUP_KEYS:
            if self.row is not None and self.row.values:
                self.close()
            return
        if key in _HEADER_KEYS or "勾稽关系" in key:
            self._start_header()
            self.two_level |= key == _APPLICANT_GROUP
            return
        col = match(tok.raw, v.REQUEST_COL_VOCAB)
        col = col if col and col.how != "similar" else None
        row = match(tok.raw, v.REQUEST_ROWS)
        if col and (self.header is not None or row is None):
            self._start_header()
            assert self.header is not None
            self.header.append(col.code)
            self.header_labels.append(tok.raw)
            return
        if self.header is not None and row is None:
            return  # a header word the format does not name (（数据项目）, 社会公益 …)
        self._end_header()
        if row:
            self.open(row.code, tok)
        else:
            self.annotate_or_open(tok)

    def value(self, tok: Token) -> None:
        self._end_header()
        if self.row is None and tok.cell is not None and tok.cell.kind in (Kind.NUMBER, Kind.BLANK):
            self.row = OpenRow(None, "", tok.line)  # numbers whose label was lost (broken extraction)
        self.add(tok)

    def close(self) -> None:
        """Rows without a known label are kept, with their place among the rows read, for
        transform.tables.resolve to place by the format's row order, or to report."""
        row = self.row
        if row is not None and row.values:
            self.sequence.append(row.code)
            if row.code is None:
                self.row = None
                self.out.deferred.append(Deferred("orphan", "requests", "", row.label, row.values, len(self.sequence)))
                return
        super().close()

    def end_line(self) -> None:
        self._end_header()
        super().end_line()

    def finish(self) -> None:
        self._end_header()
        super().finish()

    def _start_header(self) -> None:
        if self.header is None:
            self.close()
            self.header, self.header_labels, self.two_level = [], [], False

    def _end_header(self) -> None:
        """A complete leaf header decides the column order by label; a partial one must agree with it.
        The template's two-level header, flattened, lists 总计 before 商业企业: it says nothing of order."""
        codes, self.header = self.header, None
        if not codes or self.two_level:
            return
        if sorted(codes) == sorted(v.REQUEST_COLS) and len(codes) == len(v.REQUEST_COLS):
            self.cols = tuple(codes)
        elif not is_subsequence(codes, self.cols):
            self.conflict = f"表头列序（{'、'.join(self.header_labels)}）与标准列序不符"

    def place(self, row: OpenRow) -> None:
        code = row.code
        assert code is not None
        self.out.markers.add(code)
        if self.conflict:
            self.out.unaligned("requests", code, row.label, row.values, len(v.REQUEST_COLS), self.conflict)
            return
        n = len(self.cols)
        if self.out.at_end and len(row.values) < n:
            self.out.short_row("requests", code, row.label, row.values, n)
            return
        if row.glued and len(row.values) < n:
            self.out.deferred.append(Deferred("glued", "requests", code, row.label, row.values, n))
            return
        if len(row.region) == n:
            values = row.region
        elif len(row.values) >= n:
            values = self._surplus(row, n)
        else:
            self.out.deferred.append(Deferred("align", "requests", code, row.label, row.values, n))
            return
        for col, (cell, page) in zip(self.cols, values, strict=True):
            self.out.emit("requests", code, col, cell, page, row.label)

    def _surplus(self, row: OpenRow, n: int) -> list[Value]:
        """More numbers than columns: drop from the left only when that cannot change a value."""
        values = row.values
        if len(values) > n and len({c.value for c, _ in values}) > 1:
            dropped = printed(values[: len(values) - n])
            self.out.check(
                "extra_cells",
                "warning",
                f"{row.label}：印有{len(values)}个数字，应为{n}个；取后{n}个，舍去 {dropped}",
                "requests",
                row.code,
            )
        return values[len(values) - n :]
