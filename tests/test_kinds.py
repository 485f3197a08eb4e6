"""Which documents are reports (issue 26): a report is told by what it says it is, not by whether its
tables survived; free-format reports on 2008–2018 are `pre2019`; mirror copies read as simplified text;
documents about reports (解读, notices, index pages, cover letters) are `not_a_report` with their kind.
Each kind has a generated fixture of its own (tests/kindgen.py)."""

from __future__ import annotations

import duckdb
import pytest

from extract import extract_bytes
from load.htmlreport import write_report
from tests import kindgen
from tests.conftest import SHARED
from tests.helpers import rows
from transform.normalize import clean, strip_pinyin
from transform.older import older_heading_no
from transform.report import parse_report
from transform.vocabulary import PRE2019, DocKind


def parse(name: str, data: bytes):
    return parse_report(extract_bytes(data, name.rsplit(".", 1)[1]), name)


# a page cut after its title: no table, and no text of sections 1, 5, 6 (2–4 are named by their tables)
CUT_AFTER_TITLE = ["missing_section"] * 3 + ["missing_table"] * 3


def codes(report) -> list[str]:
    return sorted(c.check_code for c in report.checks)


@pytest.mark.parametrize(
    ("agency", "year"),
    [("兰州市城关区酒泉路街道办事处", 2021), ("测试县测试镇人民政府", 2023), ("泰兴市市场监督管理局", 2020)],
)
def test_page_cut_after_its_title_is_a_report_missing_its_tables(agency, year):
    report = parse("page.html", kindgen.cut_title_only(agency, year))
    assert (report.status, report.kind, report.agency_raw, report.year) == ("partial", "report", agency, year)
    assert report.format_version == "v2021"
    assert codes(report) == CUT_AFTER_TITLE
    assert "title" in report.evidence


def test_page_saved_as_text_cut_after_its_title_is_a_report_of_the_agency_it_names():
    report = parse("page.txt", kindgen.cut_saved_text("兰州市城关区酒泉路街道办事处", 2021))
    assert (report.status, report.kind, report.agency_raw, report.year) == (
        "partial",
        "report",
        "兰州市城关区酒泉路街道办事处",
        2021,
    )
    assert codes(report) == CUT_AFTER_TITLE


def test_page_cut_inside_section_one_is_a_report_by_its_opening_and_period():
    report = parse("page.txt", kindgen.cut_opening("泰兴市市场监督管理局", 2022))
    assert (report.status, report.kind, report.year) == ("partial", "report", 2022)
    assert [s.code for s in report.sections] == ["overview"]
    assert "missing_table" in codes(report)
    assert "统计期限" in report.evidence and "opening sentence" in report.evidence


@pytest.mark.parametrize(("year", "title_word"), [(2014, "政府信息公开工作年度报告"), (2010, "政府信息公开年报")])
def test_free_format_report_before_2019_is_pre2019_with_its_sections_and_no_table_errors(year, title_word):
    report = parse("old.txt", kindgen.older_report("测试县民政局", year, title_word))
    assert (report.status, report.kind, report.format_version) == ("parsed", "report", PRE2019)
    assert (report.agency, report.year) == ("测试县民政局", year)
    assert report.checks == () and report.cells == ()
    by_code = {s.code: s for s in report.sections}
    assert set(by_code) == {"overview", "active", "requests", "review_litigation", "problems", "other_matters"}
    assert by_code["overview"].heading == "一、概述" and by_code["overview"].text.startswith(f"{year}年，测试县民政局")
    assert by_code["active"].text == "全年主动公开政府信息356条，其中规范性文件12件。"
    assert by_code["review_litigation"].heading == "五、因政府信息公开申请行政复议、提起行政诉讼的情况"
    # fees (四) and other matters (七) both belong to section 6; no text is lost
    assert by_code["other_matters"].heading == "四、政府信息公开的收费及减免情况"
    assert by_code["other_matters"].text == "本年度未收取任何费用。\n七、其他需要报告的事项\n无。\n测试县民政局\n" + (
        f"{year + 1}年3月25日"
    )


def test_report_of_2019_on_without_tables_is_never_pre2019():
    body = "\n".join(["测试县民政局2020年政府信息公开工作年度报告", *kindgen.older_paragraphs("测试县民政局", 2020)])
    report = parse("new.txt", body.encode())
    assert (report.status, report.format_version) == ("partial", "v2021")
    assert codes(report).count("missing_table") == 3


def test_traditional_mirror_with_pinyin_reads_as_simplified():
    data, values = kindgen.mirror_report("国家机关事务管理局", 2023)
    assert "報(bào)告" in data.decode() and "務(wù)" in data.decode()
    report = parse("mirror.txt", data)
    assert (report.status, report.kind, report.format_version, report.year) == ("parsed", "report", "v2021", 2023)
    assert report.agency == "国家机关事务管理局"
    assert report.agency_raw == "國家機關事務管理局"  # as printed, without the glosses
    assert {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells} == values
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert not [c for c in report.checks if c.severity == "error"]


def test_pinyin_glosses_are_removed_and_other_brackets_kept():
    assert strip_pinyin("報(bào)告公(gōng)開") == "報告公開"
    assert clean("年度報（bào）告") == "年度報告"
    assert clean("规章(a) 公(gong) 单位(km) ABC(ā)") == "规章(a) 公(gong) 单位(km) ABC(ā)"


@pytest.mark.parametrize(
    ("line", "no"),
    [
        ("一、概述", 1),
        ("二、主动公开政府信息的情况", 2),
        ("三、依申请公开政府信息情况", 3),
        ("四、政府信息公开的收费及减免情况", 6),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", 4),
        ("六、政府信息公开工作存在的主要问题及改进措施", 5),
        ("七、其他需要报告的事项", 6),
        ("第一部分 概述", 1),
        ("二、组织领导和制度建设情况", None),
        ("（一）主动公开情况", None),
        ("一、概述。全年主动公开政府信息356条，其中规范性文件12件。", None),
    ],
)
def test_older_headings(line, no):
    assert older_heading_no(line) == no


def test_interpretation_quoting_the_report_title_is_not_a_report():
    report = parse("jiedu.html", kindgen.interpretation("测试县民政局", 2022))
    assert (report.status, report.kind) == ("not_a_report", DocKind.INTERPRETATION)
    assert report.error.startswith("not a report, an explanation of a report (解读")
    assert "《测试县民政局2022年政府信息公开工作年度报告》解读" in report.error


def test_notice_about_reports_is_not_a_report():
    report = parse("notice.html", kindgen.notice("测试县人民政府办公室", 2022))
    assert (report.status, report.kind) == ("not_a_report", DocKind.NOTICE)
    assert "编制和发布工作的通知" in report.error


def test_index_page_of_reports_is_not_a_report():
    report = parse("list.html", kindgen.index_page("测试县民政局", range(2015, 2024)))
    assert (report.status, report.kind) == ("not_a_report", DocKind.INDEX_PAGE)
    assert "9 report titles listed" in report.error


def test_cover_letter_wrapping_a_report_yields_the_report():
    report = parse("letter.txt", kindgen.cover_letter("测试县民政局", 2016, addressee="测试市人民政府办公室"))
    assert (report.status, report.kind, report.format_version) == ("parsed", "report", PRE2019)
    assert (report.agency_raw, report.year) == ("测试县民政局", 2016)
    assert report.title == "测试县民政局2016年政府信息公开工作年度报告"
    assert len(report.sections) == 6 and "cover letter" in report.evidence


def test_cover_letter_without_its_report_is_not_a_report():
    report = parse("letter.txt", kindgen.cover_letter("测试县民政局", 2016, with_report=False))
    assert (report.status, report.kind) == ("not_a_report", DocKind.COVER_LETTER)
    assert "which the file does not hold" in report.error


def test_a_document_with_no_sign_of_a_report_says_so():
    report = parse("minutes.txt", "会议纪要\n一、会议议题\n研究部署下一阶段工作。\n".encode())
    assert (report.status, report.kind) == ("not_a_report", DocKind.UNRECOGNISED)
    assert "no disclosure tables found and no sign of an annual report" in report.error


def test_every_kind_through_the_ingest_flow(run_ingest, tmp_path):
    """Each kind stored with its status, kind and evidence; the summary counts reports cut short and
    old-format reports apart from the failures, and the non-reports by kind."""
    root = tmp_path / "reports"
    root.mkdir()
    files = {
        "cut.html": kindgen.cut_title_only("兰州市城关区酒泉路街道办事处", 2021),
        "old.txt": kindgen.older_report("测试县民政局", 2014),
        "mirror.txt": kindgen.mirror_report("国家机关事务管理局", 2023)[0],
        "jiedu.html": kindgen.interpretation("测试县民政局", 2022),
        "letter.txt": kindgen.cover_letter("测试县财政局", 2016),
        "list.html": kindgen.index_page("测试县民政局", range(2015, 2024)),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    summary, db = run_ingest(root)
    assert rows(db, "SELECT path, status, kind FROM documents ORDER BY path") == [
        ("cut.html", "partial", "report"),
        ("jiedu.html", "not_a_report", "interpretation"),
        ("letter.txt", "parsed", "report"),
        ("list.html", "not_a_report", "index_page"),
        ("mirror.txt", "parsed", "report"),
        ("old.txt", "parsed", "report"),
    ]
    assert rows(db, "SELECT agency, agency_raw, year, format_version FROM reports ORDER BY path") == [
        ("兰州市城关区酒泉路街道办事处", "兰州市城关区酒泉路街道办事处", 2021, "v2021"),
        ("测试县财政局", "测试县财政局", 2016, PRE2019),
        ("国家机关事务管理局", "國家機關事務管理局", 2023, "v2021"),
        ("测试县民政局", "测试县民政局", 2014, PRE2019),
    ]
    assert rows(db, "SELECT count(*) FROM checks WHERE check_code = 'missing_table'") == [(3,)]
    assert rows(db, "SELECT count(*) FROM sections s JOIN reports r USING (report_id) WHERE r.year = 2014") == [(6,)]
    assert rows(db, "SELECT kind FROM document_kinds WHERE is_report") == [("report",)]
    evidence = dict(rows(db, "SELECT path, kind_evidence FROM documents"))
    assert "cover letter" in evidence["letter.txt"] and "its title" in evidence["cut.html"]
    assert (summary.cut_short, summary.older_format) == (1, 2)
    assert summary.not_reports == {"interpretation": 1, "index_page": 1}
    assert summary.kinds_line() == (
        "reports cut short (tables missing) 1, old-format reports (pre2019) 2; "
        "not reports by kind: index_page 1, interpretation 1"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        write_report(con, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<b>1</b>缺表的报告" in page and "<b>2</b>2019年前旧格式报告" in page


@pytest.mark.parametrize(
    "title",
    [
        "一图读懂测试县民政局2022年政府信息公开工作年度报告",
        "测试县民政局2022年政府信息公开工作年度报告图解",
        "测试县民政局2022年政府信息公开工作年度报告（解读）",
        "关于《测试县民政局2022年政府信息公开工作年度报告》的解读",
    ],
)
def test_other_interpretation_titles(title):
    report = parse("jiedu.html", kindgen.page(title, ["一、总体情况", "全年主动公开政府信息120条。"]))
    assert (report.status, report.kind) == ("not_a_report", DocKind.INTERPRETATION)


def test_report_page_cut_short_with_links_to_other_years_is_a_report():
    links = [f"上一篇：测试县民政局{y}年政府信息公开工作年度报告" for y in (2020, 2022)]
    report = parse("page.html", kindgen.page("测试县民政局2021年政府信息公开工作年度报告", links))
    assert (report.status, report.kind, report.year) == ("partial", "report", 2021)


def test_work_summary_with_two_headings_like_the_older_ones_is_not_a_report():
    text = "测试县民政局2022年工作总结\n一、基本情况\n全年办理事项120件。\n二、存在的问题\n人员不足。\n"
    report = parse("summary.txt", text.encode())
    assert (report.status, report.kind) == ("not_a_report", DocKind.UNRECOGNISED)


def test_short_index_page_whose_head_lists_several_years_is_not_a_report():
    report = parse(
        "list.txt", "\n".join(f"测试县民政局{y}年政府信息公开工作年度报告" for y in (2021, 2022, 2023)).encode()
    )
    assert (report.status, report.kind) == ("not_a_report", DocKind.INDEX_PAGE)


@pytest.mark.parametrize(
    "name",
    [
        "real-pingtan-2021.txt",
        "real-shuyang-2025.txt",
        "real-shanghai-office-2025.md",
        "real-page-040.txt",
        "real-page-044.txt",
    ],
)
def test_real_report_copied_by_a_mirror_reads_as_the_original(name):
    """A real report in traditional characters with pinyin glosses (as mirror sites print it): the same
    cells, agency, year and sections as the original; agency_raw as the mirror prints it."""
    text = (SHARED / "cases" / name).read_text(encoding="utf-8")
    original, mirror = parse(name, text.encode()), parse(name, kindgen.traditional(text).encode())
    cells = {(c.table_code, c.row_code, c.col_code): c.value for c in original.cells}
    assert {(c.table_code, c.row_code, c.col_code): c.value for c in mirror.cells} == cells
    assert (mirror.status, mirror.agency, mirror.year) == (original.status, original.agency, original.year)
    assert [s.no for s in mirror.sections] == [s.no for s in original.sections]
    assert mirror.agency_raw == (
        kindgen.traditional(original.agency_raw, glosses=False) if original.agency_raw else None
    )


def test_old_report_on_a_traditional_mirror_page_is_pre2019_with_its_printed_name():
    paragraphs = [kindgen.traditional(p) for p in kindgen.older_paragraphs("国家机关事务管理局", 2016)]
    report = parse(
        "old.html", kindgen.page(kindgen.traditional("国家机关事务管理局2016年政府信息公开工作年度报告"), paragraphs)
    )
    assert (report.status, report.format_version, report.year) == ("parsed", PRE2019, 2016)
    assert (report.agency, report.agency_raw) == ("国家机关事务管理局", "國家機關事務管理局")
    assert len(report.sections) == 6 and report.checks == ()
