"""`ogi show`: one report's cells with where each was printed (issue 24 item 2).

A report is named as git names a commit: its `report_id` (the sha256 of the file) or a unique prefix of
it, or by its file, as crawled (the path under its folder, `documents.path`) or as a path to the file
itself. Cells are chosen by code, `TABLE.ROW.COL` (FORMAT.md §3-§5), or a prefix of one (`TABLE`,
`TABLE.ROW`); codes are checked against the warehouse's `labels` table (written from
transform/vocabulary.py). Places are the `cells` columns of migration 008 (extract.model.Place).

Every lookup that finds nothing raises `NotFound` with the one line a user is shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import duckdb

from extract.model import PLACE_FIELDS
from transform.vocabulary import OWNING

MIN_PREFIX = 4  # hex characters of a report_id prefix, as `git` asks for at least 4
LISTING = '`ogi query "SELECT report_id, agency, year, path FROM reports"` lists them'


class NotFound(LookupError):
    """Nothing to show: no such report, an ambiguous name, a code unknown or absent. `str()` is the one
    line to print, saying what to do."""


@dataclass(frozen=True, slots=True)
class ReportRef:
    """The report a name resolved to: its id, agency and year (as stored; None when unknown), its file
    (`path` under `root`, both as `documents` holds them), the file's status and format."""

    report_id: str
    agency: str | None
    year: int | None
    path: str
    root: str | None
    status: str | None
    format: str | None

    def line(self) -> str:
        """`甲县 2023  jia-2023.pdf  parsed  pdf  report 3f2a9c1d0e4b…`: who, which year, which file."""
        who = self.agency or "（agency unknown）"
        year = "year unknown" if self.year is None else str(self.year)
        return f"{who} {year}  {self.path}  {self.status or '?'}  {self.format or '?'}  report {self.report_id}"


class ShownCell(NamedTuple):
    """A cell as `ogi show` prints it: its code, value (NULL: not reported), text as printed, page, and
    the place columns of `cells` (extract.model.PLACE_FIELDS, in that order)."""

    table_code: str
    row_code: str
    col_code: str
    value: float | None
    raw_text: str | None
    page: int | None
    x0: float | None
    top: float | None
    x1: float | None
    bottom: float | None
    grid_table: int | None
    grid_row: int | None
    grid_col: int | None
    line: int | None
    char_start: int | None
    char_end: int | None

    @property
    def code(self) -> str:
        return f"{self.table_code}.{self.row_code}.{self.col_code}"

    @property
    def place(self) -> str:
        """Where it is printed, in one short phrase (`place_text`)."""
        return place_text(self)


# csv and json columns: the cell's fields, then its place as text
COLUMNS: tuple[str, ...] = (*ShownCell._fields, "place")
_PLACES = ", ".join(f"c.{f}" for f in PLACE_FIELDS)
_CELL_SQL = f"""
    SELECT c.table_code, c.row_code, c.col_code, c.value, c.raw_text, c.page, {_PLACES}
    FROM cells c
    LEFT JOIN labels t ON t.kind = 'table' AND t.code = c.table_code
    LEFT JOIN labels r ON r.kind = 'row' AND r.table_code = c.table_code AND r.code = c.row_code
    LEFT JOIN labels k ON k.kind = 'col' AND k.table_code = c.table_code AND k.code = c.col_code
    WHERE c.report_id = ? AND c.table_code = coalesce(?, c.table_code) AND c.row_code = coalesce(?, c.row_code)
      AND c.col_code = coalesce(?, c.col_code)
    ORDER BY t.position, r.position, k.position, c.row_code, c.col_code"""


def _number(value: float | None) -> str:
    """A stored value as printed in a line: NULL, whole numbers without `.0`, others as stored."""
    if value is None:
        return "NULL"
    return str(int(value)) if float(value).is_integer() else repr(value)


def place_text(cell: Any) -> str:
    """One phrase for where a cell is printed, from whichever place columns it has (an object with
    `page` and the PLACE_FIELDS attributes): `p.3 (102.4, 311.0)-(130.2, 322.5)` (PDF points, top-left
    origin: x0, top - x1, bottom), `grid 2 r5 c3` (DOCX/HTML table, row, cell), `line 118 [12:15]` (text:
    line, character span), `p.3` (a page only), or `place unknown`."""
    parts = []
    if cell.page is not None:
        parts.append(f"p.{cell.page}")
    if cell.x0 is not None:
        parts.append(f"({cell.x0:.1f}, {cell.top:.1f})-({cell.x1:.1f}, {cell.bottom:.1f})")
    if cell.grid_table is not None:
        parts.append(f"grid {cell.grid_table} r{cell.grid_row} c{cell.grid_col}")
    if cell.line is not None:
        parts.append(f"line {cell.line} [{cell.char_start}:{cell.char_end}]")
    return " ".join(parts) or "place unknown"


def _reports(con: duckdb.DuckDBPyConnection, where: str, params: list) -> list[ReportRef]:
    found = con.execute(
        f"""
        SELECT r.report_id, r.agency, r.year, r.path, d.root, d.status, d.format
        FROM reports r
        LEFT JOIN documents d ON d.doc_id = r.report_id AND d.path = r.path AND d.status IN (SELECT unnest(?))
        WHERE {where} ORDER BY r.report_id, d.root""",
        [list(OWNING), *params],
    ).fetchall()
    seen: dict[str, ReportRef] = {}
    for row in found:
        seen.setdefault(row[0], ReportRef(*row))  # one row per report (its file under one root)
    return list(seen.values())


def find_report(con: duckdb.DuckDBPyConnection, name: str) -> ReportRef:
    """The report `name` names: a report_id or a unique prefix of it (at least MIN_PREFIX hex digits),
    or a file as crawled (`documents.path`), or a path to the file (its absolute path is matched against
    `documents.root` + path). A duplicate file names the report read from its twin. Raises NotFound."""
    key = name.strip()
    if len(key) >= MIN_PREFIX and all(ch in "0123456789abcdefABCDEF" for ch in key):
        by_id = _reports(con, "r.report_id LIKE ?", [key.lower() + "%"])
        if len(by_id) > 1:
            raise NotFound(f"{len(by_id)} reports have an id starting with {key}: give more of its characters")
        if by_id:
            return by_id[0]
    full = str(Path(key).expanduser().resolve()) if Path(key).expanduser().exists() else key
    files = con.execute(
        "SELECT DISTINCT doc_id, status, error, root FROM documents WHERE path = ? OR root || '/' || path = ?",
        [key, full],
    ).fetchall()
    reports = _reports(con, "r.report_id IN (SELECT unnest(?))", [[f[0] for f in files if f[0]]])
    if len(reports) == 1:
        return reports[0]
    if len(reports) > 1:
        raise NotFound(f"{key} is a file under {len(reports)} crawled folders: give its full path or its report_id")
    if files:
        _doc, status, error, _root = files[0]
        raise NotFound(f"{key} holds no report ({status}: {error or 'no tables read'}); {LISTING}")
    raise NotFound(f"no report {key}: give a report_id (or 4+ of its first characters) or a file as crawled; {LISTING}")


def parse_code(con: duckdb.DuckDBPyConnection, code: str) -> tuple[str, str | None, str | None]:
    """`TABLE.ROW.COL`, `TABLE.ROW` or `TABLE` → (table, row or None, col or None), each part a code of
    the warehouse's `labels` (FORMAT.md §3-§5). Raises NotFound for an unknown part."""
    parts = code.strip().split(".")
    known = {(kind, table, c) for kind, table, c in con.execute("SELECT kind, table_code, code FROM labels").fetchall()}
    if 1 <= len(parts) <= 3 and ("table", parts[0], parts[0]) in known:
        table, row, col = (*parts, None, None)[:3]
        if (row is None or ("row", table, row) in known) and (col is None or ("col", table, col) in known):
            return table, row, col
    raise NotFound(
        f"unknown cell code {code}: give TABLE.ROW.COL as FORMAT.md spells it (e.g. requests.new_received.total), "
        'or TABLE or TABLE.ROW; `ogi query "SELECT table_code, kind, code, label FROM labels"` lists them'
    )


def cells_at(
    con: duckdb.DuckDBPyConnection, report_id: str, table: str | None, row: str | None, col: str | None
) -> list[ShownCell]:
    """The report's cells in `table`, `row`, `col` (None: any), in the printed order of tables, rows and
    columns (as a check names them: a row, a column or one cell of a table)."""
    return [ShownCell(*r) for r in con.execute(_CELL_SQL, [report_id, table, row, col]).fetchall()]


def report_cells(con: duckdb.DuckDBPyConnection, report_id: str, codes: list[str]) -> list[ShownCell]:
    """The report's cells named by `codes` (each TABLE.ROW.COL or a prefix of one; none: every cell), in
    the printed order of tables, rows and columns, each code's cells once. Raises NotFound for an unknown
    code, or one with no cell in this report."""
    out: list[ShownCell] = []
    for code in codes or [None]:
        found = cells_at(con, report_id, *(parse_code(con, code) if code else (None, None, None)))
        if code and not found:
            raise NotFound(
                f"no cell {code} in report {report_id[:12]}: not printed there, or not read (its checks say which); "
                "without codes `ogi show` lists every cell read"
            )
        out += [c for c in found if c not in out]
    return out


def cell_lines(cells: list[ShownCell]) -> list[str]:
    """One line per cell, aligned: `requests.new_received.natural_person  713  "713"  p.3 (102.4, 311.0)-
    (130.2, 322.5)`: code, value (NULL: not reported), the text as printed (JSON-quoted), the place."""
    codes = [c.code for c in cells]
    values = [_number(c.value) for c in cells]
    texts = [json.dumps(c.raw_text, ensure_ascii=False) if c.raw_text is not None else "NULL" for c in cells]
    wide = [max(map(len, col), default=0) for col in (codes, values, texts)]
    return [
        f"{code:<{wide[0]}}  {value:>{wide[1]}}  {text:<{wide[2]}}  {cell.place}"
        for code, value, text, cell in zip(codes, values, texts, cells, strict=True)
    ]


def cell_rows(cells: list[ShownCell]) -> list[tuple]:
    """The cells as rows of COLUMNS (for csv and json)."""
    return [(*c, c.place) for c in cells]
