"""What a run tells its users needs a person, read from the warehouse: the open checks counted by origin
(the reports' own imbalances apart from what ogi could not read), and the files no number was read from
(`v_failures`), grouped by reason when there are many so a folder of junk does not print a line a file.

Issue 27: a no-change rerun must still name the unread files, and 20,000 of them must not print 20,000
lines. Origins and severities are those of `transform/vocabulary.py` (`Origin`, `Severity`).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import duckdb

from transform.vocabulary import Origin, Severity

ONE_BY_ONE = 10  # up to this many unread files: one line each, with its reason
GROUPS = 8  # more: one line per (status, reason), the largest groups first, at most this many
NAMES = 3  # files named on a group's line


class Unread(NamedTuple):
    """A file no number was read from (a row of `v_failures`): its path under the root, its status
    (`failed`, `not_a_report`, `partial`, …) and the reason recorded for it."""

    path: str
    status: str
    reason: str


def open_findings(con: duckdb.DuckDBPyConnection) -> Counter[tuple[str, str]]:
    """The checks of the current reports (`v_reports.is_current`), whichever run made them, counted by
    (origin, severity): e.g. {("report", "error"): 12, ("reading", "error"): 163}. Missing keys are 0."""
    found = con.execute(
        "SELECT c.origin, c.severity, count(*) FROM checks c JOIN v_reports r USING (report_id) "
        "WHERE r.is_current GROUP BY ALL"
    ).fetchall()
    return Counter({(origin, severity): n for origin, severity, n in found})


def unread_files(con: duckdb.DuckDBPyConnection, root: str | None = None) -> list[Unread]:
    """Every file of `v_failures` (under `root`, the crawled folder as stored; None: all), by path."""
    where, params = ("WHERE root = ?", [root]) if root is not None else ("", [])
    found = con.execute(f"SELECT path, status, reason FROM v_failures {where} ORDER BY path", params).fetchall()
    return [Unread(*row) for row in found]


def count_by_origin(counts: Counter[tuple[str, str]], origin: Origin) -> str:
    """`12 errors, 20 warnings`: one origin's checks of `counts` (keyed (origin, severity))."""
    errors, warnings = counts[origin.value, Severity.ERROR.value], counts[origin.value, Severity.WARNING.value]
    return f"{errors} errors, {warnings} warnings"


def unread_lines(files: list[Unread], this_run: int) -> list[str]:
    """The summary's lines about unread files (none when there are none): a head line, then each file
    with its reason, or, past ONE_BY_ONE files, one line per (status, reason) with its count and the first
    NAMES paths, at most GROUPS of them. `this_run`: how many of `files` this run wrote. Plain text."""
    if not files:
        return []
    where = 'see `ogi report`, or `ogi query "SELECT * FROM v_failures"` for the full list'
    head = (
        f"unread: {len(files)} files gave no numbers ({this_run} this run), {where}"
        if this_run
        else f"still unread: {len(files)}, {where}"
    )
    if len(files) <= ONE_BY_ONE:
        return [head, *(f"  {f.status} {f.path}: {f.reason}" for f in files)]
    groups: dict[tuple[str, str], list[str]] = {}
    for f in files:
        groups.setdefault((f.status, f.reason), []).append(f.path)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    lines = [head]
    for (status, reason), paths in ranked[:GROUPS]:
        more = f", … {len(paths) - NAMES} more" if len(paths) > NAMES else ""
        lines.append(f"  {status} ({len(paths)}): {reason} — {', '.join(paths[:NAMES])}{more}")
    rest = ranked[GROUPS:]
    if rest:
        lines.append(f"  … {sum(len(p) for _k, p in rest)} more files with {len(rest)} other reasons")
    return lines
