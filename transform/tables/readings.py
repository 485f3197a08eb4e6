"""The readings of cells printed run together (`77132470`), narrowed by what the report itself says.

A reading is one way to cut a row's digit chunks into its columns (`glued.splits`). The readings kept
are those the row's columns can hold (FORMAT.md §3, §6 S5: counts are whole and unsigned, only v2019's
本年增/减 is signed, only money has decimals) and that agree with the figures the section texts quote for
the row's cells (`transform.checks.quoted_figures`, the sentences X5 reads: 本年度制发的规范性文件77件). A
figure no reading agrees with is left aside: the text speaks of something else. The identities across
rows (O1, S2) are applied by transform.tables.resolve. In table 2 a cell on which every reading left
agrees is decided; whatever stays open is flagged with every reading listed. Bug kind: crawlers that drop the markup
between table cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from transform import vocabulary as v

Reading = tuple[str, ...]  # the printed text of each column's cell, in column order
Quoted = Mapping[tuple[str, str, str], set[float]]  # figures the section texts quote, by cell
MAX_LISTED = 30  # readings spelled out in a check's message; beyond this, their number


def _value(part: str) -> float | None:
    try:
        return float(part)
    except ValueError:  # a blank mark
        return None


def column_fits(reading: Reading, cols: Sequence[str | None]) -> bool:
    """Every part is a number its column can hold: a decimal only in a money column, a sign only in
    v2019's 本年增/减 (`change`)."""
    for part, col in zip(reading, cols, strict=True):
        if col is None:
            continue
        if "." in part and col not in v.MONEY_COLS:
            return False
        if part[:1] in "+-" and _value(part) is not None and col != "change":
            return False
    return True


def by_text(
    readings: list[Reading], keys: Sequence[tuple[str, str, str]], quoted: Quoted
) -> tuple[list[Reading], list[tuple[str, str, str]]]:
    """The readings that agree with the figures the texts quote for the cells `keys` (table, row, col of
    each part), and the cells whose figure narrowed them (a figure that agrees with no reading, or with
    all, is left aside)."""
    used = []
    for i, key in enumerate(keys):
        figures = quoted.get(key)
        if not figures:
            continue
        kept = [r for r in readings if _value(r[i]) in figures]
        if kept and len(kept) < len(readings):
            readings = kept
            used.append(key)
    return readings, used


def agreed(readings: list[Reading]) -> dict[int, str]:
    """The columns (by index) on which every reading gives the same cell."""
    if not readings:
        return {}
    first = readings[0]
    return {i: part for i, part in enumerate(first) if all(r[i] == part for r in readings)}


def listing(readings: list[Reading]) -> str:
    """The readings as a reader compares them: `6/9/3665、6/93/665、…`, all of them up to MAX_LISTED."""
    shown = "、".join("/".join(r) for r in readings[:MAX_LISTED])
    return shown if len(readings) <= MAX_LISTED else f"{shown}等"
