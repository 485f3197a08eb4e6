"""Every complete table printed loads, whatever layout it lost and wherever the page was cut (issue 21):
pages saved with every cell on its own line, PDF-to-text dumps (page banners, a row per line, wrapped
row labels, vertical column headers), and pages cut short inside a row (its complete rows load, the cut
row is flagged `cut_row`, nothing is guessed)."""

from __future__ import annotations

import pytest

from extract import extract_bytes
from tests.dumpgen import cut, one_cell_per_line, pdf_text_dump
from tests.reportgen import sample_report
from transform import vocabulary as v
from transform.report import parse_report


def parse(text: str):
    return parse_report(extract_bytes(text.encode(), "txt"))


def cells_of(report):
    return {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}


def codes(report, *kinds):
    return [(c.check_code, c.table_code, c.row_code) for c in report.checks if c.check_code in kinds]


@pytest.mark.parametrize("fmt", ["v2021", "v2019"])
def test_one_cell_per_line_page_reads_every_cell(fmt):
    sample = sample_report(seed=11, fmt=fmt)
    text = one_cell_per_line(sample)
    assert "\n\n规章\n\n" in text
    report = parse(text)
    assert cells_of(report) == sample.values
    assert report.checks == ()


@pytest.mark.parametrize("fmt", ["v2021", "v2019"])
def test_pdf_text_dump_with_banners_wrapped_labels_and_vertical_headers(fmt):
    sample = sample_report(seed=12, fmt=fmt)
    text = pdf_text_dump(sample, "2020年报_审计局")
    assert "Page 3 - 2020年报_审计局" in text and "\n结 结 其 尚 总 结 结 其 尚 总" in text
    assert "\n情形，不计其他情形） " in text  # a label wrapped onto its numbers' line
    report = parse(text)
    assert cells_of(report) == sample.values
    assert report.checks == ()
    assert report.format_version == fmt


@pytest.mark.parametrize("render", [one_cell_per_line, lambda r: pdf_text_dump(r, "2021年报")])
def test_page_cut_inside_table_three_keeps_its_complete_rows(render):
    sample = sample_report(seed=13)
    text = render(sample)
    first = sample.printed(("requests", "denied_third_party", "natural_person"))
    second = sample.printed(("requests", "denied_third_party", "commercial"))
    page = cut(
        text, "4.保护第三方合法权益", text.index(second, text.index("4.保护第三方")) - text.index("4.保护第三方")
    )
    assert page.rstrip().endswith(first)  # the row is cut after its first number
    report = parse(page)
    got = cells_of(report)
    assert all(sample.values[k] == value for k, value in got.items())
    rows = {row for table, row, _ in got if table == "requests"}
    assert "denied_three_safeties" in rows and "denied_third_party" not in rows
    assert len(got) == 10 + 7 * 7  # table 2 whole, and the seven rows of table 3 before the cut
    assert codes(report, "cut_row", "unaligned_row", "ambiguous_digits") == [
        ("cut_row", "requests", "denied_third_party")
    ]
    assert report.status == "partial" and codes(report, "missing_table") == [
        ("missing_table", "review_litigation", None)
    ]


def test_dump_cut_inside_the_review_row_keeps_its_whole_groups():
    sample = sample_report(seed=14)
    text = pdf_text_dump(sample, "2021年报")
    review = [sample.printed(("review_litigation", "review", c)) for c in ("upheld", "corrected", "other", "pending")]
    line = text[text.index(" ".join(review)) :].splitlines()[0]
    page = text[: text.index(line)] + " ".join(line.split()[:7])  # review.* and two of litigation_direct
    report = parse(page)
    got = {(r, c): value for (t, r, c), value in cells_of(report).items() if t == "review_litigation"}
    assert got == {
        (r, c): value for (t, r, c), value in sample.values.items() if t == "review_litigation" and r == "review"
    }
    assert codes(report, "cut_row") == [("cut_row", "review_litigation", None)]
    assert len(cells_of(report)) == 10 + 25 * 7 + 5


def test_a_report_ending_with_its_complete_tables_is_not_cut():
    """No `cut_row` when the text ends after a complete row (a page cut between rows)."""
    sample = sample_report(seed=15)
    text = one_cell_per_line(sample)
    last = sample.printed(("requests", "denied_three_safeties", "total"))
    start = text.index("3.危及")
    page = text[: text.index("4.保护第三方")]
    assert page.rstrip().endswith(last) and start < len(page)
    report = parse(page)
    assert codes(report, "cut_row", "unaligned_row") == []
    assert len(cells_of(report)) == 10 + 7 * 7


def test_one_cell_per_line_page_with_a_banner_inside_a_row_and_a_row_on_one_line():
    """A page banner between two numbers of a row, and one row printed on one line among rows printed a
    cell per line: every cell read."""
    sample = sample_report(seed=16)
    text = one_cell_per_line(sample)
    third = [sample.printed(("requests", "denied_third_party", c)) for c in v.REQUEST_COLS]
    block = "4.保护第三方合法权益\n\n" + "\n\n".join(third)
    assert block in text
    broken = "4.保护第三方合法权益\n\n" + "\n\n".join(third[:3]) + "\n\nPage 4 - 2021年报\n\n" + "\n\n".join(third[3:])
    text = text.replace(block, broken)
    secret = [sample.printed(("requests", "denied_state_secret", c)) for c in v.REQUEST_COLS]
    text = text.replace("1.属于国家秘密\n\n" + "\n\n".join(secret), "1.属于国家秘密 " + " ".join(secret))
    report = parse(text)
    assert cells_of(report) == sample.values
    assert report.checks == ()
