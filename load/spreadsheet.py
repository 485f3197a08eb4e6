"""Exports a spreadsheet can open safely: text that Excel, WPS or LibreOffice would run as a formula is
neutralised, and numbers show as they were printed.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is taken for a formula (or a
DDE call: `+cmd|' /C calc'!A0`) by a spreadsheet opening a CSV file; OWASP's CSV-injection guidance is to
prefix such text with a single quote, which makes the spreadsheet show it as text. Only text is
neutralised: a negative number (v2019's 本年增/减, a year-on-year change) stays a number. Parquet keeps the
text as stored (`load/export.py` does not pass it through here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from load.dictionary import dictionary, relations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet reads as a formula's start
SHEET_ROWS = 1_048_575  # data rows of an Excel sheet (1,048,576 with the header)


def neutralised(text: str) -> str:
    """SQL: the text expression `text` (a quoted column, a cast) with a `'` before text that starts as a
    formula does."""
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_STARTS)
    return f"CASE WHEN left({text}, 1) IN ({starts}) THEN '''' || {text} ELSE {text} END"


def _typed_columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    return [(c, str(t)) for c, t, *_ in con.execute(f'SELECT * FROM "{name}" LIMIT 0').description or []]


def csv_select(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """SELECT of a table or view for CSV: text neutralised, DOUBLE columns as text with whole numbers
    without `.0`."""
    picks = []
    for c, dtype in _typed_columns(con, name):
        q = f'"{c}"'
        if dtype == "DOUBLE":
            picks.append(
                f"CASE WHEN {q} = trunc({q}) AND abs({q}) < 9e15 THEN CAST(CAST({q} AS BIGINT) AS VARCHAR) "
                f"ELSE CAST({q} AS VARCHAR) END AS {q}"
            )
        elif dtype == "VARCHAR":
            picks.append(f"{neutralised(q)} AS {q}")
        else:
            picks.append(q)
    return f'SELECT {", ".join(picks)} FROM "{name}"'


def sheet_select(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """SELECT of a table or view for a sheet: text neutralised, lists and other nested values as their
    text; numbers, booleans and dates as they are."""
    picks = []
    for c, dtype in _typed_columns(con, name):
        q = f'"{c}"'
        if dtype == "VARCHAR":
            picks.append(f"{neutralised(q)} AS {q}")
        elif dtype.endswith("]") or dtype.startswith(("STRUCT", "MAP", "UNION")):
            picks.append(f"{neutralised(f'CAST({q} AS VARCHAR)')} AS {q}")
        else:
            picks.append(q)
    return f'SELECT {", ".join(picks)} FROM "{name}"'


def sheet_names() -> list[str]:
    """The views a person reads in a spreadsheet (`sheet = true` in sql/dictionary.toml), in name order."""
    return sorted(name for name, entry in dictionary().relations.items() if entry.sheet)


def write_workbook(con: duckdb.DuckDBPyConnection, path: Path, dictionary_rows: list[dict[str, Any]]) -> dict[str, int]:
    """One .xlsx workbook at `path`: each view of `sheet_names()` on a sheet of its name (a view longer
    than a sheet goes on in `<name> (2)`, …), then `dictionary_rows` on the sheet `dictionary`. Text is
    neutralised and written as text (xlsxwriter is told never to turn it into a formula, number or
    link); numbers are written as numbers in Excel's General format (70, 0.125, 2024). Returns rows
    written per view."""
    import polars as pl
    import xlsxwriter

    held = {name for name, kind, _comment in relations(con) if kind == "view"}
    numbers = (pl.Float32, pl.Float64, pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32)
    formats = {numbers: "General"}  # polars' defaults: 3 decimals, thousands separators (a year as 2,024)
    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    written: dict[str, int] = {}
    with xlsxwriter.Workbook(str(path), options) as book:
        for name in (n for n in sheet_names() if n in held):
            frame = con.sql(sheet_select(con, name)).pl()
            written[name] = frame.height
            for i, start in enumerate(range(0, max(frame.height, 1), SHEET_ROWS)):
                sheet = name if i == 0 else f"{name} ({i + 1})"
                frame.slice(start, SHEET_ROWS).write_excel(book, sheet, dtype_formats=formats)
        con.register("dictionary_rows", pl.DataFrame(dictionary_rows))
        try:
            table = con.sql(sheet_select(con, "dictionary_rows")).pl()
        finally:
            con.unregister("dictionary_rows")
        table.write_excel(book, "dictionary", dtype_formats=formats)
    return written
