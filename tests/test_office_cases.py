"""The seven one-property PDF and Word cases of ../shared/cases (issue 13), as offices really produce them:
every cell, the agency and the year of their truth, through the real ingest flow into DuckDB and at the
extractor level. The no-Unicode PDF has no readable text layer: read by OCR (issue 14) in the ingest test
(its extractor-level OCR is not repeated: seconds a page)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from extract import extract_bytes
from tests.conftest import SHARED
from tests.helpers import rows
from transform.report import parse_report

CASES = SHARED / "cases"
READABLE = (
    "fake-bold-title.pdf",
    "row-split-across-pages.pdf",
    "pdf-open-sided-tables.pdf",
    "pdf-sideways-table-page.pdf",
    "docx-nested-table.docx",
    "docx-content-control-cells.docx",
)
BY_OCR = "pdf-no-tounicode.pdf"


def truth(name: str) -> dict:
    return json.loads((CASES / f"{name.rsplit('.', 1)[0]}.truth.json").read_text(encoding="utf-8"))


def agency_key(agency: str) -> str:
    """The truth's agency as the warehouse stores it: no whitespace, no trailing 人民政府."""
    return re.sub(r"\s", "", agency).removesuffix("人民政府")


@pytest.mark.parametrize("name", READABLE)
def test_case_extracts_every_cell(name):
    want = truth(name)
    report = parse_report(extract_bytes((CASES / name).read_bytes(), name.rsplit(".", 1)[1]))
    got = {f"{c.table_code}.{c.row_code}.{c.col_code}": c.value for c in report.cells}
    assert got == want["cells"]
    # the truth's agency is as printed: `agency` may hold it qualified (洪泽区 → 淮安市洪泽区, issue 21)
    assert (report.status, agency_key(report.agency_raw), report.year) == (
        "parsed",
        agency_key(want["agency"]),
        want["year"],
    )
    assert report.checks == ()
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_cases_load_into_the_warehouse(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name in (*READABLE, BY_OCR):
        shutil.copy(CASES / name, root / name)
    _summary, db = run_ingest(root)
    status = {p: (s, e) for p, s, e in rows(db, "SELECT path, status, error FROM documents")}
    extraction = dict(rows(db, "SELECT path, extraction FROM documents"))
    assert extraction == {name: "ocr" if name == BY_OCR else "text" for name in (*READABLE, BY_OCR)}
    for name in (*READABLE, BY_OCR):
        want = truth(name)
        assert status[name] == ("parsed", None), name
        (report_id, agency, year), *more = rows(
            db,
            "SELECT r.report_id, regexp_replace(r.agency_raw, '人民政府$', ''), r.year FROM reports r "
            "JOIN documents d ON d.doc_id = r.report_id "
            "WHERE d.path = ?",
            [name],
        )
        assert not more and (agency, year) == (agency_key(want["agency"]), want["year"]), name
        cells = rows(
            db,
            "SELECT table_code || '.' || row_code || '.' || col_code, value FROM cells WHERE report_id = ?",
            [report_id],
        )
        assert dict(cells) == want["cells"], name
        assert len(cells) == len(want["cells"]), name
        assert rows(db, "SELECT count(*) FROM checks WHERE report_id = ?", [report_id]) == [(0,)], name
