"""Hand the warehouse to analysts: every table and the summary views as Parquet (hive-partitioned by
year, via DuckDB's COPY) or CSV files."""

from __future__ import annotations

from pathlib import Path

import duckdb

TABLES = ("documents", "reports", "sections", "cells", "checks", "labels", "agencies")
VIEWS = ("v_report_summary", "v_requests_wide", "v_agency_compare", "v_yoy", "v_coverage", "v_check_failures")
FORMATS = ("parquet", "csv")


def _has_year(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    cols = con.execute(f"SELECT * FROM {name} LIMIT 0").description or []
    return any(c[0] == "year" for c in cols)


def export(con: duckdb.DuckDBPyConnection, out: Path, fmt: str = "parquet") -> dict[str, int]:
    """Write every table and summary view under `out`; returns rows written per name. Parquet goes to
    `out/<name>/year=<y>/…parquet` where the data has a year, else `out/<name>.parquet`."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in (*TABLES, *VIEWS):
        rows = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
        if fmt == "parquet" and _has_year(con, name):
            target = out / name
            options = "FORMAT parquet, PARTITION_BY (year), OVERWRITE"
        elif fmt == "parquet":
            target, options = out / f"{name}.parquet", "FORMAT parquet"
        else:
            target, options = out / f"{name}.csv", "FORMAT csv, HEADER"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{target.as_posix()}' ({options})")
        written[name] = rows
    return written
