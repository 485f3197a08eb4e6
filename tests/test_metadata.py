"""Agency and year from the title variants real reports print."""

from __future__ import annotations

import pytest

from extract.model import Paragraph
from transform.metadata import normalise_agency, read_metadata


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
