"""Table `active` (FORMAT.md §3): blocks opened by a 第二十条 caption, a header row 信息内容 | columns,
then rows 规章, 行政规范性文件, 行政许可 … whose values fill the header's columns in order."""

from __future__ import annotations

from transform import vocabulary as v
from transform.normalize import label_key
from transform.tables.labels import match
from transform.tables.rowreader import RowReader
from transform.tables.tableout import Deferred, OpenRow, TableRead
from transform.tables.tokens import Token


class ActiveReader(RowReader):
    table = "active"

    def __init__(self, out: TableRead) -> None:
        super().__init__(out)
        self.cols: list[str | None] | None = None  # from the block's header row
        self.header: list[str | None] | None = None  # a header row being read

    def reset(self) -> None:
        self.cols, self.header = None, None

    def n_cols(self, row: OpenRow) -> int | None:
        return len(self.cols) if self.cols else None

    def label(self, tok: Token) -> None:
        key = label_key(tok.raw)
        if "第二十条" in key:
            self.close()
            self.cols, self.header = None, None
            return
        if key == "信息内容":
            self.close()
            self.header = []
            return
        row = match(tok.raw, v.ACTIVE_ROWS)
        if row:
            self._end_header()
            self.open(row.code, tok)
            return
        col = match(tok.raw, v.ACTIVE_COLS)
        starts_header = col and col.how != "similar" and (self.row is None or not self.row.values)
        if self.header is not None or starts_header:
            if self.header is None:
                self.close()
                self.header = []
            self.header.append(col.code if col else None)
            if col is None:
                self.out.check("unknown_column", "warning", f"表头“{tok.raw}”不是标准列", "active")
            return
        self.annotate_or_open(tok)

    def value(self, tok: Token) -> None:
        self._end_header()
        self.add(tok)

    def end_line(self) -> None:
        self._end_header()
        super().end_line()

    def _end_header(self) -> None:
        if self.header is not None:
            self.cols = self.header or None
            self.out.markers.update(c for c in self.header if c)
            self.header = None

    def place(self, row: OpenRow) -> None:
        code = row.code
        assert code is not None
        self.out.markers.add(code)
        if self.cols is None:  # no header printed: columns follow from the format, known at the end
            kind = "glued" if row.glued else "active"
            self.out.deferred.append(Deferred(kind, "active", code, row.label, row.values))
            return
        cols = self.cols
        values = row.values if len(row.values) == len(cols) else row.region
        if row.glued and len(row.values) < len(cols) and not self.out.at_end:  # split at the end (resolve)
            self.out.deferred.append(Deferred("glued", "active", code, row.label, row.values, len(cols), tuple(cols)))
            return
        if len(values) < len(cols):
            self.out.short_row("active", code, row.label, row.values, len(cols))
            return
        if len(values) > len(cols):
            self.out.unaligned("active", code, row.label, row.values, len(cols))
            return
        for col, (cell, page) in zip(cols, values, strict=True):
            if col is not None:
                self.out.emit("active", code, col, cell, page, row.label)
            elif cell.value is not None:
                self.out.check(
                    "unknown_column", "warning", f"{row.label}：表头未识别的列印有 {cell.raw}，未入库", "active", code
                )
