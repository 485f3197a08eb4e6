"""A batch's rows as one polars frame per warehouse table, typed as the tables in `sql/tables`.

Columns are filled file by file as plain lists and turned into frames once per batch, so DuckDB gets one
Arrow hand-over per table instead of a row at a time.
"""

from __future__ import annotations

import polars as pl

from transform import PARSER_VERSION
from transform.model import ParsedFile

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "documents": {
        "doc_id": pl.String,
        "path": pl.String,
        "format": pl.String,
        "size_bytes": pl.Int64,
        "mtime": pl.Float64,
        "encoding": pl.String,
        "status": pl.String,
        "error": pl.String,
        "parser_version": pl.String,
        "root": pl.String,
    },
    "reports": {
        "report_id": pl.String,
        "agency": pl.String,
        "agency_raw": pl.String,
        "year": pl.Int32,
        "format_version": pl.String,
        "title": pl.String,
        "path": pl.String,
    },
    "sections": {
        "report_id": pl.String,
        "section_no": pl.Int32,
        "section_code": pl.String,
        "heading": pl.String,
        "text": pl.String,
    },
    "cells": {
        "report_id": pl.String,
        "agency": pl.String,
        "year": pl.Int32,
        "table_code": pl.String,
        "row_code": pl.String,
        "col_code": pl.String,
        "value": pl.Float64,
        "raw_text": pl.String,
        "page": pl.Int32,
        "row_label": pl.String,
    },
    "checks": {
        "report_id": pl.String,
        "check_code": pl.String,
        "severity": pl.String,
        "table_code": pl.String,
        "row_code": pl.String,
        "col_code": pl.String,
        "expected": pl.Float64,
        "actual": pl.Float64,
        "message": pl.String,
    },
}


def _append(columns: dict[str, list], **values) -> None:
    """One row onto a table's column lists."""
    for col, value in values.items():
        columns[col].append(value)


class BatchRows:
    """Column lists for every table, filled file by file, turned into one frame per table."""

    def __init__(self) -> None:
        self.cols = {t: {c: [] for c in schema} for t, schema in SCHEMAS.items()}

    def add_document(self, file: ParsedFile, root: str, status: str, error: str | None) -> None:
        _append(
            self.cols["documents"],
            doc_id=file.doc_id,
            path=file.path,
            format=file.format,
            size_bytes=file.size_bytes,
            mtime=file.mtime,
            encoding=file.encoding,
            status=status,
            error=error,
            parser_version=PARSER_VERSION,
            root=root,
        )

    def add_report(self, file: ParsedFile) -> None:
        r, rid = file.report, file.doc_id
        assert r is not None
        _append(
            self.cols["reports"],
            report_id=rid,
            agency=r.agency,
            agency_raw=r.agency_raw,
            year=r.year,
            format_version=r.format_version,
            title=r.title,
            path=file.path,
        )
        s = self.cols["sections"]
        for sec in r.sections:
            s["report_id"].append(rid)
            s["section_no"].append(sec.no)
            s["section_code"].append(sec.code)
            s["heading"].append(sec.heading)
            s["text"].append(sec.text)
        c = self.cols["cells"]
        n = len(r.cells)
        c["report_id"] += [rid] * n
        c["agency"] += [r.agency] * n
        c["year"] += [r.year] * n
        for col in ("table_code", "row_code", "col_code", "value", "raw_text", "page", "row_label"):
            c[col] += [getattr(cell, col) for cell in r.cells]
        k = self.cols["checks"]
        k["report_id"] += [rid] * len(r.checks)
        for col in ("check_code", "severity", "table_code", "row_code", "col_code", "expected", "actual", "message"):
            k[col] += [getattr(check, col) for check in r.checks]

    def frames(self) -> dict[str, pl.DataFrame]:
        return {t: pl.DataFrame(cols, schema=SCHEMAS[t]) for t, cols in self.cols.items()}
