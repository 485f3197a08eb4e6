"""What the table readers share: the open row being filled, and the sink for cells, checks and rows whose
columns can be decided only after the whole document has been read."""

from __future__ import annotations

from dataclasses import dataclass, field

from transform import vocabulary as v
from transform.model import CellValue, Check
from transform.tables.values import CellText, Kind, in_column_unit

Value = tuple[CellText, int | None]  # a printed cell and its page
VALUE_KINDS = (Kind.NUMBER, Kind.BLANK)


def printed(values: list[Value]) -> str:
    return " ".join(c.raw for c, _ in values) or "（无）"


@dataclass(slots=True)
class OpenRow:
    """A row opened by its label; the values after it fill its columns in order."""

    code: str | None  # None: a label the format does not know (kept to warn about its numbers)
    label: str
    line: int  # the grid row (or paragraph) the label was printed in
    region: list[Value] = field(default_factory=list)  # every cell after the label on the same grid row
    glued: bool = False  # some value chunk came from running text and may hold several cells

    @property
    def values(self) -> list[Value]:
        return [(c, p) for c, p in self.region if c.kind in VALUE_KINDS]


@dataclass(slots=True)
class Deferred:
    """A row whose columns can be decided only after the whole document has been read: `kind` is
    `active` (no header printed), `align` (blanks dropped), `glued` (cells run together) or `orphan`
    (a requests row without a known label; `n_cols` is then its 1-based place among the rows read)."""

    kind: str
    table: str
    code: str
    label: str
    values: list[Value]
    n_cols: int = 0
    cols: tuple[str | None, ...] = ()  # `glued` active rows: the columns of the printed header (none: the format's)


@dataclass
class TableRead:
    cells: list[CellValue] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)  # codes that tell the format (FORMAT.md §1)
    deferred: list[Deferred] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)
    at_end: bool = False  # the text has ended: a row still short was cut there, not printed short

    def check(
        self, code: str, severity: str, message: str, table: str, row: str | None = None, col: str | None = None
    ) -> None:
        self.checks.append(Check(code, severity, f"{v.TABLE_LABELS[table]} {message}", table, row, col))

    def emit(self, table: str, row: str, col: str, cell: CellText, page: int | None, label: str) -> None:
        """Store a printed cell in the unit of its column (values.in_column_unit), saying so when its
        printed unit was converted or cannot be the column's."""
        read = in_column_unit(cell, col)
        where = f"{label}/{v.label_of(table, col_code=col)}：印为 {cell.raw}"
        if not read.fits:
            self.check("unit_mismatch", "error", f"{where}，单位与本列不符，按印数入库", table, row, col)
        elif read.converted:
            unit = v.COLUMN_UNITS[col]
            self.check(
                "unit_converted", "warning", f"{where}，本列单位为{unit}，按 {read.value:g}{unit} 入库", table, row, col
            )
        self.store(CellValue(table, row, col, read.value, cell.raw, page, label, cell.confidence, cell.place))

    def store(self, cell: CellValue) -> None:
        key = (cell.table_code, cell.row_code, cell.col_code)
        if key in self.seen:
            col = v.label_of(cell.table_code, col_code=cell.col_code)
            self.check(
                "duplicate_cell",
                "warning",
                f"{cell.row_label}：{col}列重复出现（{cell.raw_text}），保留第一次的值",
                cell.table_code,
                cell.row_code,
                cell.col_code,
            )
            return
        self.seen.add(key)
        self.cells.append(cell)

    def unaligned(
        self, table: str, code: str | None, label: str, values: list[Value], n: int, why: str | None = None
    ) -> None:
        reason = why or f"印有{len(values)}个数字（{printed(values)}），应为{n}个，无法按列对齐"
        self.check("unaligned_row", "error", f"{label}：{reason}，未取值", table, code)

    def short_row(
        self, table: str, code: str | None, label: str, values: list[Value], n: int, why: str | None = None
    ) -> None:
        """A row with fewer numbers than columns that nobody may place: cut by the end of the text (a page
        saved cut short: `cut_row`), else printed short (`unaligned_row`)."""
        if self.at_end:
            self.check(
                v.CUT_ROW,
                v.CHECK_CODES[v.CUT_ROW].severity,
                f"{label}：文本在此行中断，只印有{len(values)}个数字（{printed(values)}），应为{n}个，未取值",
                table,
                code,
            )
        else:
            self.unaligned(table, code, label, values, n, why)

    def ambiguous(
        self,
        table: str,
        code: str | None,
        label: str,
        values: list[Value],
        n: int,
        ways: int,
        readings: str = "",
        decided: str = "",
    ) -> None:
        """Digits run together that do not split into n cells in exactly one way the identities allow;
        `readings` lists the ways left, `decided` names the cells all of them agree on (those are stored)."""
        how = "无法拆分" if ways == 0 else f"可拆成{ways}种，无法唯一确定" if ways > 0 else "拆分方式过多"
        if readings:
            how = f"可拆成{ways}种（{readings}），无法唯一确定"
        kept = f"；各种拆法一致的{decided}已入库，其余未取值" if decided else "，未取值"
        self.check(
            v.AMBIGUOUS_DIGITS,
            "error",
            f"{label}：数字连写（{printed(values)}），应为{n}个数，{how}{kept}",
            table,
            code,
        )

    def unknown_row(self, table: str, label: str, values: list[Value]) -> None:
        if any(c.kind is Kind.NUMBER for c, _ in values):
            self.check(
                "unknown_row", "warning", f"未识别的行“{label}”（{printed(values)}），已保留为警告，未入库", table
            )
