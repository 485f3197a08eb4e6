"""The data dictionary (sql/dictionary.toml): every column of every table and view of a fresh warehouse
carries a description in the warehouse itself (a new column without one fails here), the dictionary
describes nothing that does not exist, README's Schema and Views tables are the ones it makes, and
`ogi describe` prints it."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from flows.cli import app
from load import dictionary as dic
from load.warehouse import Warehouse
from tests.conftest import ROOT


def test_every_table_view_and_column_of_a_fresh_warehouse_has_a_comment(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse(db).close()
    Warehouse(db).close()  # opened again: the views are made anew, and their comments with them
    with duckdb.connect(str(db), read_only=True) as con:
        found = dic.relations(con)
        cols = dic.columns(con)
    assert {"documents", "cells", "v_reports", "v_yoy"} <= {n for n, _k, _c in found}
    assert [n for n, _k, comment in found if not (comment or "").strip()] == []
    assert [(n, c) for n, c, _t, comment in cols if not (comment or "").strip()] == []
    # the comment is the dictionary's, the table's own entry before the field's
    described = {(n, c): comment for n, c, _t, comment in cols}
    assert described[("cells", "row_label")] == "The row label as printed in this report"
    assert described[("v_cells", "row_label")] == dic.dictionary().fields["row_label"]
    assert dict((n, c) for n, _k, c in found)["v_yoy"].startswith("One row per agency-year × metric: ")


def test_the_dictionary_describes_only_what_exists(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        found = {n for n, _k, _c in dic.relations(warehouse.con)}
        cols = {(n, c) for n, c, _t, _comment in dic.columns(warehouse.con)}
    book = dic.dictionary()
    assert set(book.relations) == found
    assert set(book.fields) <= {c for _n, c in cols}, set(book.fields) - {c for _n, c in cols}
    own = {(n, c) for n, entry in book.relations.items() for c in (*entry.columns, *entry.extra_columns)}
    assert own <= cols, own - cols
    assert all(entry.grain and entry.description for entry in book.relations.values())
    assert {n for n, entry in book.relations.items() if entry.sheet} >= {"v_requests_wide", "v_report_summary"}


def test_readme_tables_are_made_from_the_dictionary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert dic.with_readme_tables(readme) == readme, "run: .venv/bin/python -m load.dictionary README.md"


def test_describe_prints_every_table_and_view_or_one_with_its_columns(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse(db).close()
    runner = CliRunner()
    listed = runner.invoke(app, ["describe", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    everything = {r["name"]: r for r in json.loads(listed.output)}
    assert set(everything) == set(dic.dictionary().relations)
    assert everything["documents"]["kind"] == "table" and everything["v_yoy"]["kind"] == "view"
    assert everything["documents"]["description"] == dic.dictionary().relations["documents"].comment

    one = runner.invoke(app, ["describe", "v_report_summary", "--db", str(db), "--format", "csv"])
    assert one.exit_code == 0, one.output
    lines = one.output.splitlines()
    assert lines[0] == "column,type,description"
    assert 'year,INTEGER,"The year reported on, never the publication date"' in lines
    assert any(line.startswith("disclosure_rate,DOUBLE,公开率 = (granted + partially_granted)") for line in lines)

    unknown = runner.invoke(app, ["describe", "v_nothing", "--db", str(db)])
    assert unknown.exit_code == 2
    assert unknown.output.strip().splitlines() == [
        "no table or view 'v_nothing' in the warehouse: `ogi describe` lists them"
    ]


def _views(db) -> dict[str, str | None]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())


def test_views_are_made_anew_only_when_they_changed_and_keep_their_comments(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse(db).close()
    first, stored = _views(db), db.read_bytes()
    Warehouse(db).close()
    assert db.read_bytes() == stored  # nothing changed, nothing written: the views were not replaced
    with duckdb.connect(str(db)) as con:  # an older ogi's views, and one view gone
        con.execute("UPDATE state SET value = 'older' WHERE key = 'views'")
        con.execute("DROP VIEW v_check_failures")
    Warehouse(db).close()
    assert _views(db) == first
    with duckdb.connect(str(db)) as con:  # a view dropped by hand comes back at the next open
        con.execute("DROP VIEW v_yoy")
    Warehouse(db).close()
    assert _views(db) == first
