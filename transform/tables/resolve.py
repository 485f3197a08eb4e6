"""Rows decided after the whole document has been read: by the format (no header printed), by the
accounting identities (blanks dropped), or by the identities among the ways to cut run-together digits.
Nothing is stored for a row that cannot be placed one way only; it is flagged instead."""

from __future__ import annotations

from itertools import product
from math import prod

from transform import vocabulary as v
from transform.model import CellValue
from transform.tables.align import failures, unique_placement
from transform.tables.glued import splits
from transform.tables.orphans import place_orphans
from transform.tables.read_review import REVIEW_ORDER
from transform.tables.tableout import Deferred, TableRead, Value, printed
from transform.tables.values import classify

MAX_COMBINATIONS = 5_000  # rows left ambiguous by S1 whose splits are tried together against O1/S2


def resolve(out: TableRead, request_cols: tuple[str, ...], sequence: list[str | None]) -> None:
    """Every deferred row, in this order: by the format, by the identities, run-together digits, and
    last the requests rows whose label was lost (they need all other rows to be checked)."""
    fmt = "v2019" if out.markers & v.V2019_MARKERS and not out.markers & v.V2021_MARKERS else "v2021"
    glued: list[Deferred] = []
    for d in out.deferred:
        if d.kind == "orphan":
            continue
        if d.kind == "active":
            _resolve_active(out, d, fmt)
        elif d.kind == "align":
            _align(out, d, request_cols)
        else:
            glued.append(d)
    _unglue_requests(out, [d for d in glued if d.table == "requests"], request_cols)
    for d in glued:
        if d.table == "review_litigation":
            _unglue_review(out, d)
    place_orphans(out, [d for d in out.deferred if d.kind == "orphan"], sequence, request_cols)


def _resolve_active(out: TableRead, d: Deferred, fmt: str) -> None:
    options = [defaults[d.code] for defaults in v.ACTIVE_DEFAULT_COLS.values() if d.code in defaults]
    fitting = [cols for cols in options if len(cols) == len(d.values)]
    preferred = v.ACTIVE_DEFAULT_COLS[fmt].get(d.code)
    cols = preferred if preferred in fitting else (fitting[0] if len(fitting) == 1 else None)
    if cols is None:
        out.unaligned("active", d.code, d.label, d.values, len(options[0]) if options else 0)
        return
    names = "、".join(v.label_of("active", col_code=c) for c in cols)
    out.check("assumed_columns", "warning", f"{d.label}：未印表头，按{fmt}格式取列（{names}）", "active", d.code)
    for col, (cell, page) in zip(cols, d.values, strict=True):
        out.emit("active", d.code, col, cell, page, d.label)


def _cells(d: Deferred, cols: list[tuple[str, str]], by_col: dict[int, Value]) -> list[CellValue]:
    return [
        CellValue(
            d.table,
            row,
            col,
            by_col[i][0].value if i in by_col else None,
            by_col[i][0].raw if i in by_col else "",
            by_col[i][1] if i in by_col else None,
            d.label or v.REVIEW_ROWS.get(row, ("",))[0],
            by_col[i][0].confidence if i in by_col else None,
        )
        for i, (row, col) in enumerate(cols)
    ]


def _columns(d: Deferred, request_cols: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(d.code, c) for c in request_cols] if d.table == "requests" else list(REVIEW_ORDER)


def _align(out: TableRead, d: Deferred, request_cols: tuple[str, ...]) -> None:
    """Blanks were dropped: place the numbers where the accounting identities allow only one way."""
    cols = _columns(d, request_cols)

    def build(placed: tuple[int, ...]) -> list[CellValue]:
        return _cells(d, cols, dict(zip(placed, d.values, strict=True)))

    placed = unique_placement(out.cells, d.n_cols, len(d.values), build)
    where = d.label or "复议诉讼数据行"
    if placed is None:
        out.unaligned(d.table, d.code or None, where, d.values, d.n_cols)
        return
    out.check(
        "aligned_by_identities",
        "warning",
        f"{where}：只印有{len(d.values)}个数字（{printed(d.values)}），应为{d.n_cols}个；"
        "按勾稽关系唯一可能的位置对齐，其余为空",
        d.table,
        d.code or None,
    )
    for cell in build(placed):
        out.store(cell)


def _split_cells(d: Deferred, cols: list[tuple[str, str]], parts: tuple[str, ...]) -> list[CellValue]:
    page = d.values[0][1]
    return _cells(d, cols, {i: (classify(p), page) for i, p in enumerate(parts)})


def _candidates(out: TableRead, d: Deferred, groups: int) -> list[tuple[str, ...]] | None:
    fit = splits([c.raw for c, _ in d.values], d.n_cols, d.n_cols // groups)
    if fit is None:
        out.ambiguous(d.table, d.code or None, d.label or "复议诉讼数据行", d.values, d.n_cols, -1)
        return None
    if not fit:
        out.ambiguous(d.table, d.code or None, d.label or "复议诉讼数据行", d.values, d.n_cols, 0)
        return None
    return fit


def _unglue_requests(out: TableRead, rows: list[Deferred], request_cols: tuple[str, ...]) -> None:
    """Each row's splits that keep S1 (总计 = the six applicant columns; only when 总计 is the last
    column); rows left with several are tried together against the column identities O1 and S2."""
    if not rows:
        return
    if request_cols[-1] != "total":
        for d in rows:
            out.ambiguous(d.table, d.code, d.label, d.values, d.n_cols, -1)
        return
    options: dict[int, list[tuple[str, ...]]] = {}
    for i, d in enumerate(rows):
        fit = _candidates(out, d, 1)
        if fit is not None:
            options[i] = fit
    chosen = {i: fit[0] for i, fit in options.items() if len(fit) == 1}
    open_rows = [i for i, fit in options.items() if len(fit) > 1]
    fixed = [c for i, parts in chosen.items() for c in _split_cells(rows[i], _columns(rows[i], request_cols), parts)]
    if open_rows:
        combos = prod(len(options[i]) for i in open_rows)
        fitting: list[tuple[tuple[str, ...], ...]] = []
        if combos <= MAX_COMBINATIONS:
            fitting = _fewest_failures(out, rows, open_rows, options, fixed, request_cols)
        if len(fitting) == 1:
            chosen.update(zip(open_rows, fitting[0], strict=True))
        else:
            for i in open_rows:
                d = rows[i]
                out.ambiguous(d.table, d.code, d.label, d.values, d.n_cols, len(fitting) if fitting else -1)
    for i in sorted(chosen):
        for cell in _split_cells(rows[i], _columns(rows[i], request_cols), chosen[i]):
            out.store(cell)


def _fewest_failures(
    out: TableRead,
    rows: list[Deferred],
    open_rows: list[int],
    options: dict[int, list[tuple[str, ...]]],
    fixed: list[CellValue],
    request_cols: tuple[str, ...],
) -> list[tuple[tuple[str, ...], ...]]:
    """The combinations of splits with the fewest identity failures, provided they add none to those of
    the rows already decided (a missing row makes S2 fail before any combination is tried)."""
    before = failures([*out.cells, *fixed])
    scored: list[tuple[int, tuple[tuple[str, ...], ...]]] = []
    for combo in product(*(options[i] for i in open_rows)):
        trial = [
            c
            for i, parts in zip(open_rows, combo, strict=True)
            for c in _split_cells(rows[i], _columns(rows[i], request_cols), parts)
        ]
        failed = failures([*out.cells, *fixed, *trial])
        if failed <= before:
            scored.append((len(failed), combo))
    best = min((n for n, _ in scored), default=0)
    return [combo for n, combo in scored if n == best]


def _unglue_review(out: TableRead, d: Deferred) -> None:
    fit = _candidates(out, d, len(v.REVIEW_ROWS))
    if fit is None:
        return
    if len(fit) != 1:
        out.ambiguous(d.table, None, "复议诉讼数据行", d.values, d.n_cols, len(fit))
        return
    for cell in _split_cells(d, list(REVIEW_ORDER), fit[0]):
        out.store(cell)
