"""Agency and year from the title variants real reports print."""

from __future__ import annotations

import pytest

from extract.model import Paragraph
from transform.identity import normalise_agency, read_metadata


@pytest.mark.parametrize(
    ("lines", "agency", "agency_raw", "year"),
    [
        (["肖寨门镇2022年度政府信息公开工作报告"], "肖寨门镇", "肖寨门镇", 2022),
        (
            ["获嘉县城关镇人民政府2021年政府信息公开工作年度报告"],
            "获嘉县城关镇",
            "获嘉县城关镇人民政府",
            2021,
        ),
        (["雷鸣镇人民政府", "2023年度信息公开工作年度报告"], "雷鸣镇", "雷鸣镇人民政府", 2023),
        (["延津县司寨乡 2023 年政府信息公开工作年度报告"], "延津县司寨乡", "延津县司寨乡", 2023),
        (["2023年东风镇政府信息公开工作年度报告"], "东风镇", "东风镇", 2023),
        (["2023年东风镇人民政府政府信息公开工作年度报告"], "东风镇", "东风镇人民政府", 2023),
        (["淮安市人民政府", "2024 年政府信息公开工作年度报告"], "淮安市", "淮安市人民政府", 2024),
        (
            ["ＸＸ县发展和改革委员会２０２２年政府信息公开工作年度报告"],
            "XX县发展和改革委员会",
            "XX县发展和改革委员会",
            2022,
        ),
    ],
)
def test_title_variants(lines, agency, agency_raw, year):
    blocks = (
        *(Paragraph(t) for t in lines),
        Paragraph("一、总体情况"),
        Paragraph("正文。"),
        Paragraph("XX镇人民政府"),
        Paragraph("2025年1月20日"),
    )
    meta = read_metadata(blocks)
    assert (meta.agency, meta.agency_raw, meta.year) == (agency, agency_raw, year)


def test_publication_date_is_never_the_year():
    blocks = (
        Paragraph("东风镇政府信息公开工作年度报告"),
        Paragraph("本报告统计期限自2022年1月1日至2022年12月31日。"),
        Paragraph("一、总体情况"),
        Paragraph("2023年1月20日"),
    )
    meta = read_metadata(blocks)
    assert meta.year == 2022


def test_same_agency_with_and_without_renmin_zhengfu():
    assert normalise_agency("获嘉县城关镇人民政府") == normalise_agency("获嘉县 城关镇") == "获嘉县城关镇"
    assert normalise_agency("淮安市政府") == "淮安市"
    assert normalise_agency("淮安市人民政府办公室") == "淮安市人民政府办公室"


def _meta(*lines, path=None):
    return read_metadata(tuple(Paragraph(t) for t in (*lines, "一、总体情况", "正文。")), path)


@pytest.mark.parametrize(
    ("lines", "agency_raw", "year"),
    [
        (["标题: 平潭综合实验区2021年度政府信息公开工作年度报告", "发布时间: 2022-02-08"], "平潭综合实验区", 2021),
        (["正文", "2025 年上海市人民政府办公厅政府信息公开", "工作年度报告"], "上海市人民政府办公厅", 2025),
        (["XX县人民政府二〇二二年度政府信息公开工作年度报告"], "XX县人民政府", 2022),
        (["XX县人民政府二○二二年政府信息公开工作年度报告"], "XX县人民政府", 2022),
    ],
)
def test_title_line_and_crawler_header(lines, agency_raw, year):
    meta = _meta(*lines)
    assert (meta.agency_raw, meta.year, meta.agency_source, meta.year_source) == (agency_raw, year, "title", "title")
    assert not [c for c in meta.checks if c.check_code.endswith("_conflict")]


def test_agency_and_year_from_the_opening_sentence():
    opening = "按照《中华人民共和国政府信息公开条例》规定，安岳县市场监督管理局编制了2021年度政府信息公开工作年度报告。"
    meta = _meta(opening + "全文包括总体情况……本报告的统计数据时限为2021年1月1日至12月31日。")
    assert (meta.title, meta.agency_raw, meta.agency, meta.year) == (
        None,
        "安岳县市场监督管理局",
        "安岳县市场监督管理局",
        2021,
    )


def test_agency_from_the_first_sentence_of_the_overview_and_year_from_the_statistics_period():
    blocks = (
        Paragraph(
            "本年度报告根据《中华人民共和国政府信息公开条例》相关要求编制。报告所列数据统计期限为2024年1月1日至12月31日。"
        ),
        Paragraph("一、总体情况"),
        Paragraph("2024年，长春市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻……"),
    )
    meta = read_metadata(blocks)
    assert (meta.agency_raw, meta.year) == ("长春市人民政府办公厅", 2024)
    meta = read_metadata((Paragraph("一、总体情况"), Paragraph("2021年，我区以习近平新时代中国特色社会主义思想为指导")))
    assert meta.agency_raw is None  # 我区 names no agency


def test_agency_and_year_from_the_file_path():
    meta = _meta("正文第一段。", path="安岳县市场监督管理局/2021年度报告.pdf")
    assert (meta.agency_raw, meta.year) == ("安岳县市场监督管理局", 2021)
    meta = _meta("正文第一段。", path="reports/雷鸣镇人民政府2023年政府信息公开工作年度报告.docx")
    assert (meta.agency, meta.year) == ("雷鸣镇", 2023)
    meta = _meta("正文第一段。", path="data/000_6f311c5d1f505ec3.txt")
    assert (meta.agency_raw, meta.year) == (None, None)


def test_disagreeing_sources_keep_the_most_trusted_and_say_so():
    meta = _meta("雷鸣镇人民政府2023年政府信息公开工作年度报告", path="东风镇/2022年度报告.txt")
    assert (meta.agency, meta.year) == ("雷鸣镇", 2023)
    conflicts = [c for c in meta.checks if c.check_code.endswith("_conflict")]
    assert [c.check_code for c in conflicts] == ["agency_conflict", "year_conflict"]
    assert "雷鸣镇人民政府" in conflicts[0].message and "东风镇" in conflicts[0].message
    assert "2023" in conflicts[1].message and "2022" in conflicts[1].message
    same = _meta("雷鸣镇人民政府2023年政府信息公开工作年度报告", path="雷鸣镇/2023年度报告.txt")
    assert not [c for c in same.checks if c.check_code.endswith("_conflict")]


def test_html_article_title_meta_names_the_report_when_no_heading_does():
    from extract import extract_bytes
    from transform.report import parse_report

    page = (
        '<html><head><meta charset="utf-8"><title>政务公开_某某网站</title>'
        '<meta name="ArticleTitle" content="某某县统计局二〇二二年政府信息公开工作年度报告"></head>'
        "<body><p>一、总体情况</p><p>正文。</p></body></html>"
    )
    report = parse_report(extract_bytes(page.encode(), "html"))
    assert (report.title, report.agency, report.year) == (
        "某某县统计局2022年政府信息公开工作年度报告",
        "某某县统计局",
        2022,
    )
    assert report.status == "partial"  # says it is an annual report: kept, with a missing_table per table
    assert sorted(c.table_code for c in report.checks if c.check_code == "missing_table") == [
        "active",
        "requests",
        "review_litigation",
    ]
