"""Generated DOCX (own tables and the filled official template), PDFs LibreOffice made from them, and
HTML pages in UTF-8 and GBK: every cell of several reports with non-zero values in every row."""

from __future__ import annotations

import pytest

from extract import extract_bytes
from tests.docgen import docx_to_pdf, to_docx, to_html, to_template_docx
from tests.reportgen import sample_report
from transform.report import parse_report

SAMPLES = {
    "town": sample_report("示例县示例镇人民政府", 2022, seed=21),
    "city": sample_report("示例市人民政府", 2023, seed=22),
    "bureau": sample_report("示例市生态环境局", 2024, seed=23),
}
DOCX_MAKERS = {"own": to_docx, "template": to_template_docx}


def check_report(report, sample) -> None:
    got = {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}
    assert got == sample.values
    assert report.status == "parsed"
    assert report.checks == ()
    assert report.agency_raw == sample.agency_raw and report.year == sample.year
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]


@pytest.fixture(scope="module")
def docx_files():
    return {f"{kind}-{name}": make(s) for name, s in SAMPLES.items() for kind, make in DOCX_MAKERS.items()}


@pytest.fixture(scope="module")
def pdf_files(docx_files):
    return docx_to_pdf(docx_files)


@pytest.mark.parametrize("kind", sorted(DOCX_MAKERS))
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_docx(docx_files, kind, name):
    check_report(parse_report(extract_bytes(docx_files[f"{kind}-{name}"], "docx")), SAMPLES[name])


@pytest.mark.parametrize("kind", sorted(DOCX_MAKERS))
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_pdf_made_from_docx(pdf_files, kind, name):
    extracted = extract_bytes(pdf_files[f"{kind}-{name}"], "pdf")
    report = parse_report(extracted)
    check_report(report, SAMPLES[name])
    assert all(c.page is not None and 1 <= c.page <= extracted.pages for c in report.cells)


@pytest.mark.parametrize(("charset", "meta"), [("utf-8", True), ("utf-8", False), ("gbk", True), ("gbk", False)])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_html(name, charset, meta):
    extracted = extract_bytes(to_html(SAMPLES[name], charset, meta), "html")
    assert extracted.encoding == ("utf-8" if charset == "utf-8" else "gb18030")
    report = parse_report(extracted)
    check_report(report, SAMPLES[name])
    texts = "\n".join(s.text for s in report.sections)
    assert "首页" not in texts and "备案号" not in texts  # navigation and footer stay out


def test_docx_merged_value_cell_is_read_once(docx_files):
    """In the template, 行政许可's number sits in a cell spanning three columns."""
    report = parse_report(extract_bytes(docx_files["template-town"], "docx"))
    licensing = [c for c in report.cells if c.row_code == "licensing"]
    assert [(c.col_code, c.value) for c in licensing] == [
        ("decisions", SAMPLES["town"].values[("active", "licensing", "decisions")])
    ]
