"""`ogi export` on a warehouse: every table and view documented in README is written; an empty view is a
zero-row Parquet file with its schema; `year` keeps its type; an output path with a quote works."""

from __future__ import annotations

import re

import duckdb
import polars as pl
from typer.testing import CliRunner

from flows.cli import app
from load.warehouse import Warehouse
from tests.conftest import ROOT


def documented_names() -> set[str]:
    """The tables of README's Schema table and the views of its Views table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    schema = text.split("## Schema", 1)[1].split("\n\n")
    views = text.split("## Views for comparison", 1)[1].split("\n\n")
    table = next(b for b in schema if b.startswith("| table"))
    view_table = next(b for b in views if b.startswith("| view"))
    found = set()
    for block in (table, view_table):
        for line in block.splitlines()[2:]:
            found.update(re.findall(r"^\|\s*\+?`(\w+)`", line))
    return found


def test_a_clean_warehouse_exports_every_documented_name_readable(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse(db).close()
    out = tmp_path / "it's out"
    result = CliRunner().invoke(app, ["export", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    documented = documented_names()
    assert {"documents", "cells", "check_codes", "v_reports", "v_cells", "v_yoy", "v_province_summary"} <= documented
    written = {p.name.removesuffix(".parquet") for p in out.iterdir()}
    assert documented <= written, documented - written
    pattern = (out / "v_yoy" / "**" / "*.parquet").as_posix().replace("'", "''")
    with duckdb.connect() as con:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{pattern}')").fetchall()
        assert con.execute(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall() == [(0,)]
    assert ("year", "INTEGER") in [(c, t) for c, t, *_ in described]
    assert ("pct_change", "DOUBLE") in [(c, t) for c, t, *_ in described]
    frame = pl.read_parquet(out / "cells" / "**" / "*.parquet", hive_partitioning=True)
    assert frame.height == 0 and frame.schema["year"] == pl.Int32 and frame.schema["value"] == pl.Float64
