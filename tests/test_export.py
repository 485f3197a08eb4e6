"""`ogi export` on a warehouse: every table and view documented in README is written; an empty view is a
zero-row Parquet file with its schema; `year` keeps its type; an output path with a quote works. Every
export carries the data dictionary (Parquet metadata, README.md, dictionary.csv); the xlsx workbook holds
every wide view and the dictionary; text a spreadsheet would run as a formula is neutralised in CSV and
xlsx and kept as stored in Parquet."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
from typer.testing import CliRunner

from flows.cli import app
from load import dictionary as dic
from load.export import names
from load.spreadsheet import csv_select, sheet_names
from load.warehouse import Warehouse
from tests.conftest import ROOT
from tests.helpers import rows
from tests.reportgen import SECTION_TEXT, sample_report, to_text


def documented_names() -> set[str]:
    """The tables of README's Schema table and the views of its Views table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    schema = text.split("## Schema", 1)[1].split("\n\n")
    views = text.split("## Views for comparison", 1)[1].split("\n\n")
    table = next(b for b in schema if "\n| table |" in b)  # after the line saying it is generated
    view_table = next(b for b in views if "\n| view |" in b)
    found = set()
    for block in (table, view_table):
        for line in [line for line in block.splitlines() if line.startswith("|")][2:]:
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
    # the descriptions also in a zero-row file's metadata
    empty = pl.read_parquet_metadata(out / "v_yoy" / "empty.parquet")
    assert empty["description"] == dic.dictionary().relations["v_yoy"].comment
    assert empty["description.pct_change"] == dic.dictionary().relations["v_yoy"].columns["pct_change"]


def test_text_starting_as_a_formula_gets_a_leading_quote_and_nothing_else_changes():
    texts = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "示例县", "1-2", "", None]
    with duckdb.connect() as con:
        con.execute("CREATE TABLE t (text VARCHAR, n DOUBLE)")
        con.executemany("INSERT INTO t VALUES (?, -3)", [[t] for t in texts])
        got = con.execute(f"SELECT text, n FROM ({csv_select(con, 't')})").fetchall()
    expected = ["'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "示例县", "1-2", "", None]
    assert got == [(t, "-3") for t in expected]


FORMULA_AGENCY = "=1+1示例县"  # never stored as an agency (not a name), but printed in the title and path
FORMULA_LINE = "+cmd|' /C calc'!A0"


def formula_reports(root: Path) -> None:
    """Two years of a report whose title and file name start like a formula, its section 6 a DDE call."""
    root.mkdir()
    for year, seed in ((2023, 1), (2024, 2)):
        text = to_text(sample_report(FORMULA_AGENCY, year, seed=seed)).replace(SECTION_TEXT[6], FORMULA_LINE)
        (root / f"{FORMULA_AGENCY}-{year}.txt").write_text(text, encoding="utf-8")
    (root / "notes.txt").write_text("会议纪要\n\n今天讨论了工作安排。\n", encoding="utf-8")  # for v_failures


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_exports_carry_the_dictionary_and_are_safe_in_a_spreadsheet(run_ingest, tmp_path):
    root = tmp_path / "reports"
    formula_reports(root)
    summary, db = run_ingest(root)
    assert summary.statuses["parsed"] == 2
    assert rows(db, "SELECT DISTINCT agency FROM reports") == [("示例县",)]  # the formula is no agency's name
    titles = sorted(t for (t,) in rows(db, "SELECT title FROM reports"))
    assert all(t.startswith(FORMULA_AGENCY) for t in titles) and len(titles) == 2
    sixth = [text for (text,) in rows(db, "SELECT text FROM sections WHERE section_no = 6")]
    assert len(sixth) == 2 and all(text.startswith(FORMULA_LINE + "\n") for text in sixth)
    runner = CliRunner()
    outs = {fmt: tmp_path / f"out-{fmt}" for fmt in ("parquet", "csv", "xlsx")}
    for fmt, out in outs.items():
        result = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", fmt])
        assert result.exit_code == 0, result.output

    with duckdb.connect(str(db), read_only=True) as con:
        counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for name in names(con)}
        described = dic.relations(con)
        columns = dic.columns(con)

    # CSV: formula-looking text has a leading ', numbers stay numbers (a negative change is not text)
    reports = csv_rows(outs["csv"] / "reports.csv")
    assert sorted(r["title"] for r in reports) == ["'" + t for t in titles]
    assert all(r["path"].startswith("'" + FORMULA_AGENCY) for r in reports)
    assert sorted(r["text"] for r in csv_rows(outs["csv"] / "sections.csv") if r["section_no"] == "6") == sorted(
        "'" + text for text in sixth
    )
    assert {r["path"][: len(FORMULA_AGENCY) + 1] for r in csv_rows(outs["csv"] / "v_report_summary.csv")} == {
        "'" + FORMULA_AGENCY
    }
    changes = [r["change"] for r in csv_rows(outs["csv"] / "v_yoy.csv")]
    assert any(c.startswith("-") for c in changes) and not any(c.startswith("'") for c in changes)

    # Parquet: the text as stored, and the descriptions in every file's metadata
    parquet = outs["parquet"]
    assert sorted(pl.read_parquet(parquet / "reports" / "**" / "*.parquet")["title"].to_list()) == titles
    texts = pl.read_parquet(parquet / "sections.parquet").filter(pl.col("section_no") == 6)["text"]
    assert sorted(texts.to_list()) == sorted(sixth)
    cells_meta = pl.read_parquet_metadata(next((parquet / "cells").glob("year=2024/*.parquet")))
    assert cells_meta["description"] == dic.dictionary().relations["cells"].comment
    assert cells_meta["description.value"] == dic.dictionary().fields["value"]
    assert cells_meta["description.row_label"] == "The row label as printed in this report"
    codes_meta = pl.read_parquet_metadata(parquet / "check_codes.parquet")
    assert codes_meta["description.meaning"] == dic.dictionary().fields["meaning"]

    # beside every export: README.md and dictionary.csv, one row per table or view and per column
    for out in outs.values():
        dictionary = csv_rows(out / "dictionary.csv")
        assert len(dictionary) == len(described) + len(columns)
        assert {(r["name"], r["column"]) for r in dictionary} == {(n, "") for n, _k, _c in described} | {
            (n, c) for n, c, _t, _d in columns
        }
        assert all(r["description"] for r in dictionary)
        readme = (out / "README.md").read_text(encoding="utf-8")
        assert all(f"## `{n}` ({k})" in readme for n, k, _c in described)
        assert "| `disclosure_rate` | DOUBLE | 公开率 = (granted + partially_granted) / total_handled" in readme

    # xlsx: every wide view on its sheet with all its rows, and the dictionary
    path = outs["xlsx"] / "ogi.xlsx"
    assert sorted(p.name for p in outs["xlsx"].iterdir()) == [
        "README.md",
        "dictionary.csv",
        "ogi-export.json",
        "ogi.xlsx",
    ]
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = sheet_names()
    assert book.sheetnames == [*sheets, "dictionary"]
    assert {"v_requests_wide", "v_report_summary", "v_agency_compare", "v_yoy"} <= set(sheets)
    for name in sheets:
        frame = pl.read_excel(path, sheet_name=name, engine="openpyxl")
        assert frame.height == counts[name] > 0, name
    assert pl.read_excel(path, sheet_name="dictionary", engine="openpyxl").height == len(described) + len(columns)
    summary_sheet = list(book["v_report_summary"].iter_rows(values_only=True))
    header = summary_sheet[0]
    paths = [row[header.index("path")] for row in summary_sheet[1:]]
    assert len(paths) == 2 and all(p.startswith("'" + FORMULA_AGENCY) for p in paths)
    years = sorted(row[header.index("year")] for row in summary_sheet[1:])
    assert years == [2023, 2024]  # numbers stay numbers
    handled = [row[header.index("total_handled")] for row in summary_sheet[1:]]
    assert all(isinstance(x, int | float) and x > 0 for x in handled)
