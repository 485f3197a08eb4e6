"""Hand the warehouse to analysts: every table and view as Parquet (hive-partitioned by year, via DuckDB's
COPY) or CSV files.

Every table and view of the warehouse is written (listed from the warehouse itself, so a new one is never
left out). Parquet keeps the column types: `year` stays INTEGER inside the files as well as in the
`year=<y>` folder names, and a table or view without rows is still written, as one zero-row file with its
schema (`OUT/<name>/empty.parquet`), so `read_parquet('OUT/<name>/**/*.parquet')` never fails. CSV prints
whole numbers without `.0` (counts are stored as DOUBLE, FORMAT.md §8) and money with its decimals.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from load.outputs import staged_export

FORMATS = ("parquet", "csv")


def names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table, then every view, of the warehouse's own schema, in name order."""
    found = con.execute(
        "SELECT 0, table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = current_schema() UNION ALL "
        "SELECT 1, view_name FROM duckdb_views() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND NOT internal ORDER BY 1, 2"
    ).fetchall()
    return [name for _kind, name in found]


def _literal(path: Path) -> str:
    """A path as an SQL string literal (a quote in a folder name is doubled)."""
    return "'" + path.as_posix().replace("'", "''") + "'"


def _csv_select(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """SELECT of a table or view for CSV: DOUBLE columns as text, whole numbers without `.0`."""
    columns = con.execute(f'SELECT * FROM "{name}" LIMIT 0').description or []
    picks = [
        f'CASE WHEN "{c}" = trunc("{c}") AND abs("{c}") < 9e15 THEN CAST(CAST("{c}" AS BIGINT) AS VARCHAR) '
        f'ELSE CAST("{c}" AS VARCHAR) END AS "{c}"'
        if str(dtype) == "DOUBLE"
        else f'"{c}"'
        for c, dtype, *_ in columns
    ]
    return f'SELECT {", ".join(picks)} FROM "{name}"'


def export(con: duckdb.DuckDBPyConnection, out: Path, fmt: str = "parquet") -> dict[str, int]:
    """Write every table and view under `out`; returns rows written per name. Parquet goes to
    `out/<name>/year=<y>/…parquet` where the data has a year, else `out/<name>.parquet`; CSV to
    `out/<name>.csv`. Written beside `out` and swapped in at the end (`load.outputs.staged_export`), so
    `out` holds the whole previous export until then. Raises ValueError for an unknown format,
    OutputRefused when `out` holds something other than an earlier export."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    written = {}
    with staged_export(out, fmt) as staging:
        for name in names(con):
            written[name] = _write(con, name, staging, fmt)
    return written


def _write(con: duckdb.DuckDBPyConnection, name: str, out: Path, fmt: str) -> int:
    """One table or view into the (fresh) folder `out`; returns its rows."""
    rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
    columns = [d[0] for d in con.execute(f'SELECT * FROM "{name}" LIMIT 0').description or []]
    select = f'SELECT * FROM "{name}"'
    if fmt == "csv":
        target, options, select = out / f"{name}.csv", "FORMAT csv, HEADER", _csv_select(con, name)
    elif "year" not in columns:
        target, options = out / f"{name}.parquet", "FORMAT parquet"
    else:
        target = out / name
        target.mkdir()
        if rows == 0:  # one zero-row file keeps the schema
            target, options = target / "empty.parquet", "FORMAT parquet"
        else:
            options = "FORMAT parquet, PARTITION_BY (year), WRITE_PARTITION_COLUMNS true"
    con.execute(f"COPY ({select}) TO {_literal(target)} ({options})")
    return rows
