"""Requests rows whose label was lost (broken PDF-to-markdown extractions print a row's numbers without
its label, or with a fragment of it): placed by the format's row order, checked by the identities.

A run of such rows between two rows read by their labels can only be the rows of the format that lie
between those two and were not read. They are placed there only when the counts agree, every row has
one number per column, and the placement adds no failure to the accounting identities (FORMAT.md §6);
otherwise nothing is stored for them and they are reported (`unknown_row`).
"""

from __future__ import annotations

from transform import vocabulary as v
from transform.model import CellValue
from transform.tables.align import failures
from transform.tables.tableout import Deferred, TableRead, printed


def _rows_of_format(sequence: list[str | None]) -> tuple[str, ...]:
    return v.REQUEST_ROWS_BY_FORMAT["v2019" if "other_total" in sequence else "v2021"]


def _runs(sequence: list[str | None]) -> list[tuple[int, int]]:
    """[start, end) of every run of rows without a known label."""
    runs, i = [], 0
    while i < len(sequence):
        if sequence[i] is None:
            j = i
            while j < len(sequence) and sequence[j] is None:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _gap(sequence: list[str | None], start: int, end: int, order: tuple[str, ...], read: set[str]) -> list[str]:
    """The format's rows between the known rows around [start, end) that were not read."""
    before = next((c for c in reversed(sequence[:start]) if c is not None), None)
    after = next((c for c in sequence[end:] if c is not None), None)
    if before is None and after is None:
        return []
    lo = order.index(before) + 1 if before in order else 0
    hi = order.index(after) if after in order else len(order)
    return [r for r in order[lo:hi] if r not in read]


def place_orphans(out: TableRead, orphans: list[Deferred], sequence: list[str | None], cols: tuple[str, ...]) -> None:
    """Store the orphan rows where the row order and the identities put them; report the others."""
    order = _rows_of_format(sequence)
    read = {c.row_code for c in out.cells if c.table_code == "requests"}
    by_place = {d.n_cols - 1: d for d in orphans}
    placed: list[tuple[str, Deferred]] = []
    for start, end in _runs(sequence):
        gap = _gap(sequence, start, end, order, read)
        run = [by_place[i] for i in range(start, end)]
        if len(gap) == len(run) and all(len(d.values) == len(cols) for d in run):
            placed.extend(zip(gap, run, strict=True))
    cells = [
        CellValue(
            "requests",
            code,
            col,
            cell.value,
            cell.raw,
            page,
            d.label or v.label_of("requests", row_code=code),
            cell.confidence,
            cell.place,
        )
        for code, d in placed
        for col, (cell, page) in zip(cols, d.values, strict=True)
    ]
    if placed and failures([*out.cells, *cells]) <= failures(out.cells):
        for cell in cells:
            out.store(cell)
        for code, d in placed:
            label = v.label_of("requests", row_code=code)
            out.check(
                v.PLACED_BY_ORDER,
                v.CHECK_CODES[v.PLACED_BY_ORDER].severity,
                f"未印行名的一行（{d.label or '无行名'}：{printed(d.values)}）按表格行序及勾稽关系定为“{label}”",
                "requests",
                code,
            )
        orphans = [d for d in orphans if all(d is not p for _, p in placed)]
    for d in orphans:
        out.unknown_row("requests", d.label or "（无行名）", d.values)
