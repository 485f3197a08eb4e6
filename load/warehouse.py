"""The DuckDB warehouse: schema from `sql/`, one transaction per file, rows handed over as Arrow."""

from __future__ import annotations

from dataclasses import asdict
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

import duckdb
import polars as pl

from transform import PARSER_VERSION
from transform import vocabulary as v
from transform.model import ParsedFile, Report

REPORT_TABLES = ("reports", "sections", "cells", "checks")
DOCUMENT_SCHEMA = {
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
}


class KnownFile(NamedTuple):
    size_bytes: int | None
    mtime: float | None
    doc_id: str | None
    parser_version: str | None
    status: str


def sql_files(folder: str) -> list[tuple[str, str]]:
    """(name, text) of the .sql files in `sql/<folder>`, in name order (the layering order)."""
    root = resources.files("sql") / folder
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".sql"))


def _frames(file: ParsedFile, report: Report) -> dict[str, pl.DataFrame]:
    rid = file.doc_id
    reports = pl.DataFrame(
        [
            {
                "report_id": rid,
                "agency": report.agency,
                "agency_raw": report.agency_raw,
                "year": report.year,
                "format_version": report.format_version,
                "title": report.title,
                "path": file.path,
            }
        ],
        schema={
            "report_id": pl.String,
            "agency": pl.String,
            "agency_raw": pl.String,
            "year": pl.Int32,
            "format_version": pl.String,
            "title": pl.String,
            "path": pl.String,
        },
    )
    sections = pl.DataFrame(
        {
            "report_id": [rid] * len(report.sections),
            "section_no": [s.no for s in report.sections],
            "section_code": [s.code for s in report.sections],
            "heading": [s.heading for s in report.sections],
            "text": [s.text for s in report.sections],
        },
        schema={
            "report_id": pl.String,
            "section_no": pl.Int32,
            "section_code": pl.String,
            "heading": pl.String,
            "text": pl.String,
        },
    )
    cells = pl.DataFrame(
        [asdict(c) for c in report.cells],
        schema={
            "table_code": pl.String,
            "row_code": pl.String,
            "col_code": pl.String,
            "value": pl.Float64,
            "raw_text": pl.String,
            "page": pl.Int32,
            "row_label": pl.String,
        },
    ).with_columns(report_id=pl.lit(rid), agency=pl.lit(report.agency, pl.String), year=pl.lit(report.year, pl.Int32))
    checks = pl.DataFrame(
        [asdict(c) for c in report.checks],
        schema={
            "check_code": pl.String,
            "severity": pl.String,
            "message": pl.String,
            "table_code": pl.String,
            "row_code": pl.String,
            "col_code": pl.String,
            "expected": pl.Float64,
            "actual": pl.Float64,
        },
    ).with_columns(report_id=pl.lit(rid))
    return {"reports": reports, "sections": sections, "cells": cells, "checks": checks}


def labels_frame() -> pl.DataFrame:
    """Every code of the vocabulary with its printed label and position."""
    rows = [
        ("active", "table", "active", "主动公开政府信息情况", 2),
        ("requests", "table", "requests", "收到和处理政府信息公开申请情况", 3),
        ("review_litigation", "table", "review_litigation", "政府信息公开行政复议、行政诉讼情况", 4),
    ]
    for table, row_vocab, col_vocab in (
        ("active", v.ACTIVE_ROWS, v.ACTIVE_COLS),
        ("requests", v.REQUEST_ROWS, v.REQUEST_COL_VOCAB),
        ("review_litigation", v.REVIEW_ROWS, v.REVIEW_COLS),
    ):
        rows += [(table, "row", code, labels[0], i) for i, (code, labels) in enumerate(row_vocab.items())]
        rows += [(table, "col", code, labels[0], i) for i, (code, labels) in enumerate(col_vocab.items())]
    return pl.DataFrame(rows, schema=["table_code", "kind", "code", "label", "position"], orient="row")


class Warehouse:
    """A DuckDB file holding the contract tables of FORMAT.md §8 (and views from `sql/views`)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path))
        for _name, ddl in sql_files("tables"):
            self.con.execute(ddl)
        self._write_labels()
        self.create_views()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _insert(self, table: str, frame: pl.DataFrame) -> None:
        if frame.height == 0:
            return
        arrow = frame.to_arrow()
        cols = ", ".join(frame.columns)
        self.con.register("_batch", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def _owner_of(self, doc_id: str, root: str, path: str) -> str | None:
        """Another path whose identical bytes already own the report rows."""
        row = self.con.execute(
            "SELECT path FROM documents WHERE doc_id = ? AND NOT (root = ? AND path = ?) "
            "AND status IN ('parsed', 'partial') ORDER BY path LIMIT 1",
            [doc_id, root, path],
        ).fetchall()
        return row[0][0] if row else None

    def known_files(self, root: str) -> dict[str, KnownFile]:
        """What the warehouse holds for every path under `root`: the incremental run's baseline."""
        rows = self.con.execute(
            "SELECT path, size_bytes, mtime, doc_id, parser_version, status FROM documents WHERE root = ?", [root]
        ).fetchall()
        return {r[0]: KnownFile(*r[1:]) for r in rows}

    def write(self, file: ParsedFile, root: str) -> str:
        """Replace everything known about `root/file.path` in one transaction; returns the stored status.
        Re-ingesting a file replaces its rows; identical bytes at a second path are a `duplicate`;
        `unchanged` bytes only refresh the file's size and mtime."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if file.status == "unchanged":
                con.execute(
                    "UPDATE documents SET size_bytes = ?, mtime = ? WHERE root = ? AND path = ?",
                    [file.size_bytes, file.mtime, root, file.path],
                )
                con.execute("COMMIT")
                return "unchanged"
            old = con.execute(
                "SELECT doc_id, status FROM documents WHERE root = ? AND path = ?", [root, file.path]
            ).fetchall()
            con.execute("DELETE FROM documents WHERE root = ? AND path = ?", [root, file.path])
            for old_id, old_status in old:
                if old_id and old_id != file.doc_id and old_status in ("parsed", "partial"):
                    self._release(old_id)
            owner = self._owner_of(file.doc_id, root, file.path) if file.doc_id else None
            if file.doc_id and owner is None:
                self._delete_report(file.doc_id)
            status, error = file.status, file.error
            if owner is not None and file.report is not None:
                status, error = "duplicate", f"same bytes as {owner}"
            self._insert(
                "documents",
                pl.DataFrame(
                    [
                        {
                            "doc_id": file.doc_id,
                            "path": file.path,
                            "format": file.format,
                            "size_bytes": file.size_bytes,
                            "mtime": file.mtime,
                            "encoding": file.encoding,
                            "status": status,
                            "error": error,
                            "parser_version": PARSER_VERSION,
                            "root": root,
                        }
                    ],
                    schema=DOCUMENT_SCHEMA,
                ),
            )
            if status in ("parsed", "partial") and file.report is not None:
                for table, frame in _frames(file, file.report).items():
                    self._insert(table, frame)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return status

    def mark_removed(self, root: str, paths: list[str]) -> None:
        """Files that disappeared: status `removed`, their rows kept but out of the views (a duplicate
        copy still on disk takes the report over). One transaction."""
        if not paths:
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for path in paths:
                owned = con.execute(
                    "SELECT doc_id FROM documents WHERE root = ? AND path = ? AND status IN ('parsed', 'partial')",
                    [root, path],
                ).fetchall()
                con.execute(
                    "UPDATE documents SET status = 'removed', error = 'file no longer in the crawled folder' "
                    "WHERE root = ? AND path = ?",
                    [root, path],
                )
                for (doc_id,) in owned:
                    self._release(doc_id, delete=False)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _release(self, doc_id: str, delete: bool = True) -> None:
        """The path owning a report's rows no longer holds those bytes: a duplicate copy takes the rows
        over; without one the rows are deleted (the file changed) or kept out of the views (removed)."""
        heir = self.con.execute(
            "SELECT root, path FROM documents WHERE doc_id = ? AND status = 'duplicate' ORDER BY root, path LIMIT 1",
            [doc_id],
        ).fetchall()
        if heir:
            (root, path), status = heir[0], self._report_status(doc_id)
            self.con.execute(
                "UPDATE documents SET status = ?, error = NULL WHERE root = ? AND path = ?", [status, root, path]
            )
            self.con.execute("UPDATE reports SET path = ? WHERE report_id = ?", [path, doc_id])
        elif delete:
            self._delete_report(doc_id)

    def _report_status(self, doc_id: str) -> str:
        missing = self.con.execute(
            "SELECT count(*) FROM checks WHERE report_id = ? AND check_code = 'missing_table'", [doc_id]
        ).fetchall()[0][0]
        return "partial" if missing else "parsed"

    def create_views(self) -> None:
        """The views of `sql/views`, layered in file-name order (staging first, marts after)."""
        for _name, sql in sql_files("views"):
            self.con.execute(sql)

    def unresolved_agencies(self, version: int) -> list[tuple[str, int | None]]:
        """Agencies of loaded reports not yet resolved (by this resolver version), with their latest year."""
        return self.con.execute(
            "SELECT agency, max(year) FROM reports WHERE agency IS NOT NULL AND agency NOT IN "
            "(SELECT agency FROM agencies WHERE resolver_version = ?) GROUP BY agency ORDER BY agency",
            [version],
        ).fetchall()

    def write_agencies(self, frame: pl.DataFrame) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("_agencies", frame.select("agency").to_arrow())
            self.con.execute("DELETE FROM agencies WHERE agency IN (SELECT agency FROM _agencies)")
            self.con.unregister("_agencies")
            self._insert("agencies", frame)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _write_labels(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM labels")
        self._insert("labels", labels_frame())
        self.con.execute("COMMIT")

    def refresh_cross_checks(self) -> None:
        """Checks across reports (X1), recomputed over the whole warehouse in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for _name, sql in sql_files("checks"):
                self.con.execute(sql)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _delete_report(self, doc_id: str) -> None:
        for table in REPORT_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [doc_id])

    def counts(self) -> dict[str, int]:
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("documents", *REPORT_TABLES)
        }
