"""The warehouse schema: tables from `sql/tables`, upgraded in place by `sql/migrations`, and the codes of
`transform/vocabulary.py` written as tables (labels, check codes, document statuses).

`sql/tables/*.sql` is the one definition of every table (a new warehouse is created from it, at the
latest schema version). `sql/migrations/NNN_name.sql` turns a warehouse of version NNN-1 into NNN
(ALTERs of existing tables; a table that is new in NNN comes from its `sql/tables` file, created after
the migrations). A warehouse written before versioning (no `schema_version` table) is version 1. All
pending migrations, the new tables and the version rows are one transaction: an upgrade interrupted at
any point leaves the warehouse as it was.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

import duckdb

from transform import vocabulary as v

if TYPE_CHECKING:
    import polars as pl

FIRST_VERSION = 1  # the schema of the releases before `schema_version` existed


class SchemaError(Exception):
    """The file cannot be used as this ogi's warehouse (e.g. written by a newer ogi)."""


def sql_files(folder: str) -> list[tuple[str, str]]:
    """(name, text) of the .sql files in `sql/<folder>`, in name order (the layering order)."""
    root = resources.files("sql") / folder
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".sql"))


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of `sql/migrations/NNN_*.sql`, in version order."""
    return [(int(name.split("_", 1)[0]), name, sql) for name, sql in sql_files("migrations")]


def latest_version() -> int:
    """The schema version this ogi writes: the highest migration's number."""
    return max((n for n, _name, _sql in migrations()), default=FIRST_VERSION)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    found = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = current_schema()"
    ).fetchall()
    return {r[0] for r in found}


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The warehouse's schema version; None for an empty file, 1 for one written before versioning."""
    tables = _tables(con)
    if "schema_version" in tables:
        return con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] or FIRST_VERSION
    return FIRST_VERSION if "documents" in tables else None


def ensure_schema(con: duckdb.DuckDBPyConnection, steps: list[tuple[int, str, str]] | None = None) -> int | None:
    """Create the tables of an empty warehouse, or upgrade an older one in place, in one transaction;
    returns the version it had (None: it was empty). `steps`: the migrations (default: `sql/migrations`).
    Raises SchemaError for a warehouse newer than this ogi; a failing migration rolls everything back."""
    steps = migrations() if steps is None else steps
    latest, version = max((n for n, _, _ in steps), default=FIRST_VERSION), stored_version(con)
    if version is not None and version > latest:
        raise SchemaError(f"the warehouse has schema version {version}, newer than this ogi's {latest}: upgrade ogi")
    if version == latest:
        return version
    con.execute("BEGIN TRANSACTION")
    try:
        pending = [(n, name, sql) for n, name, sql in steps if version is not None and n > version]
        for _n, _name, sql in pending:
            con.execute(sql)
        for _name, ddl in sql_files("tables"):
            con.execute(ddl)
        applied = pending or [(latest, "created", "")]
        con.execute(
            "INSERT INTO schema_version (version, name) SELECT unnest(?), unnest(?)",
            [[n for n, _, _ in applied], [name for _, name, _ in applied]],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return version


_POLARS_TYPES = {  # DuckDB type → polars type, for the types `sql/tables` uses
    "VARCHAR": "String",
    "SMALLINT": "Int16",
    "INTEGER": "Int32",
    "BIGINT": "Int64",
    "FLOAT": "Float32",
    "DOUBLE": "Float64",
    "BOOLEAN": "Boolean",
    "DATE": "Date",
    "TIMESTAMP": "Datetime",
    "BLOB": "Binary",
}


def polars_schemas(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, pl.DataType]]:
    """Every table's columns with the polars type of its DuckDB type, read from the warehouse itself
    (so `sql/tables` stays the only place a column is declared)."""
    import polars as pl

    found = con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "JOIN duckdb_tables() USING (database_name, schema_name, table_name) "
        "WHERE database_name = current_database() AND schema_name = current_schema() "
        "ORDER BY table_name, column_index"
    ).fetchall()
    schemas: dict[str, dict[str, pl.DataType]] = {}
    for table, column, dtype in found:
        schemas.setdefault(table, {})[column] = getattr(pl, _POLARS_TYPES[dtype])
    return schemas


# -- codes as data ----------------------------------------------------------------------------------
def label_rows() -> list[dict[str, Any]]:
    """Every code of the vocabulary with its printed label, position, and (outcome rows) its group."""
    rows = [
        {"table_code": t, "kind": "table", "code": t, "label": label, "position": i + 2, "row_group": None}
        for i, (t, label) in enumerate(
            {
                "active": "主动公开政府信息情况",
                "requests": "收到和处理政府信息公开申请情况",
                "review_litigation": "政府信息公开行政复议、行政诉讼情况",
            }.items()
        )
    ]
    for table, row_vocab, col_vocab in (
        ("active", v.ACTIVE_ROWS, v.ACTIVE_COLS),
        ("requests", v.REQUEST_ROWS, v.REQUEST_COL_VOCAB),
        ("review_litigation", v.REVIEW_ROWS, v.REVIEW_COLS),
    ):
        for kind, vocab in (("row", row_vocab), ("col", col_vocab)):
            rows += [
                {
                    "table_code": table,
                    "kind": kind,
                    "code": code,
                    "label": labels[0],
                    "position": i,
                    "row_group": v.ROW_GROUPS.get(code) if kind == "row" else None,
                }
                for i, (code, labels) in enumerate(vocab.items())
            ]
    return rows


def code_tables() -> dict[str, list[dict[str, Any]]]:
    """The rows of every table written from `transform/vocabulary.py`."""
    return {
        "labels": label_rows(),
        "check_codes": [
            {
                "check_code": code,
                "severity": spec.severity.value,
                "meaning": spec.meaning,
                "origin": spec.origin.value,
                "label": spec.label,
            }
            for code, spec in v.CHECK_CODES.items()
        ],
        "document_statuses": [
            {
                "status": s.value,
                "holds_report": spec.holds_report,
                "unread": spec.unread,
                "meaning": spec.meaning,
                "label": spec.label,
            }
            for s, spec in v.DOC_STATUSES.items()
        ],
        "document_kinds": [
            {"kind": k.value, "is_report": k == v.DocKind.REPORT, "meaning": meaning}
            for k, meaning in v.DOC_KINDS.items()
        ],
    }


# The origin of every stored check follows its code's (a warehouse upgraded to version 5 gets it here).
_CHECK_ORIGINS = """
    UPDATE checks SET origin = k.origin FROM check_codes k
    WHERE k.check_code = checks.check_code AND checks.origin IS DISTINCT FROM k.origin"""


def write_codes(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the code tables where they differ from the vocabulary, and the origin of the stored checks
    with `check_codes` (one transaction; usually a no-op)."""
    changed = []
    for table, rows in code_tables().items():
        cols = list(rows[0])
        stored = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        if sorted(stored, key=repr) != sorted((tuple(r.values()) for r in rows), key=repr):
            changed.append((table, cols, rows))
    if not changed:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for table, cols, rows in changed:
            con.execute(f"DELETE FROM {table}")
            picks = ", ".join(f"unnest(${i + 1}) AS {c}" for i, c in enumerate(cols))
            con.execute(f"INSERT INTO {table} BY NAME SELECT {picks}", [[r[c] for r in rows] for c in cols])
        if "check_codes" in {table for table, _cols, _rows in changed}:
            con.execute(_CHECK_ORIGINS)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
