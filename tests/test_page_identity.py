"""Whose report and which year, on reports saved from government web sites (tests/pagegen.py): the
agency printed only in the page chrome (meta tags, <title>, breadcrumb, 来源 line) is read from it, the
site's name is not taken for the agency, and no chrome lands in a section text. Each page is read as the
saved .html, the same page as .mht, and a crawler's text dump of it, by the real extractors and parser,
and one batch goes through the real ingest flow into DuckDB.
"""

from __future__ import annotations

import pytest

from extract import extract_bytes
from extract.model import PAGE_COLUMN, PAGE_HEADER, PAGE_SITE, PAGE_SOURCE, PAGE_TITLE
from tests import pagegen as g
from tests.helpers import rows
from transform.report import parse_report

FORMATS = tuple(g.RENDERINGS)


def read(page: g.CmsPage, fmt: str):
    return parse_report(extract_bytes(g.RENDERINGS[fmt](page), fmt))


def codes(report) -> set[str]:
    return {c.check_code for c in report.checks}


def no_chrome_in_sections(report, page: g.CmsPage) -> None:
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]
    for s in report.sections:
        text = f"{s.heading}\n{s.text}"
        assert not [w for w in (*g.CHROME_WORDS, page.site) if w in text], (s.no, text)
    assert report.sections[0].text.startswith(f"{page.year}年，{page.self_word}")
    assert report.sections[5].text == "本年度未收取信息处理费。"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("tables", [True, False], ids=["tables", "tables-not-captured"])
def test_bureau_named_by_the_source_line_not_the_site(fmt, tables):
    """A county bureau's report on the county's site, the title without the agency: the 来源 line (or the
    crawler's 发布机构 from ContentSource) names the bureau, the site the county government."""
    page = g.bureau_on_county_site(tables)
    report = read(page, fmt)
    assert (report.agency_raw, report.agency, report.agency_source) == (
        "沭阳县市场监督管理局",
        "沭阳县市场监督管理局",
        "source_line",
    )
    assert (report.title, report.year, report.year_source) == ("2024年政府信息公开工作年度报告", 2024, "title")
    assert not codes(report) & {"agency_conflict", "year_conflict", "not_an_agency", "missing_agency"}
    no_chrome_in_sections(report, page)
    if tables:
        assert (report.status, len(report.cells)) == ("parsed", 200)
    else:  # the body is still found and read whole around its lone heading
        assert (report.status, report.cells) == ("partial", ())
        assert [c.table_code for c in report.checks if c.check_code == "missing_table"] == [
            "active",
            "requests",
            "review_litigation",
        ]


@pytest.mark.parametrize("fmt", ["html", "mht"])
def test_source_line_read_behind_a_long_menu(fmt):
    """A side menu with a table beside the article widens the body the reader finds to the page: the 来源 line
    after twenty menu links is still read, and the menu is no part of a section."""
    page = g.bureau_behind_a_long_menu()
    report = read(page, fmt)
    assert (report.agency_raw, report.agency_source, report.year) == ("沭阳县市场监督管理局", "source_line", 2024)
    assert (report.status, len(report.cells)) == ("parsed", 200)
    no_chrome_in_sections(report, page)
    assert not [s for s in report.sections if "沭阳县教育局" in s.text]


@pytest.mark.parametrize(
    ("fmt", "agency", "source", "short"),
    [
        ("html", "长沙市天心区桂花坪街道", "breadcrumb+page", False),  # the site's name gives the district
        ("mht", "长沙市天心区桂花坪街道", "breadcrumb+page", False),
        ("txt", "桂花坪街道", "column", True),  # the dump keeps the column, not the site: as printed, flagged
    ],
)
def test_street_from_its_column_qualified_by_the_site(fmt, agency, source, short):
    page = g.street_under_its_column()
    report = read(page, fmt)
    assert (report.agency_raw, report.agency, report.agency_source, report.year) == ("桂花坪街道", agency, source, 2022)
    assert ("short_agency" in codes(report)) == short
    no_chrome_in_sections(report, page)


@pytest.mark.parametrize("fmt", FORMATS)
def test_site_is_the_agency_only_where_the_report_calls_itself_so(fmt):
    """我县 on 沭阳县人民政府门户网站: the county's own report (its 来源 is the office that compiled it, not
    taken: 我县 is a county). The dump has no site name: no agency, said so."""
    page = g.county_on_its_own_site()
    report = read(page, fmt)
    expected = (None, None, None) if fmt == "txt" else ("沭阳县人民政府", "沭阳县", "site")
    assert (report.agency_raw, report.agency, report.agency_source) == expected
    assert ("missing_agency" in codes(report)) == (fmt == "txt")
    assert (report.year, report.year_source) == (2023, "title")
    no_chrome_in_sections(report, page)


@pytest.mark.parametrize("fmt", FORMATS)
def test_site_of_the_host_is_never_the_agency(fmt):
    """我局 on 泰兴市人民政府's site, nothing else naming the bureau: NULL and missing_agency, not the host."""
    report = read(g.site_of_another_body(), fmt)
    assert (report.agency_raw, report.agency, report.year) == (None, None, 2021)
    assert "missing_agency" in codes(report)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("colons", [True, False], ids=["labels-with-colons", "spaced-labels"])
def test_publisher_from_the_disclosure_field_table(fmt, colons):
    """An information-disclosure page: only its field table above the title (发布机构：泰兴市审计局, or
    `发 布 机 构 | 泰兴市审计局`) names the bureau; the table is read for the identity and is no part of a
    section."""
    page = g.disclosure_field_table(colons)
    report = read(page, fmt)
    assert (report.agency_raw, report.agency_source, report.year) == ("泰兴市审计局", "source_line", 2021)
    assert (report.status, len(report.cells)) == ("parsed", 200)
    no_chrome_in_sections(report, page)
    assert not [s for s in report.sections if "索引号" in s.text or "发布机构" in s.text]


@pytest.mark.parametrize("fmt", ["html", "mht"])
def test_source_line_and_content_source_that_disagree_are_named(fmt):
    report = read(g.source_and_meta_disagree(), fmt)
    assert (report.agency_raw, report.agency_source) == ("泰兴市审计局", "source_line")
    conflicts = [c.message for c in report.checks if c.check_code == "agency_conflict"]
    assert conflicts and all("泰兴市审计局" in m and "泰兴市统计局" in m for m in conflicts)
    assert any("网页来源标签" in m for m in conflicts)


def test_html_page_fields_are_kept_apart_from_the_body():
    """The extractor's contract: chrome in `Extracted.page`, never in the blocks; PubDate not kept."""
    page = g.bureau_on_county_site()
    extracted = extract_bytes(g.to_html_bytes(page), "html")
    fields = {(f.kind, f.text) for f in extracted.page}
    assert {
        (PAGE_SITE, "沭阳县人民政府"),
        (PAGE_COLUMN, "政府信息公开年报"),
        (PAGE_TITLE, "2024年政府信息公开工作年度报告"),
        (PAGE_SOURCE, "沭阳县市场监督管理局"),
        (PAGE_HEADER, "当前位置：首页 > 政务公开 > 部门信息公开 > 沭阳县市场监督管理局 > 政府信息公开年报"),
    } <= fields
    assert not [f for f in extracted.page if "2025-01-20" in f.text and f.kind != PAGE_HEADER]
    texts = [b.text for b in extracted.blocks if hasattr(b, "text")]
    assert texts[0] == "2024年政府信息公开工作年度报告"
    assert not [t for t in texts if any(w in t for w in g.CHROME_WORDS)]


def test_saved_pages_through_the_flow(run_ingest, tmp_path):
    """The columns as the warehouse stores them, for the three renderings of two pages."""
    root = tmp_path / "reports"
    root.mkdir()
    for name, page in (("bureau", g.bureau_on_county_site()), ("street", g.street_under_its_column())):
        for fmt, render in g.RENDERINGS.items():
            (root / f"{name}.{fmt}").write_bytes(render(page))
    _summary, db = run_ingest(root)
    stored = rows(
        db,
        "SELECT r.path, d.status, agency, agency_raw, year, agency_source "
        "FROM reports r JOIN documents d ON d.doc_id = r.report_id ORDER BY r.path",
    )
    bureau = ("parsed", "沭阳县市场监督管理局", "沭阳县市场监督管理局", 2024, "source_line")
    street = ("parsed", "长沙市天心区桂花坪街道", "桂花坪街道", 2022, "breadcrumb+page")
    assert stored == [
        ("bureau.html", *bureau),
        ("bureau.mht", *bureau),
        ("bureau.txt", *bureau),
        ("street.html", *street),
        ("street.mht", *street),
        ("street.txt", "parsed", "桂花坪街道", "桂花坪街道", 2022, "column"),
    ]
    texts = rows(db, "SELECT text FROM sections")
    assert texts and not [t for (t,) in texts if any(w in (t or "") for w in g.CHROME_WORDS)]


def test_breadcrumbs_drawn_as_items_are_read_as_one_trail():
    """Separators drawn by CSS or printed between links; a layout class (position-relative) or a long
    menu is not a breadcrumb; nothing inside the body is chrome."""
    import lxml.html

    from extract.htmlpage import crumb_lines

    page = lxml.html.fromstring(
        '<html><body><div class="position-relative"><a>首页</a><a>泰兴市统计局</a></div>'
        '<ol class="breadcrumb"><li>首页</li><li>部门</li><li>泰兴市审计局</li></ol>'
        '<div id="dqwz">您的位置：<a>首页</a> » <a>政务公开</a></div>'
        '<ul class="nav-path">' + "".join(f"<li>栏目{i}</li>" for i in range(12)) + "</ul>"
        '<div id="body"><p class="location">首页 > 正文里的字</p></div></body></html>'
    )
    assert crumb_lines(page, page.get_element_by_id("body")) == [
        "当前位置：首页 > 部门 > 泰兴市审计局",
        "当前位置：首页 > 政务公开",
    ]
