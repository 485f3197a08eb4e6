"""Hand the warehouse to analysts: every table and view as Parquet (hive-partitioned by year, via DuckDB's
COPY) or CSV files, or the wide views as one Excel workbook; the data dictionary goes with every export.

Every table and view of the warehouse is written (listed from the warehouse itself, so a new one is never
left out). Parquet keeps the column types: `year` stays INTEGER inside the files as well as in the
`year=<y>` folder names, and a table or view without rows is still written, as one zero-row file with its
schema (`OUT/<name>/empty.parquet`), so `read_parquet('OUT/<name>/**/*.parquet')` never fails. CSV prints
whole numbers without `.0` (counts are stored as DOUBLE, FORMAT.md §8) and money with its decimals.

Descriptions (`load/dictionary.py`) go into each Parquet file's key-value metadata (`description`: the
table's; `description.<column>`: each column's), and beside every export as `README.md` and
`dictionary.csv`. Text a spreadsheet would run as a formula is neutralised in CSV and xlsx
(`load/spreadsheet.py`); Parquet keeps the text as stored.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from load import dictionary as dic
from load.outputs import staged_export
from load.spreadsheet import csv_select, write_workbook

FORMATS = ("parquet", "csv", "xlsx")
WORKBOOK = "ogi.xlsx"  # the xlsx export's file in OUT
DICTIONARY_VIEW = "dictionary"  # the dictionary's rows, registered while `dictionary.csv` is written
LAYOUT = {  # the export README's sentence on what the files are
    "parquet": "Each table and view is a Parquet file `<name>.parquet`, or, where it has a `year` column, a "
    "folder `<name>/year=<y>/*.parquet` (hive partitions; `<name>/empty.parquet` when it has no rows); "
    "each file's key-value metadata holds the descriptions (`description`, `description.<column>`).",
    "csv": "Each table and view is a CSV file `<name>.csv` (UTF-8, a header row; whole numbers without `.0`; "
    "text that starts with = + - @, a tab or CR has a leading ' so that a spreadsheet does not run it).",
    "xlsx": f"`{WORKBOOK}` holds the wide views a person reads, one sheet each (a view longer than a sheet "
    "goes on in sheets `<name> (2)`, …), and this dictionary as the sheet `dictionary`; text that starts "
    "with = + - @, a tab or CR has a leading ' so that a spreadsheet does not run it.",
}


def names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table, then every view, of the warehouse's own schema, in name order."""
    return [name for name, _kind, _comment in dic.relations(con)]


def _literal(text: str | Path) -> str:
    """A path or text as an SQL string literal (a quote is doubled)."""
    text = text.as_posix() if isinstance(text, Path) else text
    return "'" + text.replace("'", "''") + "'"


def kv_metadata(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """COPY's KV_METADATA option for `name`'s Parquet files: `description` (the table's or view's comment)
    and `description.<column>` (each column's), as stored in the warehouse; described ones only."""
    table = {n: comment for n, _kind, comment in dic.relations(con)}.get(name)
    pairs = [("description", table)] + [(f"description.{c}", d) for _n, c, _t, d in dic.columns(con, name)]
    return "KV_METADATA {" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in pairs if v) + "}"


def write_parquet(con: duckdb.DuckDBPyConnection, name: str, out: Path, rows: int) -> None:
    """`name` as `out/<name>.parquet`, or partitioned by year under `out/<name>/` (one zero-row file when
    it has no rows), with its descriptions in the files' metadata."""
    columns = [d[0] for d in con.execute(f'SELECT * FROM "{name}" LIMIT 0').description or []]
    options = f"FORMAT parquet, {kv_metadata(con, name)}"
    if "year" not in columns:
        target = out / f"{name}.parquet"
    else:
        target = out / name
        target.mkdir()
        if rows == 0:  # one zero-row file keeps the schema
            target = target / "empty.parquet"
        else:
            options += ", PARTITION_BY (year), WRITE_PARTITION_COLUMNS true"
    con.execute(f'COPY (SELECT * FROM "{name}") TO {_literal(target)} ({options})')


def write_csv(con: duckdb.DuckDBPyConnection, name: str, out: Path) -> None:
    """`name` as `out/<name>.csv`, text neutralised for spreadsheets."""
    con.execute(f"COPY ({csv_select(con, name)}) TO {_literal(out / f'{name}.csv')} (FORMAT csv, HEADER)")


def write_dictionary(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> None:
    """`out/README.md` (the files and every table's and view's description and columns) and
    `out/dictionary.csv` (the same as one table: name, kind, column, position, type, description)."""
    (out / "README.md").write_text(dic.export_readme(con, LAYOUT[fmt]), encoding="utf-8")
    import polars as pl

    con.register(DICTIONARY_VIEW, pl.DataFrame(dic.dictionary_rows(con)))
    try:
        write_csv(con, DICTIONARY_VIEW, out)
    finally:
        con.unregister(DICTIONARY_VIEW)


def export(con: duckdb.DuckDBPyConnection, out: Path, fmt: str = "parquet") -> dict[str, int]:
    """Write the warehouse under `out` with its dictionary; returns rows written per name. Parquet goes
    to `out/<name>/year=<y>/…parquet` where the data has a year, else `out/<name>.parquet`; CSV to
    `out/<name>.csv`; xlsx: the wide views to `out/ogi.xlsx`. Written beside `out` and swapped in at the
    end (`load.outputs.staged_export`), so `out` holds the whole previous export until then. Raises
    ValueError for an unknown format, OutputRefused when `out` holds something other than an earlier
    export."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    with staged_export(out, fmt) as staging:
        if fmt == "xlsx":
            written = write_workbook(con, staging / WORKBOOK, dic.dictionary_rows(con))
        else:
            written = {}
            for name in names(con):
                rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
                if fmt == "csv":
                    write_csv(con, name, staging)
                else:
                    write_parquet(con, name, staging, rows)
                written[name] = rows
        write_dictionary(con, staging, fmt)
    return written
