"""Narrow the readings of requests rows printed run together by the column identities O1 and S2
(FORMAT.md §6), one column at a time, without trying every combination of rows.

Each open row has readings (ways to cut its digits, `transform.tables.readings`); each identity of a
column is a sum over rows that must be 0. A reading is dropped when its number in that column cannot
be completed to a zero sum by any numbers the other rows' readings still allow, and this is repeated
until nothing changes (generalised arc consistency). An identity that no combination can satisfy (the
report does not add up there) narrows nothing, and when narrowing leaves a row without a reading the
identities contradict one another and nothing is narrowed at all: the rows are then flagged, never
guessed. Bug kind: crawler dumps of v2019 reports whose rows of large numbers each split many ways.
"""

from __future__ import annotations

from collections.abc import Mapping

from transform import vocabulary as v
from transform.tables.readings import Reading

MAX_SUMS = 20_000  # partial sums tracked per identity; beyond this the identity is left aside
_PARTS = ("granted", "partially_granted", "denied_", "unable_", "not_processed_", "other_")  # S2's (一)…(六)

Term = tuple[str, int]  # a row and its sign in a sum that must be 0


def _number(part: str) -> float:
    try:
        return float(part)
    except ValueError:  # a blank mark counts as 0 (FORMAT.md §6)
        return 0.0


def identities(rows: set[str]) -> list[list[Term]]:
    """O1 and S2 as sums over the rows present (`rows`: the requests rows read or open), as
    transform.checks.identities evaluates them."""
    o1 = [("new_received", 1), ("carried_over", 1), ("total_handled", -1), ("carried_forward", -1)]
    parts = [(r, -1) for r in v.REQUEST_ROWS if r in rows and r.startswith(_PARTS)]
    out = [o1] if all(r in rows for r, _ in o1) else []
    if parts and "total_handled" in rows:
        out.append([("total_handled", 1), *parts])
    return out


def _sums(sets: list[set[float]]) -> list[set[float]] | None:
    """prefix[i]: every sum of one value from each of sets[:i]; None when they grow past MAX_SUMS."""
    prefix = [{0.0}]
    for values in sets:
        nxt = {round(a + b, 6) for a in prefix[-1] for b in values}
        if len(nxt) > MAX_SUMS:
            return None
        prefix.append(nxt)
    return prefix


def _narrow_once(
    options: dict[str, list[Reading]], known: Mapping[str, float], terms: list[Term], col: int
) -> dict[str, list[Reading]] | None:
    """One identity in one column: the open rows' readings whose number there can make the sum 0, or
    None when no combination can (or the search is too wide to tell)."""
    const = sum(sign * known[r] for r, sign in terms if r not in options)
    open_terms = [(r, sign) for r, sign in terms if r in options]
    sets = [{sign * _number(reading[col]) for reading in options[r]} for r, sign in open_terms]
    prefix = _sums(sets)
    suffix = _sums(sets[::-1])
    if prefix is None or suffix is None:
        return None
    if not any(abs(const + s) < 1e-6 for s in prefix[-1]):
        return None
    out = {}
    n = len(sets)
    for i, (r, sign) in enumerate(open_terms):
        before, after = prefix[i], suffix[n - 1 - i]
        ok = {x for x in sets[i] if any(round(-const - x - b, 6) in after for b in before)}
        out[r] = [reading for reading in options[r] if sign * _number(reading[col]) in ok]
    return out


def narrow(
    options: dict[str, list[Reading]], known: Mapping[tuple[str, int], float], rows: set[str], n_cols: int
) -> dict[str, list[Reading]]:
    """The open rows' readings (by row code) that O1 and S2 still allow in every column, given the
    numbers of the rows already read (`known`, by (row, column index)); `options` itself when the
    identities contradict one another."""
    sums = [terms for terms in identities(rows) if any(r in options for r, _ in terms)]
    dead: set[tuple[int, int]] = set()
    current = dict(options)
    changed = True
    while changed:
        changed = False
        for t, terms in enumerate(sums):
            for col in range(n_cols):
                if (t, col) in dead:
                    continue
                cells = {r: known[(r, col)] for r, _ in terms if r not in current and (r, col) in known}
                if len(cells) + sum(1 for r, _ in terms if r in current) < len(terms):
                    dead.add((t, col))  # a row of the identity was not printed
                    continue
                narrowed = _narrow_once(current, cells, terms, col)
                if narrowed is None:
                    dead.add((t, col))
                    continue
                for r, kept in narrowed.items():
                    if not kept:
                        return options
                    if len(kept) < len(current[r]):
                        current[r] = kept
                        changed = True
    return current
