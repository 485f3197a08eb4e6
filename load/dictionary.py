"""The data dictionary: what every table, view and column of the warehouse means, from `sql/dictionary.toml`
(the one place it is written), put where people and programs look for it.

The warehouse declares the columns and their types (`sql/tables`, `sql/views`); the dictionary says what
they mean. A column's description is its table's own entry where the name means something particular
there, else the one of its name in `[fields]` (PUDL's metadata is the model: a field defined once).
`write_comments` writes it into the warehouse as DuckDB comments (`COMMENT ON`), so `duckdb_columns()`,
`duckdb_tables()`, `duckdb_views()` and any client show it; `describe` reads them back for `ogi describe`;
`load/export.py` writes them beside an export; `readme_tables` makes README's Schema and Views tables.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb


@dataclass(frozen=True)
class Relation:
    """One table or view as the dictionary has it: `grain` (one row per …), `description`, whether it is
    an addition to FORMAT.md §8's contract (`extra`, or `extra_columns` of a contract table), whether a
    person reads it in a spreadsheet (`sheet`), and descriptions of the column names that mean something
    particular in it (`columns`)."""

    name: str
    grain: str
    description: str
    extra: bool = False
    extra_columns: tuple[str, ...] = ()
    sheet: bool = False
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def comment(self) -> str:
        """The table's or view's description as one sentence: `One row per <grain>: <description>`."""
        return f"One row per {self.grain}: {self.description}"


@dataclass(frozen=True)
class Dictionary:
    """`fields`: column name → description; `relations`: table or view name → its entry."""

    fields: dict[str, str]
    relations: dict[str, Relation]

    def column(self, relation: str, column: str) -> str | None:
        """The description of `relation.column`: the relation's own entry, else the field's; None when
        the dictionary has neither (a column nobody described)."""
        own = self.relations.get(relation)
        if own is not None and column in own.columns:
            return own.columns[column]
        return self.fields.get(column)


def parse(text: str) -> Dictionary:
    """A dictionary from the TOML text of `sql/dictionary.toml`. Raises tomllib.TOMLDecodeError or
    TypeError (an unknown key in a table's entry)."""
    data: dict[str, Any] = tomllib.loads(text)
    relations = {}
    for name, entry in data.get("tables", {}).items():
        extra_columns = tuple(entry.pop("extra_columns", ()))
        relations[name] = Relation(name=name, extra_columns=extra_columns, **entry)
    return Dictionary(fields=dict(data.get("fields", {})), relations=relations)


@cache
def dictionary() -> Dictionary:
    """The dictionary of `sql/dictionary.toml` (read once)."""
    return parse((resources.files("sql") / "dictionary.toml").read_text(encoding="utf-8"))


# -- in the warehouse -------------------------------------------------------------------------------
_HERE = "database_name = current_database() AND schema_name = current_schema()"


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """(name, kind, comment) of every table, then every view, of the warehouse's own schema, in name
    order; kind is `table` or `view`, comment the stored description (None: none stored)."""
    return con.execute(
        f"SELECT table_name, 'table', comment FROM duckdb_tables() WHERE {_HERE} UNION ALL "
        f"SELECT view_name, 'view', comment FROM duckdb_views() WHERE {_HERE} AND NOT internal "
        "ORDER BY 2, 1"
    ).fetchall()


def columns(con: duckdb.DuckDBPyConnection, name: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(relation, column, DuckDB type, comment) of every column of the warehouse's tables and views (or
    of `name`'s), in column order."""
    return con.execute(
        f"SELECT table_name, column_name, data_type, comment FROM duckdb_columns() WHERE {_HERE} "
        "AND (? IS NULL OR table_name = ?) ORDER BY table_name, column_index",
        [name, name],
    ).fetchall()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_comments(con: duckdb.DuckDBPyConnection) -> None:
    """Write the dictionary into the warehouse as comments where a stored one differs (views are created
    anew on every open, so theirs every time; tables' only after a change), in one transaction. A table,
    view or column the dictionary does not describe is left without a comment (tests/test_dictionary.py
    fails for it)."""
    book = dictionary()
    statements = []
    for name, kind, stored in relations(con):
        entry = book.relations.get(name)
        if entry is not None and entry.comment != stored:
            statements.append(f'COMMENT ON {kind.upper()} "{name}" IS {_literal(entry.comment)}')
    for name, column, _type, stored in columns(con):
        wanted = book.column(name, column)
        if wanted is not None and wanted != stored:
            statements.append(f'COMMENT ON COLUMN "{name}"."{column}" IS {_literal(wanted)}')
    if not statements:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(";\n".join(statements))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


DESCRIBE_ALL = ("name", "kind", "description")
DESCRIBE_ONE = ("column", "type", "description")


def describe(con: duckdb.DuckDBPyConnection, name: str | None = None) -> tuple[list[str], list[tuple]]:
    """What `ogi describe` prints, as (column names, rows), read from the warehouse's comments: every
    table and view with its description, or `name`'s columns with type and description. Raises KeyError
    (one line saying what to do) for a name the warehouse does not hold."""
    found = relations(con)
    if name is None:
        return list(DESCRIBE_ALL), [(n, kind, comment or "") for n, kind, comment in found]
    if name not in {n for n, _kind, _comment in found}:
        raise KeyError(f"no table or view {name!r} in the warehouse: `ogi describe` lists them")
    return list(DESCRIBE_ONE), [(c, t, comment or "") for _n, c, t, comment in columns(con, name)]


def _columns_by_name(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str, str | None]]]:
    """(column, type, comment) of every table's and view's columns, by its name."""
    by_name: dict[str, list[tuple[str, str, str | None]]] = {}
    for name, column, dtype, comment in columns(con):
        by_name.setdefault(name, []).append((column, dtype, comment))
    return by_name


def dictionary_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The dictionary as one table, for `dictionary.csv` and the xlsx sheet: per table or view one row
    with `column` empty and `position` 0 (its description), then one per column (position from 1, its
    DuckDB type and description). Read from the warehouse's comments."""
    by_name = _columns_by_name(con)
    rows = []
    for name, kind, comment in relations(con):
        rows.append({"name": name, "kind": kind, "column": "", "position": 0, "type": "", "description": comment})
        rows += [
            {"name": name, "kind": kind, "column": c, "position": i, "type": t, "description": d}
            for i, (c, t, d) in enumerate(by_name.get(name, []), start=1)
        ]
    return rows


def export_readme(con: duckdb.DuckDBPyConnection, files: str) -> str:
    """README.md written beside an export: what each file holds (`files`: a sentence on the layout), and
    every table and view with its description and columns (type, description)."""
    by_name = _columns_by_name(con)
    parts = [
        "# ogi export\n",
        "Government information disclosure annual reports (政府信息公开工作年度报告) as read by ogi. "
        f"{files} `dictionary.csv` holds the descriptions below as one table.\n",
    ]
    for name, kind, comment in relations(con):
        parts.append(f"## `{name}` ({kind})\n\n{comment or ''}\n\n| column | type | description |\n|---|---|---|")
        parts += [f"| `{c}` | {t} | {_cell(d or '')} |" for c, t, d in by_name.get(name, [])]
        parts.append("")
    return "\n".join(parts)


def _cell(text: str) -> str:
    """Text for a markdown table cell (a `|` would end it)."""
    return text.replace("|", "\\|")


# -- README -----------------------------------------------------------------------------------------
README_MARK = "<!-- {} table: generated from sql/dictionary.toml by `python -m load.dictionary README.md` -->"


def readme_tables() -> dict[str, str]:
    """README's Schema table (every table with its columns and their descriptions; `+` marks what ogi
    adds to FORMAT.md §8's contract) and its Views table (every view with its grain and description), as
    markdown, keyed `schema` and `views`. Column order from a fresh warehouse."""
    from load.warehouse import Warehouse

    book = dictionary()
    with tempfile.TemporaryDirectory() as folder, Warehouse(Path(folder) / "w.duckdb") as warehouse:
        found, cols = relations(warehouse.con), columns(warehouse.con)
    schema = ["| table | one row per | columns |", "|---|---|---|"]
    views = ["| view | one row per | what for |", "|---|---|---|"]
    kinds = {name: kind for name, kind, _comment in found}
    for name in (n for n in book.relations if n in kinds):  # the dictionary's order: staging first
        entry = book.relations[name]
        if kinds[name] == "view":
            views.append(f"| `{name}` | {_cell(entry.grain)} | {_cell(entry.description)} |")
            continue
        described = "<br>".join(
            f"{'+' if c in entry.extra_columns else ''}`{c}`: {_cell(book.column(name, c) or '')}"
            for n, c, _t, _comment in cols
            if n == name
        )
        schema.append(f"| {'+' if entry.extra else ''}`{name}` | {_cell(entry.grain)} | {described} |")
    return {"schema": "\n".join(schema), "views": "\n".join(views)}


def with_readme_tables(readme: str) -> str:
    """README's text with its generated tables (each the table after its mark line) made anew."""
    for key, table in readme_tables().items():
        mark = README_MARK.format(key)
        before, after = readme.split(mark + "\n", 1)
        rest = after.split("\n\n", 1)[1] if "\n\n" in after else ""
        readme = f"{before}{mark}\n{table}\n\n{rest}"
    return readme


if __name__ == "__main__":  # python -m load.dictionary README.md: rewrite README's generated tables
    target = Path(sys.argv[1])
    target.write_text(with_readme_tables(target.read_text(encoding="utf-8")), encoding="utf-8")
