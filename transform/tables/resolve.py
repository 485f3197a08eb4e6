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
from transform.tables.propagate import narrow
from transform.tables.read_review import REVIEW_ORDER
from transform.tables.readings import Quoted, Reading, agreed, by_text, column_fits, listing
from transform.tables.tableout import Deferred, TableRead, Value, printed
from transform.tables.values import classify, part_place, placed

Key = tuple[str, str, str]  # table, row, col of a cell

MAX_COMBINATIONS = 5_000  # rows left ambiguous by S1 whose splits are tried together against O1/S2


def resolve(out: TableRead, request_cols: tuple[str, ...], sequence: list[str | None], quoted: Quoted) -> None:
    """Every deferred row, in this order: by the format, by the identities, run-together digits (also by
    the figures the section texts quote, `quoted`), and last the requests rows whose label was lost
    (they need all other rows to be checked)."""
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
    for d in glued:
        if d.table == "active":
            _unglue_active(out, d, fmt, quoted)
    _unglue_requests(out, [d for d in glued if d.table == "requests"], request_cols, quoted)
    for d in glued:
        if d.table == "review_litigation":
            _unglue_review(out, d, quoted)
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
            by_col[i][0].place if i in by_col else None,
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


def _parts(d: Deferred, reading: Reading) -> list[Value]:
    """The parts of a reading as printed cells with their pages, each at the place of the characters it
    was cut from (values.part_place: exact where the characters' places are known, else the whole
    chunk's). A part never runs over the end of the chunk it was cut from (glued.splits)."""
    chunks = [c for c, _ in d.values]
    if "".join(reading) != "".join(c.raw for c in chunks):
        return [(classify(part), d.values[0][1]) for part in reading]
    out: list[Value] = []
    k, offset = 0, 0
    for part in reading:
        while offset >= len(chunks[k].raw):
            k, offset = k + 1, 0
        out.append((placed(classify(part), part_place(chunks[k], offset, offset + len(part))), d.values[k][1]))
        offset += len(part)
    return out


def _split_cells(d: Deferred, cols: list[tuple[str, str]], parts: tuple[str, ...]) -> list[CellValue]:
    """The cells of one way to cut a row, to try against the identities (stored through `_store`)."""
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


def _narrow(readings: list[Reading], keys: list[Key], quoted: Quoted) -> tuple[list[Reading], list[Key]]:
    """The readings the columns can hold and the texts' figures allow (transform.tables.readings)."""
    return by_text([r for r in readings if column_fits(r, [col for _t, _r, col in keys])], keys, quoted)


def _store(out: TableRead, d: Deferred, keys: list[Key], reading: Reading, only: set[int] | None = None) -> None:
    """The parts of a reading in their cells (all, or the columns `only`), as printed."""
    for i, ((table, row, col), (cell, page)) in enumerate(zip(keys, _parts(d, reading), strict=True)):
        if col and (only is None or i in only):
            label = d.label or v.label_of(table, row_code=row)
            out.emit(table, row, col, cell, page, label)


def _named(keys: list[Key], reading: Reading, used: list[Key]) -> str:
    """The cells a figure of the text decided, with their value: `行政规范性文件/本年制发件数=77`."""
    return "、".join(
        f"{v.label_of(t, row_code=r)}/{v.label_of(t, col_code=c)}={reading[keys.index((t, r, c))]}" for t, r, c in used
    )


def _by_text_note(out: TableRead, d: Deferred, keys: list[Key], reading: Reading, used: list[Key]) -> None:
    named = _named(keys, reading, used)
    out.check(
        v.SPLIT_BY_TEXT,
        v.CHECK_CODES[v.SPLIT_BY_TEXT].severity,
        f"{d.label or '复议诉讼数据行'}：数字连写（{printed(d.values)}），按正文所述的 {named} 拆分",
        d.table,
        d.code or None,
    )


def _settle(out: TableRead, d: Deferred, keys: list[Key], readings: list[Reading], used: list[Key]) -> None:
    """One reading left: stored (noted when a figure of the text decided it). Several: the row is flagged
    with every reading listed; in table 2, whose cells no identity ties together, the cells all readings
    agree on are stored (a row of tables 3 and 4 is stored whole or not at all: its total ties it)."""
    where = d.label or "复议诉讼数据行"
    if len(readings) == 1:
        _store(out, d, keys, readings[0])
        if used:
            _by_text_note(out, d, keys, readings[0], used)
        return
    fixed = {i for i in agreed(readings) if keys[i][2]} if d.table == "active" else set()
    if fixed:
        _store(out, d, keys, readings[0], fixed)
    names = "、".join(v.label_of(keys[i][0], col_code=keys[i][2]) for i in sorted(fixed))
    if used:
        names += f"（按正文所述的 {_named(keys, readings[0], used)}）"
    out.ambiguous(d.table, d.code or None, where, d.values, len(keys), len(readings), listing(readings), names)


def _unglue_active(out: TableRead, d: Deferred, fmt: str, quoted: Quoted) -> None:
    """Cells run together in table 2: no identity covers it, so the columns' kinds and the texts' figures
    decide (transform.tables.readings). Without a printed header, the format's columns."""
    cols: tuple[str | None, ...] | None = d.cols or v.ACTIVE_DEFAULT_COLS[fmt].get(d.code)
    if cols is None:
        out.unaligned("active", d.code, d.label, d.values, 0)
        return
    if not d.cols:
        names = "、".join(v.label_of("active", col_code=c) for c in cols if c)
        out.check("assumed_columns", "warning", f"{d.label}：未印表头，按{fmt}格式取列（{names}）", "active", d.code)
    if len(d.values) == len(cols):
        for col, (cell, page) in zip(cols, d.values, strict=True):
            if col:
                out.emit("active", d.code, col, cell, page, d.label)
        return
    ways = splits([c.raw for c, _ in d.values], len(cols)) if len(d.values) < len(cols) else []
    if not ways:
        out.ambiguous("active", d.code, d.label, d.values, len(cols), -1 if ways is None else 0)
        return
    keys = [("active", d.code, col or "") for col in cols]
    _settle(out, d, keys, *_narrow(ways, keys, quoted))


def _unglue_requests(out: TableRead, rows: list[Deferred], request_cols: tuple[str, ...], quoted: Quoted) -> None:
    """Each row's splits that keep S1 (总计 = the six applicant columns; only when 总计 is the last
    column), the columns' kinds and the texts' figures; rows left with several are tried together against
    the column identities O1 and S2, and a row is decided when every combination that fits gives it the
    same split."""
    if not rows:
        return
    if request_cols[-1] != "total":
        for d in rows:
            out.ambiguous(d.table, d.code, d.label, d.values, d.n_cols, -1)
        return
    options: dict[int, list[Reading]] = {}
    used: dict[int, list[Key]] = {}
    for i, d in enumerate(rows):
        fit = _candidates(out, d, 1)
        if fit is None:
            continue
        fit, used[i] = _narrow(fit, _keys(d, request_cols), quoted)
        if fit:
            options[i] = fit
        else:
            out.ambiguous(d.table, d.code, d.label, d.values, d.n_cols, 0)
    chosen = {i: fit[0] for i, fit in options.items() if len(fit) == 1}
    fixed = [c for i, parts in chosen.items() for c in _split_cells(rows[i], _columns(rows[i], request_cols), parts)]
    _by_columns(out, rows, options, fixed, request_cols)
    for i, fit in options.items():
        if len(fit) == 1 and i not in chosen:
            chosen[i] = fit[0]
            fixed += _split_cells(rows[i], _columns(rows[i], request_cols), fit[0])
    open_rows = [i for i, fit in options.items() if len(fit) > 1]
    if open_rows:
        fitting: list[tuple[Reading, ...]] = []
        if prod(len(options[i]) for i in open_rows) <= MAX_COMBINATIONS:
            fitting = _fewest_failures(out, rows, open_rows, options, fixed, request_cols)
        for j, i in enumerate(open_rows):
            left = sorted({combo[j] for combo in fitting}) if fitting else options[i]
            if len(left) == 1:
                chosen[i] = left[0]
            else:
                _settle(out, rows[i], _keys(rows[i], request_cols), left, [])
    for i in sorted(chosen):
        _settle(out, rows[i], _keys(rows[i], request_cols), [chosen[i]], used.get(i, []))


def _by_columns(
    out: TableRead,
    rows: list[Deferred],
    options: dict[int, list[Reading]],
    fixed: list[CellValue],
    request_cols: tuple[str, ...],
) -> None:
    """Narrow the rows left open by O1 and S2 column by column (transform.tables.propagate), in place."""
    open_rows = {rows[i].code: i for i, fit in options.items() if len(fit) > 1}
    if len(open_rows) < sum(1 for fit in options.values() if len(fit) > 1):
        return  # a row printed twice: the sums cannot tell them apart
    read = [c for c in [*out.cells, *fixed] if c.table_code == "requests" and c.col_code in request_cols]
    known = {(c.row_code, request_cols.index(c.col_code)): c.value or 0.0 for c in read}
    present = {c.row_code for c in read} | set(open_rows)
    narrowed = narrow({code: options[i] for code, i in open_rows.items()}, known, present, len(request_cols))
    for code, i in open_rows.items():
        options[i] = narrowed[code]


def _keys(d: Deferred, request_cols: tuple[str, ...]) -> list[Key]:
    return [(d.table, row, col) for row, col in _columns(d, request_cols)]


def _fewest_failures(
    out: TableRead,
    rows: list[Deferred],
    open_rows: list[int],
    options: dict[int, list[Reading]],
    fixed: list[CellValue],
    request_cols: tuple[str, ...],
) -> list[tuple[Reading, ...]]:
    """The combinations of splits with the fewest identity failures, provided they add none to those of
    the rows already decided (a missing row makes S2 fail before any combination is tried)."""
    before = failures([*out.cells, *fixed])
    scored: list[tuple[int, tuple[Reading, ...]]] = []
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


def _unglue_review(out: TableRead, d: Deferred, quoted: Quoted) -> None:
    fit = _candidates(out, d, len(v.REVIEW_ROWS))
    if fit is None:
        return
    keys = [(d.table, row, col) for row, col in REVIEW_ORDER]
    _settle(out, d, keys, *_narrow(fit, keys, quoted))
