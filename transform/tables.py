"""Table grids → long-format cells for the three standard tables.

The reader walks every table row of the document in reading order, whatever grid it came in: a
report may print the three tables as one grid, as a dozen, or split across pages. Which table a
row belongs to follows from its labels (第二十条…, 申请人情况, 行政复议…) and the section headings
between grids. Rows are matched by their most specific label (the last label cell), columns by
header labels where the table has them and by the fixed order of FORMAT.md where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Block, Cell, Paragraph, Table
from transform import vocabulary as v
from transform.labels import match
from transform.model import CellValue, Check
from transform.normalize import label_key
from transform.sections import heading_no
from transform.values import CellText, Kind, classify

_MODE_OF_SECTION = {2: "active", 3: "requests", 4: "review_litigation"}
_VALUE_KINDS = (Kind.NUMBER, Kind.BLANK)
_REQUEST_HEADERS = frozenset({"申请人情况", "法人或其他组织", *v.REQUEST_COL_LABELS.values()} - {"其他", "总计"})
REVIEW_ORDER = tuple((row, col) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS)


@dataclass(slots=True)
class _Row:
    labels: list[CellText]
    region: list[CellText]  # the cells after the last label: where the numbers are
    pages: list[int | None]  # page of each cell in `region`

    @property
    def values(self) -> list[tuple[CellText, int | None]]:
        return [(c, p) for c, p in zip(self.region, self.pages, strict=True) if c.kind in _VALUE_KINDS]

    @property
    def label(self) -> str:
        return " ".join(c.raw for c in self.labels)


def _printed(values: list[tuple[CellText, int | None]]) -> str:
    return " ".join(c.raw for c, _ in values) or "（无）"


def _row(grid_row: tuple[Cell, ...]) -> _Row:
    cells = [c for c in grid_row if not c.merged_left]
    texts = [classify(c.text) for c in cells]
    last = max((i for i, t in enumerate(texts) if t.kind is Kind.LABEL), default=-1)
    return _Row(
        labels=[t for t in texts[: last + 1] if t.kind is Kind.LABEL],
        region=texts[last + 1 :],
        pages=[c.page for c in cells[last + 1 :]],
    )


def _signal(row: _Row) -> str | None:
    """The table a row announces by its labels, if any."""
    for cell in row.labels:
        key = label_key(cell.raw)
        if any(k in key for k in ("行政复议", "行政诉讼", "未经复议", "复议后起诉")):
            return "review_litigation"
        if any(k in key for k in ("申请人情况", "勾稽关系", "本年新收", "上年结转")) or key == "自然人":
            return "requests"
        if "第二十条" in key or key == "信息内容":
            return "active"
        m = match(cell.raw, v.ACTIVE_ROWS)
        if m and m.how != "similar":
            return "active"
    return None


@dataclass
class TableRead:
    cells: list[CellValue] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)  # codes that tell the format (FORMAT.md §1)


class _Reader:
    def __init__(self) -> None:
        self.out = TableRead()
        self.mode: str | None = None
        self.active_cols: tuple[str, ...] | None = None
        self.pending: tuple[str, str, str] | None = None  # (table, row code, label) awaiting numbers
        self.review_values: list[tuple[CellText, int | None]] = []
        self.seen: set[tuple[str, str, str]] = set()

    # -- walking --------------------------------------------------------------------------------
    def read(self, blocks: tuple[Block, ...]) -> TableRead:
        for block in blocks:
            if isinstance(block, Paragraph):
                no = heading_no(block.text)
                if no in _MODE_OF_SECTION:
                    self._switch(_MODE_OF_SECTION[no])
            elif isinstance(block, Table):
                for cells in block.rows:
                    self._feed(_row(cells))
        self._switch(None)
        return self.out

    def _switch(self, mode: str | None) -> None:
        if mode == self.mode:
            return
        if self.mode == "review_litigation":
            self._flush_review()
        self.mode, self.active_cols, self.pending = mode, None, None

    def _feed(self, row: _Row) -> None:
        signal = _signal(row)
        if signal:
            self._switch(signal)
        if not row.labels and not row.values:
            return
        if self.mode == "active":
            self._active(row)
        elif self.mode == "requests":
            self._requests(row)
        elif self.mode == "review_litigation":
            self._review(row)

    # -- active ---------------------------------------------------------------------------------
    def _active(self, row: _Row) -> None:
        keys = [label_key(c.raw) for c in row.labels]
        if any("第二十条" in k for k in keys):
            self.active_cols = None
            return
        if not row.values and row.labels and (keys[0] == "信息内容" or match(row.label, v.ACTIVE_COLS)):
            cols = [m.code for c in row.labels if (m := match(c.raw, v.ACTIVE_COLS))]
            self.active_cols = tuple(cols) or None
            self.out.markers.update(cols)
            return
        code = self._row_code(row, v.ACTIVE_ROWS, "active")
        if code is None:
            return
        self.out.markers.add(code)
        values = row.values
        candidates = [self.active_cols] if self.active_cols else []
        candidates += [d[code] for d in v.ACTIVE_DEFAULT_COLS.values() if code in d]
        cols = next((c for c in candidates if len(c) == len(values)), None)
        if cols is None and candidates:
            cols = next((c for c in candidates if len(c) == len(row.region)), None)
            values = list(zip(row.region, row.pages, strict=True)) if cols else values
        if cols is None:
            self._unaligned("active", code, row, len(candidates[0]) if candidates else 0)
            return
        for col, (cell, page) in zip(cols, values, strict=True):
            self._emit("active", code, col, cell, page, row.label)

    # -- requests -------------------------------------------------------------------------------
    def _requests(self, row: _Row) -> None:
        if not row.values and any(label_key(c.raw) in _REQUEST_HEADERS for c in row.labels):
            return
        code = self._row_code(row, v.REQUEST_ROWS, "requests")
        if code is None:
            return
        self.out.markers.add(code)
        values = self._fit(row, len(v.REQUEST_COLS), "requests", code)
        for col, (cell, page) in zip(v.REQUEST_COLS, values, strict=False):
            self._emit("requests", code, col, cell, page, row.label)

    def _fit(self, row: _Row, n: int, table: str, code: str) -> list[tuple[CellText, int | None]]:
        """The row's n numbers: by grid position when the grid has exactly n cells after the label,
        else the printed numbers; surplus numbers are dropped from the left only when that cannot
        change a value, otherwise the row is flagged."""
        values = row.values
        if len(row.region) == n:
            return list(zip(row.region, row.pages, strict=True))
        if len(values) == n:
            return values
        if len(values) > n:
            dropped = values[: len(values) - n]
            kept = values[len(values) - n :]
            if len({c.value for c, _ in values}) > 1:
                self.out.checks.append(
                    Check(
                        "extra_cells",
                        "warning",
                        f"{v.TABLE_LABELS[table]} {row.label}：印有{len(values)}个数字，应为{n}个；"
                        f"取后{n}个，舍去 {' '.join(c.raw for c, _ in dropped)}",
                        table,
                        code,
                    )
                )
            return kept
        self._unaligned(table, code, row, n)
        return []

    def _unaligned(self, table: str, code: str, row: _Row, n: int) -> None:
        printed = _printed(row.values)
        self.out.checks.append(
            Check(
                "unaligned_row",
                "error",
                f"{v.TABLE_LABELS[table]} {row.label}：印有{len(row.values)}个数字（{printed}），"
                f"应为{n}个，无法按列对齐，未取值",
                table,
                code,
            )
        )

    # -- review & litigation --------------------------------------------------------------------
    def _review(self, row: _Row) -> None:
        m = match(row.labels[-1].raw, v.REVIEW_ROWS) if row.labels else None
        if m and len(row.values) == len(v.REVIEW_COLS):
            for col, (cell, page) in zip(v.REVIEW_COLS, row.values, strict=True):
                self._emit("review_litigation", m.code, col, cell, page, row.label)
            return
        self.review_values.extend(row.values)

    def _flush_review(self) -> None:
        values, self.review_values = self.review_values, []
        if not values:
            return
        if len(values) != len(REVIEW_ORDER):
            printed = _printed(values)
            self.out.checks.append(
                Check(
                    "unaligned_row",
                    "error",
                    f"{v.TABLE_LABELS['review_litigation']}：印有{len(values)}个数字（{printed}），"
                    f"应为{len(REVIEW_ORDER)}个，无法按列对齐，未取值",
                    "review_litigation",
                )
            )
            return
        for (row, col), (cell, page) in zip(REVIEW_ORDER, values, strict=True):
            self._emit("review_litigation", row, col, cell, page, v.REVIEW_ROWS[row][0])

    # -- shared ---------------------------------------------------------------------------------
    def _row_code(self, row: _Row, vocab: dict[str, tuple[str, ...]], table: str) -> str | None:
        """The row's code from its most specific label; a label-only row waits for its numbers on the
        next row (rows broken across lines or pages)."""
        if not row.labels:
            if self.pending and self.pending[0] == table:
                _, code, label = self.pending
                self.pending = None
                row.labels = [classify(label)]
                return code
            return None
        code = None
        for cell in reversed(row.labels):
            if table == "requests" and any(label_key(cell.raw) == label_key(g) for g in v.REQUEST_GROUPS):
                continue
            m = match(cell.raw, vocab)
            if m:
                code = m.code
                break
        if code and not row.values:
            self.pending = (table, code, row.label)
            return None
        self.pending = None
        if code is None and row.values:
            self.out.checks.append(
                Check(
                    "unknown_row",
                    "warning",
                    f"{v.TABLE_LABELS[table]}：未识别的行“{row.label}”（{_printed(row.values)}），已保留为警告，未入库",
                    table,
                )
            )
        return code

    def _emit(self, table: str, row: str, col: str, cell: CellText, page: int | None, label: str) -> None:
        if (table, row, col) in self.seen:
            self.out.checks.append(
                Check(
                    "duplicate_cell",
                    "warning",
                    f"{v.TABLE_LABELS[table]} {label}：{v.label_of(table, col_code=col)}列重复，保留第一次的值",
                    table,
                    row,
                    col,
                )
            )
            return
        self.seen.add((table, row, col))
        self.out.cells.append(CellValue(table, row, col, cell.value, cell.raw, page, label))


def read_tables(blocks: tuple[Block, ...]) -> TableRead:
    return _Reader().read(blocks)
