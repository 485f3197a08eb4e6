"""Table grids → long-format cells for the three standard tables.

The reader walks every table row of the document in reading order, whatever grid it came in: a report
may print the three tables as one grid, as a dozen, or split across pages. Which table a row belongs to
follows from its labels (第二十条…, 申请人情况, 行政复议…) and the section headings between grids. Rows
are matched by their most specific label (the last label cell). Columns follow the header labels: a
number is placed by position only where the printed header agrees with the format's column order, and
rows the reader cannot place for sure are resolved at the end (once the format is known, or by the
accounting identities) or flagged, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Block, Cell, Paragraph, Table
from transform import vocabulary as v
from transform.align import unique_placement
from transform.labels import match
from transform.model import CellValue, Check
from transform.normalize import label_key
from transform.sections import heading_no
from transform.values import CellText, Kind, classify, in_column_unit

_MODE_OF_SECTION = {2: "active", 3: "requests", 4: "review_litigation"}
_VALUE_KINDS = (Kind.NUMBER, Kind.BLANK)
_GROUP_KEYS = frozenset(label_key(g) for g in v.REQUEST_GROUPS)
REVIEW_ORDER = tuple((row, col) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS)
Value = tuple[CellText, int | None]  # a printed cell and its page


@dataclass(slots=True)
class _Row:
    labels: list[CellText]
    region: list[CellText]  # the cells after the last label: where the numbers are
    pages: list[int | None]  # page of each cell in `region`

    @property
    def values(self) -> list[Value]:
        return [(c, p) for c, p in zip(self.region, self.pages, strict=True) if c.kind in _VALUE_KINDS]

    @property
    def positions(self) -> list[Value]:
        return list(zip(self.region, self.pages, strict=True))

    @property
    def label(self) -> str:
        return " ".join(c.raw for c in self.labels)


@dataclass(slots=True)
class _Deferred:
    """A row whose columns can be decided only after the whole document has been read."""

    table: str
    code: str
    label: str
    values: list[Value]
    n_cols: int = 0


def _printed(values: list[Value]) -> str:
    return " ".join(c.raw for c, _ in values) or "（无）"


def _row(grid_row: tuple[Cell, ...]) -> _Row:
    cells = [c for c in grid_row if not c.merged_left]
    texts = [classify(c.text, c.confidence) for c in cells]
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


def _is_subsequence(codes: list[str], order: tuple[str, ...]) -> bool:
    it = iter(order)
    return all(code in it for code in codes)


def _header_codes(row: _Row, vocab: dict[str, tuple[str, ...]]) -> list[str]:
    return [m.code for c in row.labels if (m := match(c.raw, vocab)) and m.how != "similar"]


@dataclass
class TableRead:
    cells: list[CellValue] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)  # codes that tell the format (FORMAT.md §1)


class _Reader:
    def __init__(self) -> None:
        self.out = TableRead()
        self.mode: str | None = None
        self.active_cols: list[str | None] | None = None  # from the block's header row
        self.request_cols: tuple[str, ...] = v.REQUEST_COLS
        self.request_conflict: str | None = None
        self.pending: tuple[str, str, str] | None = None  # (table, row code, label) awaiting numbers
        self.review_values: list[Value] = []
        self.deferred: list[_Deferred] = []
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
        self._resolve_deferred()
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

    def _check(
        self, code: str, severity: str, message: str, table: str, row: str | None = None, col: str | None = None
    ) -> None:
        self.out.checks.append(Check(code, severity, f"{v.TABLE_LABELS[table]} {message}", table, row, col))

    # -- active ---------------------------------------------------------------------------------
    def _active(self, row: _Row) -> None:
        keys = [label_key(c.raw) for c in row.labels]
        if any("第二十条" in k for k in keys):
            self.active_cols = None
            return
        if not row.values and row.labels and (keys[0] == "信息内容" or _header_codes(row, v.ACTIVE_COLS)):
            self._active_header(row, keys)
            return
        code = self._row_code(row, v.ACTIVE_ROWS, "active")
        if code is None:
            return
        self.out.markers.add(code)
        if self.active_cols is None:  # no header printed: columns follow from the format, known at the end
            self.deferred.append(_Deferred("active", code, row.label, row.values))
            return
        cols = self.active_cols
        values = row.values if len(row.values) == len(cols) else row.positions
        if len(values) != len(cols):
            self._unaligned("active", code, row.label, row.values, len(cols))
            return
        for col, (cell, page) in zip(cols, values, strict=True):
            if col is not None:
                self._emit("active", code, col, cell, page, row.label)
            elif cell.kind is Kind.NUMBER:
                self._check(
                    "unknown_column", "warning", f"{row.label}：表头未识别的列印有 {cell.raw}，未入库", "active", code
                )

    def _active_header(self, row: _Row, keys: list[str]) -> None:
        labels = row.labels[1:] if keys[0] == "信息内容" else row.labels
        cols = []
        for cell in labels:
            m = match(cell.raw, v.ACTIVE_COLS)
            cols.append(m.code if m else None)
            if m is None:
                self._check("unknown_column", "warning", f"表头“{cell.raw}”不是标准列", "active")
        self.active_cols = cols or None
        self.out.markers.update(c for c in cols if c)

    # -- requests -------------------------------------------------------------------------------
    def _requests(self, row: _Row) -> None:
        if not row.values:
            codes = _header_codes(row, v.REQUEST_COL_VOCAB)
            if len(codes) >= 2 or (codes and codes[0] not in ("other_org", "total")):
                self._request_header(row, codes)
                return
        code = self._row_code(row, v.REQUEST_ROWS, "requests")
        if code is None:
            return
        self.out.markers.add(code)
        if self.request_conflict:
            self._unaligned("requests", code, row.label, row.values, len(v.REQUEST_COLS), self.request_conflict)
            return
        n = len(self.request_cols)
        if len(row.region) == n:
            values = row.positions
        elif len(row.values) >= n:
            values = self._surplus(row, n, "requests", code)
        else:
            self.deferred.append(_Deferred("requests", code, row.label, row.values, n))
            return
        for col, (cell, page) in zip(self.request_cols, values, strict=True):
            self._emit("requests", code, col, cell, page, row.label)

    def _request_header(self, row: _Row, codes: list[str]) -> None:
        """A complete leaf header decides the column order by label; a partial one must agree with it."""
        if sorted(codes) == sorted(v.REQUEST_COLS) and len(codes) == len(v.REQUEST_COLS):
            self.request_cols = tuple(codes)
        elif not _is_subsequence(codes, self.request_cols):
            printed = "、".join(c.raw for c in row.labels)
            self.request_conflict = f"表头列序（{printed}）与标准列序不符"

    def _surplus(self, row: _Row, n: int, table: str, code: str) -> list[Value]:
        """More numbers than columns: drop from the left only when that cannot change a value."""
        values = row.values
        if len(values) > n and len({c.value for c, _ in values}) > 1:
            dropped = _printed(values[: len(values) - n])
            self._check(
                "extra_cells",
                "warning",
                f"{row.label}：印有{len(values)}个数字，应为{n}个；取后{n}个，舍去 {dropped}",
                table,
                code,
            )
        return values[len(values) - n :]

    # -- review & litigation --------------------------------------------------------------------
    def _review(self, row: _Row) -> None:
        m = match(row.labels[-1].raw, v.REVIEW_ROWS) if row.labels else None
        if m and len(row.values) == len(v.REVIEW_COLS):
            for col, (cell, page) in zip(v.REVIEW_COLS, row.values, strict=True):
                self._emit("review_litigation", m.code, col, cell, page, row.label)
            return
        if not row.values:
            codes = _header_codes(row, v.REVIEW_COLS)
            pattern = tuple(v.REVIEW_COLS) * len(v.REVIEW_ROWS)
            if codes and not _is_subsequence(codes, pattern):
                printed = "、".join(c.raw for c in row.labels)
                self._check("column_mismatch", "error", f"表头列序（{printed}）与标准列序不符", "review_litigation")
        self.review_values.extend(row.values)

    def _flush_review(self) -> None:
        values, self.review_values = self.review_values, []
        if not values:
            return
        if len(values) > len(REVIEW_ORDER):
            self._check(
                "unaligned_row",
                "error",
                f"印有{len(values)}个数字（{_printed(values)}），应为{len(REVIEW_ORDER)}个，无法按列对齐，未取值",
                "review_litigation",
            )
            return
        if len(values) < len(REVIEW_ORDER):
            self.deferred.append(_Deferred("review_litigation", "", "", values, len(REVIEW_ORDER)))
            return
        for (row, col), (cell, page) in zip(REVIEW_ORDER, values, strict=True):
            self._emit("review_litigation", row, col, cell, page, v.REVIEW_ROWS[row][0])

    # -- rows decided at the end ----------------------------------------------------------------
    def _resolve_deferred(self) -> None:
        fmt = "v2019" if self.out.markers & v.V2019_MARKERS and not self.out.markers & v.V2021_MARKERS else "v2021"
        for d in self.deferred:
            if d.table == "active":
                self._resolve_active(d, fmt)
            else:
                self._align(d)

    def _resolve_active(self, d: _Deferred, fmt: str) -> None:
        options = [defaults[d.code] for defaults in v.ACTIVE_DEFAULT_COLS.values() if d.code in defaults]
        fitting = [cols for cols in options if len(cols) == len(d.values)]
        preferred = v.ACTIVE_DEFAULT_COLS[fmt].get(d.code)
        cols = preferred if preferred in fitting else (fitting[0] if len(fitting) == 1 else None)
        if cols is None:
            self._unaligned("active", d.code, d.label, d.values, len(options[0]) if options else 0)
            return
        names = "、".join(v.label_of("active", col_code=c) for c in cols)
        self._check("assumed_columns", "warning", f"{d.label}：未印表头，按{fmt}格式取列（{names}）", "active", d.code)
        for col, (cell, page) in zip(cols, d.values, strict=True):
            self._emit("active", d.code, col, cell, page, d.label)

    def _align(self, d: _Deferred) -> None:
        """Blanks were dropped: place the numbers where the accounting identities allow only one way."""
        cols = [(d.code, c) for c in self.request_cols] if d.table == "requests" else list(REVIEW_ORDER)

        def build(placed: tuple[int, ...]) -> list[CellValue]:
            by_col = dict(zip(placed, d.values, strict=True))
            return [
                CellValue(
                    d.table,
                    row,
                    col,
                    by_col[i][0].value if i in by_col else None,
                    by_col[i][0].raw if i in by_col else "",
                    by_col[i][1] if i in by_col else None,
                    d.label,
                    by_col[i][0].confidence if i in by_col else None,
                )
                for i, (row, col) in enumerate(cols)
            ]

        placed = unique_placement(self.out.cells, d.n_cols, len(d.values), build)
        where = d.label or "复议诉讼数据行"
        if placed is None:
            self._unaligned(d.table, d.code or None, where, d.values, d.n_cols)
            return
        self._check(
            "aligned_by_identities",
            "warning",
            f"{where}：只印有{len(d.values)}个数字（{_printed(d.values)}），应为{d.n_cols}个；"
            "按勾稽关系唯一可能的位置对齐，其余为空",
            d.table,
            d.code or None,
        )
        for cell in build(placed):
            self._store(cell)

    def _unaligned(
        self, table: str, code: str | None, label: str, values: list[Value], n: int, why: str | None = None
    ) -> None:
        reason = why or f"印有{len(values)}个数字（{_printed(values)}），应为{n}个，无法按列对齐"
        self._check("unaligned_row", "error", f"{label}：{reason}，未取值", table, code)

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
            if table == "requests" and label_key(cell.raw) in _GROUP_KEYS:
                continue
            m = match(cell.raw, vocab)
            if m:
                code = m.code
                break
        if code and not row.values:
            self.pending = (table, code, row.label)
            return None
        self.pending = None
        if code is None and any(c.kind is Kind.NUMBER for c, _ in row.values):
            self._check(
                "unknown_row",
                "warning",
                f"未识别的行“{row.label}”（{_printed(row.values)}），已保留为警告，未入库",
                table,
            )
        return code

    def _emit(self, table: str, row: str, col: str, cell: CellText, page: int | None, label: str) -> None:
        read = in_column_unit(cell, col)
        where = f"{label}/{v.label_of(table, col_code=col)}：印为 {cell.raw}"
        if not read.fits:
            self._check("unit_mismatch", "error", f"{where}，单位与本列不符，按印数入库", table, row, col)
        elif read.converted:
            unit = v.COLUMN_UNITS[col]
            self._check(
                "unit_converted", "warning", f"{where}，本列单位为{unit}，按 {read.value:g}{unit} 入库", table, row, col
            )
        self._store(CellValue(table, row, col, read.value, cell.raw, page, label, cell.confidence))

    def _store(self, cell: CellValue) -> None:
        key = (cell.table_code, cell.row_code, cell.col_code)
        if key in self.seen:
            col = v.label_of(cell.table_code, col_code=cell.col_code)
            self._check(
                "duplicate_cell",
                "warning",
                f"{cell.row_label}：{col}列重复出现（{cell.raw_text}），保留第一次的值",
                cell.table_code,
                cell.row_code,
                cell.col_code,
            )
            return
        self.seen.add(key)
        self.out.cells.append(cell)


def read_tables(blocks: tuple[Block, ...]) -> TableRead:
    return _Reader().read(blocks)
