"""Text reports in every flattened layout and encoding, with every cell non-zero and checked."""

from __future__ import annotations

import zlib

import pytest

from extract import extract_bytes
from tests.reportgen import TEXT_LAYOUTS, sample_report, to_markdown, to_txt_bytes
from transform.report import parse_report

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le")


def cells_of(report):
    return {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}


@pytest.mark.parametrize("layout", sorted(TEXT_LAYOUTS))
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_cell_in_every_layout_and_encoding(layout, encoding):
    sample = sample_report(seed=zlib.crc32(f"{layout}{encoding}".encode()))
    extracted = extract_bytes(to_txt_bytes(sample, layout, encoding), "txt")
    report = parse_report(extracted)
    assert report.status == "parsed"
    assert cells_of(report) == sample.values
    assert [c for c in report.checks] == []
    assert (report.agency, report.agency_raw, report.year) == ("测试县测试镇", "测试县测试镇人民政府", 2023)
    assert len(report.sections) == 6


def test_encoding_is_detected_and_recorded():
    sample = sample_report()
    for encoding, expected in (("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")):
        extracted = extract_bytes(to_txt_bytes(sample, "tab", encoding), "txt")
        assert extracted.encoding == expected


def test_row_broken_across_two_lines_is_joined():
    """Seed 001 prints 三、本年度办理 / （一）予以公开 on one line and its numbers on the next."""
    sample = sample_report(seed=7)
    text = to_txt_bytes(sample, "tab").decode()
    granted = sample.printed_row("granted")
    line = f"三、本年度办理结果\t（一）予以公开\t\t{granted}"
    assert line in text
    text = text.replace(line, "三、本年度办理\t（一）予以公开\t\t\t\t\t\t\t\n\t" + granted + "\n\n结果")
    report = parse_report(extract_bytes(text.encode(), "txt"))
    assert cells_of(report) == sample.values


def test_surplus_numbers_are_dropped_only_when_harmless():
    sample = sample_report(seed=3)
    text = to_txt_bytes(sample, "tab").decode()
    secret = sample.printed_row("denied_state_secret")
    text = text.replace(f"1.属于国家秘密\t{secret}", f"1.属于国家秘密\t99\t{secret}")
    report = parse_report(extract_bytes(text.encode(), "txt"))
    assert cells_of(report) == sample.values
    [warning] = [c for c in report.checks if c.check_code == "extra_cells"]
    assert warning.severity == "warning" and warning.row_code == "denied_state_secret"
    assert "99" in warning.message


@pytest.mark.parametrize("seed", range(4))
def test_run_together_cells_of_small_offices_read_exactly(seed):
    """A crawler's dump with the cells of each table run together (`21710000218`): one-digit counts and a
    consistent report leave one split per row that keeps S1, O1, S2 and S4."""
    sample = sample_report(seed=seed, small=True)
    report = parse_report(extract_bytes(to_txt_bytes(sample, "run_together"), "txt"))
    assert report.status == "parsed"
    assert cells_of(report) == sample.values
    assert report.checks == ()


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("fmt", ["v2021", "v2019"])
def test_run_together_cells_are_split_or_flagged_never_guessed(seed, fmt):
    sample = sample_report(seed=seed, fmt=fmt)
    report = parse_report(extract_bytes(to_txt_bytes(sample, "run_together"), "txt"))
    got = cells_of(report)
    assert got and all(sample.values[k] == value for k, value in got.items())
    flagged = {(c.table_code, c.row_code) for c in report.checks if c.check_code == "ambiguous_digits"}
    for table, row, _col in set(sample.values) - set(got):
        assert (table, row) in flagged or (table, None) in flagged, (table, row)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("fmt", ["v2021", "v2019"])
def test_markdown_with_split_tables_page_numbers_wrong_header_and_a_detached_row(seed, fmt):
    sample = sample_report(seed=seed, fmt=fmt)
    text = to_markdown(sample)
    assert "— 3 —" in text and "| 项目 | 本年新收件数 |" in text
    report = parse_report(extract_bytes(text.encode(), "md"))
    assert cells_of(report) == sample.values
    assert [c.check_code for c in report.checks] == ["placed_by_order"]
    assert (report.agency, report.year, len(report.sections)) == ("测试县测试镇", 2023, 6)
