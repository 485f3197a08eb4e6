"""Accounting identities of FORMAT.md §6 as check rows. Printed numbers are never changed: a failed
identity is reported with both sides and the place, in the words of the printed table."""

from __future__ import annotations

from collections.abc import Iterable

from transform import vocabulary as v
from transform.model import CellValue, Check

TOLERANCE = 1e-6
LOW_CONFIDENCE = 0.9  # OCR scores of correctly read digits are ~1.0 at 150 dpi; under this a person looks
_REQ = "requests"
_RL = "review_litigation"
_O1_IN = ("new_received", "carried_over")
_O1_OUT = ("total_handled", "carried_forward")
_SHORT = {  # how a reader names the rows in a formula
    "new_received": "一",
    "carried_over": "二",
    "total_handled": "（七）总计",
    "carried_forward": "四",
}
_HANDLED_PARTS_PREFIXES = ("granted", "partially_granted", "denied_", "unable_", "not_processed_", "other_")
_REQUEST_PARTS = tuple(c for c in v.REQUEST_COLS if c != "total")
_REVIEW_PARTS = tuple(c for c in v.REVIEW_COLS if c != "total")


class _Grid:
    """Cells by (table, row, col); a blank cell counts as 0 (named in the message as imputed)."""

    def __init__(self, cells: Iterable[CellValue]) -> None:
        self.cells = {(c.table_code, c.row_code, c.col_code): c for c in cells}

    def has(self, table: str, rows: Iterable[str], cols: Iterable[str]) -> bool:
        return all((table, r, c) in self.cells for r in rows for c in cols)

    def total(self, table: str, cells: Iterable[tuple[str, str]], used: list[CellValue]) -> float:
        """The sum of the cells (blank = 0); every cell summed is appended to `used`."""
        acc = 0.0
        for row, col in cells:
            cell = self.cells[(table, row, col)]
            used.append(cell)
            if cell.value is not None:
                acc += cell.value
        return acc


def _cell_name(c: CellValue) -> str:
    return f"{v.label_of(c.table_code, row_code=c.row_code)}/{v.label_of(c.table_code, col_code=c.col_code)}"


def _fail(
    code: str,
    table: str,
    row: str | None,
    col: str | None,
    expected: float,
    actual: float,
    message: str,
    used: list[CellValue],
) -> Check | None:
    """An error check when the two sides differ. Blank cells counted as 0 are named; when any cell was
    read by OCR, every cell of the identity is listed with its page, so a person can compare the image."""
    if abs(expected - actual) <= TOLERANCE:
        return None
    imputed = [_cell_name(c) for c in used if c.value is None]
    if imputed:
        message += f"（空白按0计：{'、'.join(imputed)}）"
    if any(c.confidence is not None for c in used):
        listed = "、".join(f"{_cell_name(c)}“{c.raw_text}”（第{c.page}页）" for c in used)
        message += f"；含机器识别（OCR）的数字，请对照原件核对：{listed}"
    return Check(code, "error", message, table, row, col, expected, actual)


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _o1(g: _Grid) -> Iterable[Check | None]:
    for col in v.REQUEST_COLS:
        if not g.has(_REQ, _O1_IN + _O1_OUT, [col]):
            continue
        used: list[CellValue] = []
        left = g.total(_REQ, ((r, col) for r in _O1_IN), used)
        right = g.total(_REQ, ((r, col) for r in _O1_OUT), used)
        where = f"{v.TABLE_LABELS[_REQ]} {v.REQUEST_COL_LABELS[col]}列"
        yield _fail(
            "O1",
            _REQ,
            None,
            col,
            left,
            right,
            f"{where}：一+二={_n(left)}，（七）总计+四={_n(right)}",
            used,
        )


def _s1(g: _Grid) -> Iterable[Check | None]:
    rows = sorted({r for (t, r, _c) in g.cells if t == _REQ}, key=list(v.REQUEST_ROWS).index)
    for row in rows:
        if not g.has(_REQ, [row], v.REQUEST_COLS):
            continue
        used: list[CellValue] = []
        parts = g.total(_REQ, ((row, c) for c in _REQUEST_PARTS), used)
        total = g.total(_REQ, [(row, "total")], used)
        label = v.label_of(_REQ, row_code=row)
        yield _fail(
            "S1",
            _REQ,
            row,
            "total",
            parts,
            total,
            f"{v.TABLE_LABELS[_REQ]} {label}行：自然人+法人或其他组织各列={_n(parts)}，总计={_n(total)}",
            used,
        )


def _s2(g: _Grid) -> Iterable[Check | None]:
    parts_rows = [
        r for (t, r, c) in g.cells if t == _REQ and c == "natural_person" and r.startswith(_HANDLED_PARTS_PREFIXES)
    ]
    for col in v.REQUEST_COLS:
        if not parts_rows or not g.has(_REQ, [*parts_rows, "total_handled"], [col]):
            continue
        used: list[CellValue] = []
        parts = g.total(_REQ, ((r, col) for r in parts_rows), used)
        total = g.total(_REQ, [("total_handled", col)], used)
        yield _fail(
            "S2",
            _REQ,
            "total_handled",
            col,
            parts,
            total,
            f"{v.TABLE_LABELS[_REQ]} {v.REQUEST_COL_LABELS[col]}列：（一）至（六）合计={_n(parts)}，"
            f"（七）总计={_n(total)}",
            used,
        )


def _s4(g: _Grid) -> Iterable[Check | None]:
    for row in v.REVIEW_ROWS:
        if not g.has(_RL, [row], v.REVIEW_COLS):
            continue
        used: list[CellValue] = []
        parts = g.total(_RL, ((row, c) for c in _REVIEW_PARTS), used)
        total = g.total(_RL, [(row, "total")], used)
        yield _fail(
            "S4",
            _RL,
            row,
            "total",
            parts,
            total,
            f"{v.TABLE_LABELS[_RL]} {v.REVIEW_ROWS[row][0]}：维持+纠正+其他+尚未审结={_n(parts)}，总计={_n(total)}",
            used,
        )


def _s5(g: _Grid) -> Iterable[Check | None]:
    """Counts are whole and not negative; money is not negative; only v2019 `change` may be signed."""
    for (table, row, col), cell in g.cells.items():
        if cell.value is None or col == "change":
            continue
        money = col in ("amount", "proc_amount")
        if cell.value < 0 or (not money and not float(cell.value).is_integer()):
            what = "金额不应为负" if money else "件数应为非负整数"
            yield Check(
                "S5",
                "error",
                f"{v.TABLE_LABELS[table]} {v.label_of(table, row_code=row)}/"
                f"{v.label_of(table, col_code=col)}：{what}，印为 {cell.raw_text}",
                table,
                row,
                col,
                None,
                cell.value,
            )


def blank_cells(cells: list[CellValue]) -> list[Check]:
    """Which cells were printed blank (or /, -, 无): stored as NULL, counted as 0 in the identities."""
    checks = []
    for table in v.TABLE_LABELS:
        blank = [c for c in cells if c.table_code == table and c.value is None]
        if blank:
            names = "、".join(
                f"{c.row_label or v.label_of(table, row_code=c.row_code)}/{v.label_of(table, col_code=c.col_code)}"
                f"“{c.raw_text}”"
                for c in blank[:12]
            ) + ("……" if len(blank) > 12 else "")
            checks.append(
                Check(
                    "blank_cells",
                    "warning",
                    f"{v.TABLE_LABELS[table]}：{len(blank)}个单元格未填报，入库为空、校验按0计：{names}",
                    table,
                )
            )
    return checks


def low_confidence(cells: Iterable[CellValue]) -> list[Check]:
    """A warning naming each number OCR read with a score under LOW_CONFIDENCE: the value is stored as
    read, and the check says where to look."""
    return [
        Check(
            "low_confidence",
            "warning",
            f"{v.TABLE_LABELS[c.table_code]} {_cell_name(c)}：机器识别（OCR）为“{c.raw_text}”，置信度"
            f"{c.confidence:.2f}，请对照原件第{c.page}页核对",
            c.table_code,
            c.row_code,
            c.col_code,
            None,
            c.value,
        )
        for c in cells
        if c.confidence is not None and c.confidence < LOW_CONFIDENCE
    ]


def run_checks(cells: Iterable[CellValue]) -> list[Check]:
    g = _Grid(cells)
    found = [*_o1(g), *_s1(g), *_s2(g), *_s4(g), *_s5(g)]
    return [c for c in found if c is not None]
