"""Intermediate model → one parsed report: metadata, sections, long-format cells, checks, status."""

from __future__ import annotations

from extract.model import Block, Extracted, Paragraph
from transform import vocabulary as v
from transform.checks import blank_cells, low_confidence, quoted_figures, run_checks, text_checks
from transform.identity import Reading, read_metadata
from transform.kind import recognise
from transform.mirror import printed_name, reading_blocks, simplified_sections
from transform.model import CellValue, Check, Report
from transform.older import older_format, split_older_sections
from transform.sections import missing_sections, split_sections
from transform.signature import Signature, find_signature
from transform.tables import read_tables

TABLES = ("active", "requests", "review_litigation")
SIGNATURE_PARAGRAPHS = 3  # a signature is printed on the last lines: agency, then date


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


def closing_signature(blocks: tuple[Block, ...]) -> Signature | None:
    """The signature that ends the document's last paragraphs (`transform.signature`), or None."""
    tail = [b.text for b in blocks[-SIGNATURE_PARAGRAPHS:] if isinstance(b, Paragraph)]
    return find_signature("\n".join(tail)) if tail else None


def parse_report(extracted: Extracted, path: str | None = None) -> Report:
    """One report from what an extractor read; `path` (relative to the crawled folder, optional) is a
    last source of agency and year. What the document is comes from what it says (`transform.kind`),
    read on its simplified text (`transform.mirror`): a report is never dropped for want of tables (with
    none readable it is `partial`, a `missing_table` error per table), a free-format report on 2008–2018
    is `pre2019` with its own headings and no table checks, and a document about reports (解读, notice,
    index page, cover letter without its report) is `not_a_report` with the reason. The signature (落款)
    is the identity's last printed source of the agency (its date is the publication's, not the year's)."""
    reading = reading_blocks(extracted.blocks)
    mirror = reading is not extracted.blocks
    read = read_tables(reading, quoted_figures([b.text for b in reading if isinstance(b, Paragraph)]))
    recognition = recognise(reading, bool(read.cells))
    printed, reading = recognition.report_blocks(extracted.blocks), recognition.report_blocks(reading)
    signature = closing_signature(reading)
    signed = [Reading("signature", signature.agency, None)] if signature and signature.agency else []
    meta = read_metadata(reading, path, signed, extracted.page)
    fmt = v.PRE2019 if not read.markers and older_format(reading, meta.year) else format_version(read.markers)
    if fmt == v.PRE2019:
        sections = split_older_sections(printed)
    else:
        national = split_sections(printed)
        sections, signature = national.sections, national.signature or signature
    known = {
        "agency": meta.agency,
        "agency_raw": printed_name(meta.agency_raw, printed, reading) if meta.agency_raw else None,
        "year": meta.year,
        "format_version": fmt,
        "title": printed_name(meta.title, printed, reading) if meta.title else None,
        "agency_source": meta.agency_source,
        "year_source": meta.year_source,
        "sections": sections,
        "extraction": extracted.extraction,
        "kind": recognition.kind.value,
        "evidence": "; ".join(recognition.evidence) or None,
        "signature": signature,
    }
    if not recognition.is_report:
        return Report(**known, status=v.DocStatus.NOT_A_REPORT.value, error=recognition.explanation())
    missing_tables = [] if fmt == v.PRE2019 else completeness(read.cells, fmt)
    checks = [
        *read.checks,
        *missing_tables,
        *run_checks(read.cells),
        *blank_cells(read.cells),
        *low_confidence(read.cells),
        *text_checks(simplified_sections(sections) if mirror else sections, read.cells),
        *(
            []
            if fmt == v.PRE2019
            else missing_sections(sections, {c.table_code for c in missing_tables if c.check_code == "missing_table"})
        ),
    ]
    if meta.agency is None:
        checks.append(
            Check("missing_agency", "warning", "标题、正文开头、来源栏、当前位置栏及文件路径中均未找到机关名称")
        )
    if meta.year is None:
        checks.append(Check("missing_year", "warning", "标题、正文开头、统计期限及文件路径中均未找到报告年度"))
    checks.extend(meta.checks)
    tables_found = {c.table_code for c in read.cells}
    status = "parsed" if tables_found == set(TABLES) or fmt == v.PRE2019 else "partial"
    return Report(**known, cells=tuple(read.cells), checks=tuple(checks), status=status)
