"""Plain data objects `transform` hands to `load`: one parsed report in long format."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import PLACE_FIELDS, Place  # noqa: F401 (PLACE_FIELDS: re-exported for load/)
from transform.signature import Signature
from transform.vocabulary import DocKind


@dataclass(frozen=True, slots=True)
class CellValue:
    table_code: str
    row_code: str
    col_code: str
    value: float | None  # None: printed as blank or a "not reported" mark
    raw_text: str
    page: int | None = None
    row_label: str = ""  # the row label as printed, for people reading the warehouse
    confidence: float | None = None  # the OCR score (0-1) when read from an image; None for text
    place: Place | None = None  # where the value is printed (extract.model.Place); None when unknown


@dataclass(frozen=True, slots=True)
class Check:
    check_code: str
    severity: str  # "error" or "warning"
    message: str
    table_code: str | None = None
    row_code: str | None = None
    col_code: str | None = None
    expected: float | None = None
    actual: float | None = None


@dataclass(frozen=True, slots=True)
class Section:
    no: int
    code: str
    heading: str | None  # as printed; None when lost in conversion (the text is still the section's)
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    agency: str | None
    agency_raw: str | None
    year: int | None
    format_version: str
    title: str | None
    sections: tuple[Section, ...] = field(default=())
    cells: tuple[CellValue, ...] = field(default=())
    checks: tuple[Check, ...] = field(default=())
    status: str = "parsed"  # parsed, partial, not_a_report
    error: str | None = None
    extraction: str | None = None  # text, ocr, mixed (extract.model.Extracted.extraction)
    agency_source: str | None = None  # where the agency was found (vocabulary.IDENTITY_SOURCES; `+page` …)
    year_source: str | None = None  # where the year was found (vocabulary.IDENTITY_SOURCES)
    kind: str = DocKind.REPORT.value  # what the document says it is
    evidence: str | None = None  # the signs it was told by, as a reader would check them
    signature: Signature | None = None  # agency and date that sign the report (not stored; identity evidence)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """One crawled file and what became of it: the unit `load` writes in one transaction."""

    path: str  # relative to the crawled root
    doc_id: str | None  # sha256 of the bytes; None when the file could not be read
    format: str
    size_bytes: int
    mtime: float
    # parsed, partial, failed, not_a_report; `unchanged` = same bytes as stored (only the stat is updated).
    # `duplicate` and `removed` are decided at load time.
    status: str
    error: str | None = None
    encoding: str | None = None
    report: Report | None = None
