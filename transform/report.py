"""Intermediate model → one parsed report: metadata, sections, long-format cells, checks, status."""

from __future__ import annotations

import re

from extract.model import Block, Extracted, Paragraph
from transform import vocabulary as v
from transform.checks import blank_cells, low_confidence, run_checks, text_checks
from transform.identity import OPENING_CHARS, OPENING_PARAGRAPHS, read_metadata
from transform.model import CellValue, Check, Report, Section
from transform.normalize import compact
from transform.sections import missing_sections, split_sections
from transform.tables import read_tables

TABLES = ("active", "requests", "review_litigation")
_REPORT_TITLE = re.compile(r"(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)")
MIN_SECTIONS_OF_A_REPORT = 4  # headings of the format's six sections that say "annual report" without a title


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


def says_annual_report(title: str | None, sections: tuple[Section, ...], blocks: tuple[Block, ...]) -> bool:
    """The title, the headings or the opening sentence (本年度报告根据《…政府信息公开条例》…编制) say this is a
    disclosure annual report (政府信息公开工作年度报告)."""
    if _REPORT_TITLE.search(compact(title or "")) or len(sections) >= MIN_SECTIONS_OF_A_REPORT:
        return True
    opening = (compact(b.text[:OPENING_CHARS]) for b in blocks[:OPENING_PARAGRAPHS] if isinstance(b, Paragraph))
    return any("年度报告" in text and "政府信息公开条例" in text for text in opening)


def parse_report(extracted: Extracted, path: str | None = None) -> Report:
    """One report from what an extractor read; `path` (relative to the crawled folder, optional) is a
    last source of agency and year. A document that says it is an annual report is never dropped: with
    no readable table it is `partial`, with a `missing_table` error per table."""
    meta = read_metadata(extracted.blocks, path)
    read_sections = split_sections(extracted.blocks)
    sections = read_sections.sections
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
        "signature": read_sections.signature,
    }
    tables_found = {c.table_code for c in read.cells}
    if not tables_found and not says_annual_report(meta.title, sections, extracted.blocks):
        return Report(
            **known,
            status="not_a_report",
            error="no disclosure tables found (主动公开 / 依申请 / 复议诉讼): not an annual report?",
        )
    missing_tables = completeness(read.cells, fmt)
    checks = [
        *read.checks,
        *missing_tables,
        *run_checks(read.cells),
        *blank_cells(read.cells),
        *low_confidence(read.cells),
        *text_checks(sections, read.cells),
        *missing_sections(sections, {c.table_code for c in missing_tables if c.check_code == "missing_table"}),
    ]
    if meta.agency is None:
        checks.append(Check("missing_agency", "warning", "标题、正文开头及文件路径中均未找到机关名称"))
    if meta.year is None:
        checks.append(Check("missing_year", "warning", "标题、正文开头及文件路径中均未找到报告年度"))
    checks.extend(Check(v.METADATA_CONFLICT, v.CHECK_CODES[v.METADATA_CONFLICT].severity, m) for m in meta.conflicts)
    status = "parsed" if tables_found == set(TABLES) else "partial"
    return Report(**known, cells=tuple(read.cells), checks=tuple(checks), status=status)
