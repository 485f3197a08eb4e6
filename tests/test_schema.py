"""One schema with migrations: a warehouse written by an older ogi is upgraded in place and keeps every
row; a fresh warehouse and an upgraded one have the same tables and columns; the code tables follow
transform/vocabulary.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from load.schema import SchemaError, ensure_schema, latest_version, migrations, polars_schemas
from load.warehouse import Warehouse
from tests.helpers import rows
from transform import vocabulary as v

V1 = Path(__file__).parent / "fixtures" / "warehouse-v1.duckdb"  # made by ogi at ae0ce16 (fixtures/README.md)
V1_TABLES = ("documents", "reports", "sections", "cells", "checks", "labels", "agencies")


def _columns(db: Path) -> list[tuple[str, str, str]]:
    return rows(
        db,
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "JOIN duckdb_tables() USING (database_name, schema_name, table_name) ORDER BY table_name, column_index",
    )


def _content(db: Path, table: str, columns: list[str]) -> list[tuple]:
    return sorted(rows(db, f"SELECT {', '.join(columns)} FROM {table}"), key=repr)


def test_a_v1_warehouse_is_upgraded_in_place_and_keeps_every_row(tmp_path):
    db = tmp_path / "old.duckdb"
    shutil.copy(V1, db)
    before_cols = _columns(db)
    assert {t for t, _c, _d in before_cols} == set(V1_TABLES)  # the fixture predates schema_version
    before = {t: _content(db, t, [c for tt, c, _d in before_cols if tt == t]) for t in V1_TABLES}
    assert {t: len(r) for t, r in before.items()} == {
        "documents": 4,
        "reports": 3,
        "sections": 18,
        "cells": 600,
        "checks": 0,
        "labels": 64,
        "agencies": 3,
    }

    with Warehouse(db) as w:
        assert w.upgraded_from == 1
    assert rows(db, "SELECT max(version) FROM schema_version") == [(latest_version(),)]
    assert latest_version() >= 2
    for table in V1_TABLES:  # labels are rewritten from the vocabulary: the same rows, now with their group
        assert _content(db, table, [c for t, c, _d in before_cols if t == table]) == before[table], table
    # the new warehouse has exactly the schema a fresh one gets from sql/tables
    fresh = tmp_path / "fresh.duckdb"
    Warehouse(fresh).close()
    assert _columns(db) == _columns(fresh)
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(3,)]
    # opening again does not migrate again
    with Warehouse(db) as w:
        assert w.upgraded_from == latest_version()
    assert rows(db, "SELECT count(*) FROM schema_version") == [(len(migrations()),)]  # one row per migration


def test_a_warehouse_from_a_newer_ogi_is_refused_untouched(tmp_path):
    db = tmp_path / "new.duckdb"
    Warehouse(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_version (version, name) VALUES (999, '999_future.sql')")
    with pytest.raises(SchemaError, match="999"):
        Warehouse(db)


def test_rows_are_inserted_by_name_with_types_from_sql_tables(tmp_path):
    """Column types come from the DDL in the warehouse, not from a second list in Python."""
    import polars as pl

    with Warehouse(tmp_path / "w.duckdb") as w:
        schemas = polars_schemas(w.con)
    assert schemas["cells"]["year"] == pl.Int32 and schemas["cells"]["value"] == pl.Float64
    assert schemas["documents"]["ingested_at"] == pl.Datetime
    import load.rows

    assert not hasattr(load.rows, "SCHEMAS")


def test_code_tables_follow_the_vocabulary(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse(db).close()
    assert rows(db, "SELECT check_code, severity FROM check_codes ORDER BY check_code") == sorted(
        (code, spec.severity.value) for code, spec in v.CHECK_CODES.items()
    )
    assert rows(db, "SELECT status FROM document_statuses WHERE holds_report ORDER BY status") == [
        ("parsed",),
        ("partial",),
    ]
    groups = dict(rows(db, "SELECT code, row_group FROM labels WHERE kind = 'row' AND row_group IS NOT NULL"))
    assert groups == v.ROW_GROUPS
    assert {g for g in groups.values()} == {"denied", "unable", "not_processed", "other", "litigation"}


def test_a_failing_migration_leaves_the_warehouse_as_it_was(tmp_path):
    db = tmp_path / "old.duckdb"
    shutil.copy(V1, db)
    before = _columns(db)
    broken = [
        *migrations(),
        (latest_version() + 1, "099_broken.sql", "ALTER TABLE cells ADD COLUMN x INTEGER; SELECT nope"),
    ]
    with duckdb.connect(str(db)) as con, pytest.raises(duckdb.Error, match="nope"):
        ensure_schema(con, broken)
    assert _columns(db) == before  # neither the first migration nor the new tables were kept
    with Warehouse(db) as w:
        assert w.upgraded_from == 1
