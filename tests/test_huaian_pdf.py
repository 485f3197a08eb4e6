"""The real 6-page Huai'an 2024 report: every one of its 200 cells exactly as printed."""

from __future__ import annotations

import pytest

from extract import extract_bytes
from tests.conftest import CORPUS
from transform import vocabulary as v
from transform.report import parse_report

PDF = CORPUS / "huaian-city-2024.pdf"

ACTIVE = {
    ("regulations", "issued"): 1,
    ("regulations", "repealed"): 0,
    ("regulations", "in_force"): 11,
    ("normative_documents", "issued"): 8,
    ("normative_documents", "repealed"): 26,
    ("normative_documents", "in_force"): 66,
    ("licensing", "decisions"): 447228,
    ("punishment", "decisions"): 3985758,
    ("coercion", "decisions"): 88283,
    ("fees", "amount"): 96171.6,
}
REQUESTS = {  # natural_person, commercial, research, social_welfare, legal_service, other_org, total
    "new_received": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_over": (34, 0, 0, 0, 0, 0, 34),
    "granted": (1288, 21, 0, 0, 50, 3, 1362),
    "partially_granted": (447, 7, 0, 0, 0, 0, 454),
    "denied_state_secret": (2, 0, 0, 0, 0, 0, 2),
    "denied_prohibited_by_law": (30, 1, 0, 0, 0, 0, 31),
    "denied_three_safeties": (5, 0, 0, 0, 0, 0, 5),
    "denied_third_party": (6, 0, 0, 0, 0, 0, 6),
    "denied_internal_affairs": (7, 1, 0, 0, 0, 0, 8),
    "denied_process_info": (12, 0, 0, 0, 0, 0, 12),
    "denied_enforcement_file": (9, 0, 0, 0, 0, 0, 9),
    "denied_inquiry": (105, 0, 0, 0, 0, 0, 105),
    "unable_not_held": (746, 12, 0, 0, 10, 1, 769),
    "unable_needs_creation": (11, 0, 0, 0, 0, 0, 11),
    "unable_unclear": (1, 0, 0, 0, 0, 0, 1),
    "not_processed_petition": (56, 6, 0, 0, 0, 0, 62),
    "not_processed_repeat": (25, 0, 0, 0, 0, 0, 25),
    "not_processed_publication": (0, 0, 0, 0, 0, 0, 0),
    "not_processed_excessive": (0, 0, 0, 0, 0, 0, 0),
    "not_processed_confirmation": (1, 0, 0, 0, 0, 0, 1),
    "other_no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other_no_fee": (6, 0, 0, 0, 0, 0, 6),
    "other_other": (108, 2, 0, 0, 0, 0, 110),
    "total_handled": (2932, 53, 0, 0, 61, 4, 3050),
    "carried_forward": (103, 0, 0, 0, 0, 0, 103),
}
REVIEW = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)


def expected() -> dict[tuple[str, str, str], float]:
    out = {("active", r, c): float(x) for (r, c), x in ACTIVE.items()}
    for row, values in REQUESTS.items():
        out.update({("requests", row, c): float(x) for c, x in zip(v.REQUEST_COLS, values, strict=True)})
    keys = [(r, c) for r in v.REVIEW_ROWS for c in v.REVIEW_COLS]
    out.update({("review_litigation", r, c): float(x) for (r, c), x in zip(keys, REVIEW, strict=True)})
    return out


@pytest.fixture(scope="module")
def report():
    return parse_report(extract_bytes(PDF.read_bytes(), "pdf"))


def test_all_200_cells_as_printed(report):
    got = {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}
    assert len(got) == 200
    assert got == expected()
    fees = next(c for c in report.cells if c.row_code == "fees")
    assert fees.raw_text == "96171.6"


def test_metadata_sections_and_no_checks(report):
    assert (report.agency, report.agency_raw, report.year) == ("淮安市", "淮安市人民政府", 2024)
    assert report.format_version == "v2021"
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.checks == ()
    overview = report.sections[0].text
    assert "（五）政府信息公开监督保障情况" in overview  # the framed text box on page 3 stays in section 1
    assert not any(line.strip("- ").isdigit() for line in overview.splitlines())  # page numbers dropped


def test_pages_are_recorded_across_the_page_break(report):
    page = {(c.table_code, c.row_code, c.col_code): c.page for c in report.cells}
    assert page[("active", "licensing", "decisions")] == 3
    assert page[("active", "punishment", "decisions")] == 4
    assert page[("requests", "unable_not_held", "total")] == 4
    assert page[("requests", "unable_needs_creation", "total")] == 5
    assert page[("review_litigation", "litigation_after_review", "total")] == 5
