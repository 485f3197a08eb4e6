"""Each real-world variant of FORMAT.md §7, the two formats, blanks, and rows that lost their blanks."""

from __future__ import annotations

import opencc
import pytest

from extract import extract_bytes
from extract.model import Paragraph, table
from tests.reportgen import document, requests_grid, review_grid, sample_report, to_text, to_txt_bytes
from transform.report import parse_report


def parse_text(text: str):
    return parse_report(extract_bytes(text.encode("utf-8"), "txt"))


def cells_of(report) -> dict:
    return {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}


def codes(report) -> list[str]:
    return [c.check_code for c in report.checks]


# --- the two formats --------------------------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "n_cells"), [("v2021", 200), ("v2019", 198), ("hybrid", 186)])
@pytest.mark.parametrize("layout", ["tab", "cell_per_line", "pipe"])
def test_formats_by_label(fmt, n_cells, layout):
    sample = sample_report(seed=41, fmt=fmt)
    report = parse_report(extract_bytes(to_txt_bytes(sample, layout), "txt"))
    assert report.format_version == fmt
    assert len(report.cells) == n_cells
    assert cells_of(report) == sample.values
    assert report.checks == ()


def test_v2019_signed_change_and_procurement():
    sample = sample_report(seed=42, fmt="v2019")
    sample.values[("active", "licensing", "change")] = -7
    report = parse_text(to_text(sample, "tab"))
    got = cells_of(report)
    assert got[("active", "licensing", "change")] == -7
    assert ("active", "procurement", "proc_amount") in got and ("active", "other_services", "decisions") in got
    assert "S5" not in codes(report)  # a signed change is not a negative count


def test_format_is_decided_by_labels_not_year():
    sample = sample_report(year=2022, seed=43, fmt="v2019")  # 2022, still the old tables
    assert parse_text(to_text(sample, "tab")).format_version == "v2019"
    sample = sample_report(year=2020, seed=43, fmt="v2021")
    assert parse_text(to_text(sample, "tab")).format_version == "v2021"


# --- §7 variants ------------------------------------------------------------------------------------
def test_label_words_split_by_line_breaks_and_spaces():
    sample = sample_report(seed=44)
    text = to_text(sample, "cell_per_line")
    text = text.replace("\t1.属于国家秘密", "\t1.属于国家\n秘密").replace("\t行政规范性文件", "\t行政 规范性\n文件")
    text = text.replace("\t一、本年新收政府信息公开申请数量", "\t一、本年新收政府信息\n公开申请 数量")
    report = parse_text(text)
    assert cells_of(report) == sample.values and report.checks == ()


@pytest.mark.parametrize("style", ["1、", "（1）", "1．", "(1)", "1)"])
def test_item_numbering_styles(style):
    sample = sample_report(seed=45)
    text = to_text(sample, "tab")
    for n in range(1, 9):
        text = text.replace(f"\t{n}.", f"\t{style.replace('1', str(n))}")
    assert "1.属于国家秘密" not in text
    report = parse_text(text)
    assert cells_of(report) == sample.values and report.checks == ()


@pytest.mark.parametrize(
    "quoted", ['3.危及"三安全一稳定"', "3.危及三安全一稳定", "3.危及‘三安全一稳定’", "3.危及「三安全一稳定」"]
)
def test_straight_curly_or_no_quotes(quoted):
    sample = sample_report(seed=46)
    text = to_text(sample, "tab").replace("3.危及“三安全一稳定”", quoted)
    assert cells_of(parse_text(text)) == sample.values


def test_full_width_digits_and_punctuation():
    sample = sample_report(seed=47)
    text = to_text(sample, "tab")
    fw = str.maketrans("0123456789.", "０１２３４５６７８９．")
    lines = [ln.translate(fw) if "\t" in ln else ln for ln in text.split("\n")]
    report = parse_text("\n".join(lines))
    assert cells_of(report) == sample.values and report.checks == ()


def test_guifanxing_wenjian_and_short_column_names():
    sample = sample_report(seed=48)
    text = to_text(sample, "tab").replace("行政规范性文件\t", "规范性文件\t")
    text = text.replace("本年制发件数", "本年制发数量").replace("现行有效件数", "现行有效件")
    report = parse_text(text)
    assert cells_of(report) == sample.values and report.checks == ()


def test_typos_in_labels_still_match():
    sample = sample_report(seed=49)
    text = to_text(sample, "tab").replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    text = text.replace("本年废止件数", "本年度止件数").replace("4.保护第三方合法权益", "4.保护第三方合法权")
    report = parse_text(text)
    assert cells_of(report) == sample.values and report.checks == ()


def test_annotations_on_labels_and_extra_rows_are_warnings():
    sample = sample_report(seed=50)
    text = to_text(sample, "tab")
    text = text.replace("行政许可\t", "行政许可（含备案类）\t").replace("（一）予以公开\t", "（一）予以公开（件）\t")
    text = text.replace("行政强制\t", "其他行政管理事项\t5\n行政强制\t")
    report = parse_text(text)
    assert cells_of(report) == sample.values
    [extra] = [c for c in report.checks if c.check_code == "unknown_row"]
    assert extra.severity == "warning" and "其他行政管理事项" in extra.message and "5" in extra.message


def test_merged_labels_printed_only_on_first_row():
    """The generated grids print 三、本年度办理结果 and （三）不予公开 once, blank below (as merged cells do)."""
    sample = sample_report(seed=51)
    text = to_text(sample, "tab")
    assert "\t\t2.其他法律行政法规禁止公开" in text
    assert cells_of(parse_text(text)) == sample.values


def test_vertical_one_character_per_line_labels():
    sample = sample_report(seed=52)
    text = to_text(sample, "cell_per_line")
    text = text.replace("\t三、本年度办理结果", "\t三、\n本\n年\n度\n办\n理\n结\n果").replace(
        "\t（三）不予公开", "\t（三）不\n予\n公\n开"
    )
    text = text.replace("\t结果\n维持", "\t结\n果\n维\n持")
    assert cells_of(parse_text(text)) == sample.values


def test_captions_and_headers_missing():
    sample = sample_report(seed=53)
    lines = to_text(sample, "tab").split("\n")
    text = "\n".join(ln for ln in lines if not ln.startswith(("第二十条", "信息内容")))
    report = parse_text(text)
    assert cells_of(report) == sample.values
    assumed = [c for c in report.checks if c.check_code == "assumed_columns"]
    assert {c.row_code for c in assumed} == {
        "regulations",
        "normative_documents",
        "licensing",
        "punishment",
        "coercion",
        "fees",
    }
    assert all(c.severity == "warning" for c in report.checks)


def test_traditional_character_mirror():
    sample = sample_report("測試縣測試鎮人民政府", seed=54)
    text = opencc.OpenCC("s2t").convert(to_text(sample, "tab"))
    assert "辦理結果" in text and "申請人情況" in text
    report = parse_text(text)
    assert cells_of(report) == sample.values and report.checks == ()
    assert report.agency_raw == "測試縣測試鎮人民政府" and report.agency == "测试县测试镇"
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_title_split_and_spaced_year():
    sample = sample_report("雷鸣镇人民政府", 2023, seed=55)
    sample.title_lines = ("雷鸣镇人民政府", "2023 年度信息公开工作年度报告")
    report = parse_text(to_text(sample, "tab"))
    assert (report.agency, report.agency_raw, report.year) == ("雷鸣镇", "雷鸣镇人民政府", 2023)


def test_page_numbers_between_table_lines():
    sample = sample_report(seed=56)
    text = to_text(sample, "cell_per_line").replace("\n\n\t\n\t（二）部分公开", "\n- 3 -\n\n\t\n\t（二）部分公开")
    text = text.replace("\n\n\t行政复议", "\n\n— 4 —\n\t行政复议")
    assert "- 3 -" in text and "— 4 —" in text
    report = parse_text(text)
    assert cells_of(report) == sample.values and report.checks == ()


def test_table_split_across_pages_with_label_and_numbers_apart():
    """As PDFs print it: a row's label at the foot of one page, its numbers atop the next."""
    sample = sample_report(seed=57)
    blocks = []
    for block in document(sample):
        if not isinstance(block, list):
            blocks.append(Paragraph(block))
        elif block is not None and block[0][0].startswith("（本列"):
            grid = [[c if c not in ("<", "^") else "" for c in row] for row in requests_grid(sample)]
            cut = next(i for i, row in enumerate(grid) if "4.保护第三方合法权益" in row)
            label_row = grid[cut][:3] + [""] * 7
            number_row = ["", "", "", *grid[cut][3:]]
            blocks += [
                table([*grid[:cut], label_row], page=4),
                Paragraph("- 4 -", 4),
                table([number_row, *grid[cut + 1 :]], page=5),
            ]
        else:
            blocks.append(table([[c if c not in ("<", "^") else "" for c in row] for row in block]))
    from extract.model import Extracted

    report = parse_report(Extracted(tuple(blocks)))
    assert cells_of(report) == sample.values and report.checks == ()
    page = {(c.row_code, c.col_code): c.page for c in report.cells if c.table_code == "requests"}
    assert page[("denied_third_party", "total")] == 5 and page[("denied_state_secret", "total")] == 4


# --- blanks and rows that lost them -------------------------------------------------------------------
@pytest.mark.parametrize("mark", ["/", "-", "—", "无", "／", ""])
def test_blank_marks_are_null_and_counted_as_zero(mark):
    sample = sample_report(seed=58)
    text = to_text(sample, "tab")
    research = sample.printed(("requests", "denied_inquiry", "research"))
    old = "8.属于行政查询事项\t" + sample.printed_row("denied_inquiry")
    numbers = sample.printed_row("denied_inquiry").split("\t")
    assert numbers[2] == research
    numbers[2] = mark
    text = text.replace(old, "8.属于行政查询事项\t" + "\t".join(numbers))
    report = parse_text(text)
    got = {(c.row_code, c.col_code): c for c in report.cells}
    cell = got[("denied_inquiry", "research")]
    assert cell.value is None and cell.raw_text == mark
    errors = [c for c in report.checks if c.severity == "error"]
    # the blank was a printed number: S1 (row) and S2 (column) now fail, saying the blank counted as 0
    assert {c.check_code for c in errors} == {"S1", "S2"}
    assert all("空白按0计" in c.message and "8.属于行政查询事项/科研机构" in c.message for c in errors)
    [note] = [c for c in report.checks if c.check_code == "blank_cells"]
    assert note.severity == "warning" and "1个单元格未填报" in note.message


def test_row_with_dropped_blanks_is_aligned_by_identities():
    sample = sample_report(seed=59)
    for col in ("research", "social_welfare"):  # zero these, then drop them from the printed row
        delta = sample.values[("requests", "denied_process_info", col)]
        for row in ("denied_process_info", "total_handled", "new_received"):
            sample.values[("requests", row, col)] -= delta
            sample.values[("requests", row, "total")] -= delta
        sample.values[("requests", "denied_process_info", col)] = 0
    numbers = sample.printed_row("denied_process_info").split("\t")
    text = to_text(sample, "pipe")
    printed = " | ".join(numbers)
    kept = [n for i, n in enumerate(numbers) if i not in (2, 3)]
    text = text.replace(f"6.属于四类过程性信息 | {printed}", f"6.属于四类过程性信息 | {' | '.join(kept)}")
    report = parse_text(text)
    got = cells_of(report)
    expected = dict(sample.values)
    expected[("requests", "denied_process_info", "research")] = None
    expected[("requests", "denied_process_info", "social_welfare")] = None
    assert got == expected
    [warning] = [c for c in report.checks if c.check_code == "aligned_by_identities"]
    assert warning.severity == "warning" and warning.row_code == "denied_process_info"
    assert not [c for c in report.checks if c.severity == "error"]


def test_row_with_dropped_blanks_that_identities_cannot_place_is_flagged():
    sample = sample_report(seed=60)
    numbers = sample.printed_row("denied_process_info").split("\t")
    text = to_text(sample, "pipe")
    text = text.replace(f"6.属于四类过程性信息 | {' | '.join(numbers)}", "6.属于四类过程性信息 | 0 | 0")
    report = parse_text(text)
    assert not [c for c in report.cells if c.row_code == "denied_process_info"]
    [flag] = [c for c in report.checks if c.check_code == "unaligned_row"]
    assert flag.severity == "error" and flag.row_code == "denied_process_info" and "0 0" in flag.message


def test_review_row_with_dropped_blanks():
    sample = sample_report(seed=61)
    for col in ("upheld", "corrected", "other", "pending", "total"):
        sample.values[("review_litigation", "litigation_after_review", col)] = 0
    grid = review_grid(sample)
    printed = "\t".join(grid[-1])
    text = to_text(sample, "tab").replace(printed, "\t".join(grid[-1][:10]))  # the five zeros left blank
    report = parse_text(text)
    # ten numbers for fifteen columns: S4 holds for many placements, so nothing is guessed
    assert "unaligned_row" in codes(report)
    assert not [c for c in report.cells if c.table_code == "review_litigation"]


# --- checks people can trust ------------------------------------------------------------------------
def test_domain_check_s5():
    sample = sample_report(seed=62)
    sample.values[("active", "licensing", "decisions")] = -3
    sample.values[("requests", "denied_inquiry", "natural_person")] += 0.5
    sample.values[("requests", "denied_inquiry", "total")] += 0.5
    report = parse_text(to_text(sample, "tab"))
    s5 = {(c.row_code, c.col_code) for c in report.checks if c.check_code == "S5"}
    assert s5 == {("licensing", "decisions"), ("denied_inquiry", "natural_person"), ("denied_inquiry", "total")}
    assert cells_of(report)[("active", "licensing", "decisions")] == -3  # printed value kept


def test_x5_numbers_quoted_in_text():
    sample = sample_report(seed=63)
    received = int(sample.values[("requests", "new_received", "total")])
    review = int(sample.values[("review_litigation", "review", "total")])
    text = to_text(sample, "tab").replace(
        "（二）依申请公开情况。依法办理申请。",
        f"（二）依申请公开情况。本年度共受理政府信息公开申请{received + 1}件。"
        f"因政府信息公开被申请行政复议{review}件。全县共收到申请9999件。",
    )
    report = parse_text(text)
    [x5] = [c for c in report.checks if c.check_code == "X5"]
    assert x5.severity == "warning" and (x5.table_code, x5.row_code, x5.col_code) == (
        "requests",
        "new_received",
        "total",
    )
    assert (x5.expected, x5.actual) == (received, received + 1)
    assert f"受理政府信息公开申请{received + 1}件" in x5.message and f"={received}" in x5.message
