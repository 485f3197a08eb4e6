"""The six section texts wherever and however the report prints them (issue 28): the hand-marked truths of
../shared/cases/sections (every file there is a test), and one generated report per kind of layout
(tests/sectiongen.py), read by the parser and, for two of them, by the real ingest flow into DuckDB."""

from __future__ import annotations

import json
import re

import pytest

from extract import extract_bytes
from flows.files import file_format
from tests import sectiongen as gen
from tests.conftest import SHARED
from tests.helpers import rows
from tests.reportgen import SECTION_TEXT, sample_report
from transform.report import parse_report
from transform.signature import find_signature

TRUTHS = sorted((SHARED / "cases" / "sections").glob("*.json"))
_SPACE = re.compile(r"[\s\u00a0\u3000\f]+")


def squeeze(text: str) -> str:
    """As ../shared/cases/README.md compares: every whitespace character removed."""
    return _SPACE.sub("", text)


def read(text: str):
    return parse_report(extract_bytes(text.encode(), "txt"))


def texts(report) -> dict[int, str]:
    return {s.no: s.text for s in report.sections}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_section_truth(truth_path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    path = SHARED / truth["file"]
    report = parse_report(extract_bytes(path.read_bytes(), file_format(path)), path.name)
    found = {s.no: s for s in report.sections}
    for no, want in truth["sections"].items():
        section = found.get(int(no))
        assert section is not None, f"section {no} not found"
        text = squeeze(section.text)
        assert text.startswith(squeeze(want["start"])), (no, text[:40])
        assert text.endswith(squeeze(want["end"])), (no, text[-40:])
        if want.get("heading_missing"):
            assert section.heading is None
        else:
            assert squeeze(section.heading or "") == squeeze(want["heading"])
        if "signature" in want:
            assert report.signature is not None
            assert squeeze(want["signature"]) == f"{report.signature.agency}{report.signature.date}"
    assert not [c for c in report.checks if c.check_code == "missing_section"]


def test_the_truths_are_read():
    assert len(TRUTHS) >= 10


def test_one_line_dump_with_glued_headings():
    sample = sample_report(small=True)
    report = read(gen.one_line_dump(sample))
    assert report.status == "parsed"
    found = texts(report)
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[1] == SECTION_TEXT[1].replace("\n", "")  # the listing sentence before it is not a heading
    assert found[5] == SECTION_TEXT[5].replace("\n", "")
    assert found[6] == SECTION_TEXT[6]  # the page's links after the body are not the report's
    assert found[3].startswith("（本列数据") and found[3].endswith(sample.printed_row("carried_forward", ""))
    assert [c.check_code for c in report.checks] == []


def test_numbered_listing_sentence_in_a_dump_is_not_a_heading():
    report = read(gen.one_line_dump(sample_report(small=True), listing=gen.NUMBERED_LISTING))
    assert texts(report)[1] == SECTION_TEXT[1].replace("\n", "")


def test_lost_heading_in_a_dump():
    report = read(gen.one_line_dump(sample_report(small=True), lost=(gen.HEADINGS[5],)))
    five = next(s for s in report.sections if s.no == 5)
    assert (five.heading, five.text) == (None, SECTION_TEXT[5].replace("\n", ""))


def test_x5_reads_the_sections_of_a_dump():
    sample = sample_report(small=True)
    received = int(sample.values[("requests", "new_received", "total")])
    dump = gen.one_line_dump(sample).replace("依法办理申请。", f"本年度共收到政府信息公开申请{received + 1}件。")
    report = read(dump)
    assert [(c.check_code, c.expected, c.actual) for c in report.checks] == [("X5", received, received + 1)]


def test_lost_heading_of_section_5_is_the_prose_after_table_4():
    report = read(gen.lost_heading(sample_report()))
    five = next(s for s in report.sections if s.no == 5)
    assert (five.heading, five.text) == (None, SECTION_TEXT[5])
    assert texts(report)[6] == SECTION_TEXT[6]
    assert [c.check_code for c in report.checks] == []


def test_renumbered_chapters_before_the_tables():
    report = read(gen.renumbered(sample_report()))
    by_no = {s.no: s for s in report.sections}
    assert sorted(by_no) == [1, 2, 3, 4, 5, 6]
    assert (by_no[1].heading, by_no[1].text) == (None, gen.CHAPTER_TEXT)  # the whole chapter list
    assert by_no[2].heading == "（一）主动公开政府信息情况"
    assert (by_no[5].heading, by_no[5].text) == ("四、存在的主要问题及改进情况", SECTION_TEXT[5])
    assert (by_no[6].heading, by_no[6].text) == ("五、其他需要报告的事项", SECTION_TEXT[6])
    assert len(report.cells) == len(sample_report().values)


def test_page_footers_chrome_and_signature_are_not_section_text():
    sample = sample_report()
    report = read(gen.with_debris(sample))
    found = texts(report)
    assert (found[1], found[5], found[6]) == (SECTION_TEXT[1], SECTION_TEXT[5], SECTION_TEXT[6])
    assert report.sections[0].heading == gen.SPACED_HEADING
    assert report.signature is not None
    assert (report.signature.agency, report.signature.date, report.signature.year) == (
        sample.agency_raw,
        f"{sample.year + 1}年1月20日",
        sample.year + 1,
    )


def test_traps_are_not_headings():
    report = read(gen.traps(sample_report()))
    by_no = {s.no: s for s in report.sections}
    assert sorted(by_no) == [1, 2, 3, 4, 5, 6]
    assert by_no[1].text == gen.TRAP_SECTION_1  # its sub-headings worded like sections 2 and 3 stay in it
    assert (by_no[4].heading, by_no[5].heading) == (gen.TRAP_HEADINGS[4], gen.TRAP_HEADINGS[5])
    assert by_no[6].text == gen.TRAP_SECTION_6
    assert all(s.text == "" for s in report.sections if s.no in (2, 3, 4))  # table rows 一、本年新收… too


def test_a_missing_section_is_said():
    report = read(gen.without_section_5(sample_report()))
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 6]
    missing = [c for c in report.checks if c.check_code == "missing_section"]
    assert [(c.severity, c.message) for c in missing] == [("warning", "未找到第5部分“五、存在的主要问题及改进情况”")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("…处理费情况。平潭综合实验区财政金融局2024年1月29日", ("平潭综合实验区财政金融局", "2024年1月29日", 2024)),
        (
            "联系电话：0632-2205128）\n   \n柴胡店镇人民政府\n        2023年1月29日\n",
            ("柴胡店镇人民政府", "2023年1月29日", 2023),
        ),
        ("本机关未收取信息处理费。\n二〇二四年一月二十九日", (None, "二〇二四年一月二十九日", 2024)),
        ("统计期限为2023年1月1日至2023年12月31日", None),
        ("本年度于2024年1月29日完成报告编制", None),
    ],
)
def test_find_signature(text, expected):
    found = find_signature(text)
    assert (found and (found.agency, found.date, found.year)) == expected


def test_sections_and_missing_section_through_the_flow(run_ingest, tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    (root / "dump.txt").write_text(gen.one_line_dump(sample_report(small=True)), encoding="utf-8")
    (root / "no-five.txt").write_text(gen.without_section_5(sample_report(agency_raw="测试县另一镇人民政府")), "utf-8")
    _summary, db = run_ingest(root)
    stored = rows(
        db,
        "SELECT d.path, d.status, list(s.section_no ORDER BY s.section_no) FROM documents d "
        "JOIN sections s ON s.report_id = d.doc_id GROUP BY 1, 2 ORDER BY 1",
    )
    assert stored == [("dump.txt", "parsed", [1, 2, 3, 4, 5, 6]), ("no-five.txt", "parsed", [1, 2, 3, 4, 6])]
    checks = rows(db, "SELECT check_code, severity, message FROM checks WHERE check_code = 'missing_section'")
    assert checks == [("missing_section", "warning", "未找到第5部分“五、存在的主要问题及改进情况”")]
