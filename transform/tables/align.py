"""Place the numbers of a row whose blank cells were dropped (fewer numbers than columns).

Every way of spreading the printed numbers over the columns, in order, is tried; a placement is
acceptable when it adds no failure to the accounting identities. The row is aligned only when exactly
one placement is acceptable: with several (or none), nothing is stored and the row is flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import combinations
from math import comb

from transform.checks import run_checks
from transform.model import CellValue

MAX_PLACEMENTS = 500

Placed = tuple[int, ...]  # the column index of each printed number


def failures(cells: Iterable[CellValue]) -> set[tuple[str, str | None, str | None]]:
    """The identity failures among `cells` (S5 aside), as (check, row, column)."""
    return {(c.check_code, c.row_code, c.col_code) for c in run_checks(cells) if c.check_code != "S5"}


def unique_placement(
    known: list[CellValue], n_cols: int, n_values: int, build: Callable[[Placed], list[CellValue]]
) -> Placed | None:
    """The only placement of n_values numbers into n_cols columns that keeps the identities, or None."""
    if n_values > n_cols or comb(n_cols, n_values) > MAX_PLACEMENTS:
        return None
    before = failures(known)
    fits = [p for p in combinations(range(n_cols), n_values) if failures([*known, *build(p)]) <= before]
    return fits[0] if len(fits) == 1 else None
