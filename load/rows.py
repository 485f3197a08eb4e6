"""A batch's rows as one polars frame per warehouse table, typed as the tables in `sql/tables`.

Columns are filled file by file as plain lists and turned into frames once per batch, so DuckDB gets one
Arrow hand-over per table instead of a row at a time. Only the columns filled here are handed over (by
name); the others take their defaults. Column types come from the warehouse itself (`sql/tables` is the
only place a column is declared).
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from transform import PARSER_VERSION
from transform.model import PLACE_FIELDS, ParsedFile
from transform.vocabulary import CHECK_CODES


def _append(columns: dict[str, list], **values) -> None:
    """One row onto a table's column lists."""
    for col, value in values.items():
        columns[col].append(value)


class BatchRows:
    """Column lists for every table, filled file by file, turned into one frame per table."""

    def __init__(self) -> None:
        self.cols: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

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
            extraction=file.report.extraction if file.report else None,
            kind=file.report.kind if file.report else None,
            kind_evidence=file.report.evidence if file.report else None,
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
            agency_source=r.agency_source,
            year_source=r.year_source,
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
        for col in ("table_code", "row_code", "col_code", "value", "raw_text", "page", "row_label", "confidence"):
            c[col] += [getattr(cell, col) for cell in r.cells]
        for col in PLACE_FIELDS:
            c[col] += [None if cell.place is None else getattr(cell.place, col) for cell in r.cells]
        k = self.cols["checks"]
        k["report_id"] += [rid] * len(r.checks)
        for col in ("check_code", "severity", "table_code", "row_code", "col_code", "expected", "actual", "message"):
            k[col] += [getattr(check, col) for check in r.checks]
        k["origin"] += [CHECK_CODES[check.check_code].origin.value for check in r.checks]

    def frames(self, schemas: dict[str, dict[str, pl.DataType]]) -> dict[str, pl.DataFrame]:
        """One frame per table that has rows, its columns typed as the warehouse table's (`schemas`:
        table → column → polars type, from `load.schema.polars_schemas`)."""
        return {t: pl.DataFrame(cols, schema={c: schemas[t][c] for c in cols}) for t, cols in self.cols.items() if cols}
