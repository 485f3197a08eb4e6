"""Intermediate model → one parsed report: metadata, sections, long-format cells, checks, status."""

from __future__ import annotations

from extract.model import Extracted
from transform import vocabulary as v
from transform.checks import blank_cells, low_confidence, run_checks
from transform.metadata import read_metadata
from transform.model import CellValue, Check, Report
from transform.sections import split_sections
from transform.tables import read_tables
from transform.textchecks import text_checks

TABLES = ("active", "requests", "review_litigation")


def format_version(markers: set[str]) -> str:
    """Decided from the labels, never from the year (FORMAT.md §1)."""
    new, old = markers & v.V2021_MARKERS, markers & v.V2019_MARKERS
    if new and old:
        return "hybrid"
    return "v2019" if old else "v2021"


def expected_rows(table: str, fmt: str, cells: list[CellValue]) -> tuple[str, ...]:
    if table == "review_litigation":
        return tuple(v.REVIEW_ROWS)
    if table == "active":
        return tuple(v.ACTIVE_DEFAULT_COLS["v2019" if fmt == "v2019" else "v2021"])
    single_other = any(c.row_code == "other_total" for c in cells)
    return v.REQUEST_ROWS_BY_FORMAT["v2019" if single_other else "v2021"]


def completeness(cells: list[CellValue], fmt: str) -> list[Check]:
    """A missing table is an error, a missing row a warning: nothing is filled in for them."""
    checks = []
    for table in TABLES:
        found = {c.row_code for c in cells if c.table_code == table}
        if not found:
            checks.append(Check("missing_table", "error", f"{v.TABLE_LABELS[table]}：未找到此表", table))
            continue
        for row in expected_rows(table, fmt, cells):
            if row not in found:
                label = v.label_of(table, row_code=row)
                checks.append(
                    Check("missing_row", "warning", f"{v.TABLE_LABELS[table]}：未找到“{label}”行", table, row)
                )
    return checks


def parse_report(extracted: Extracted) -> Report:
    meta = read_metadata(extracted.blocks)
    sections = split_sections(extracted.blocks)
    read = read_tables(extracted.blocks)
    fmt = format_version(read.markers)
    known = {
        "agency": meta.agency,
        "agency_raw": meta.agency_raw,
        "year": meta.year,
        "format_version": fmt,
        "title": meta.title,
        "sections": sections,
        "extraction": extracted.extraction,
    }
    tables_found = {c.table_code for c in read.cells}
    if not tables_found:
        return Report(
            **known,
            status="not_a_report",
            error="no disclosure tables found (主动公开 / 依申请 / 复议诉讼): not an annual report?",
        )
    checks = [
        *read.checks,
        *completeness(read.cells, fmt),
        *run_checks(read.cells),
        *blank_cells(read.cells),
        *low_confidence(read.cells),
        *text_checks(sections, read.cells),
    ]
    if meta.agency is None:
        checks.append(Check("missing_agency", "warning", "标题中未找到机关名称"))
    if meta.year is None:
        checks.append(Check("missing_year", "warning", "标题及正文开头未找到报告年度"))
    status = "parsed" if tables_found == set(TABLES) else "partial"
    return Report(**known, cells=tuple(read.cells), checks=tuple(checks), status=status)
