"""Crawler dumps with every cell of a row run together (issue 21): decoded wherever only one reading fits
(each row's total, the identities O1/S2/S4 across rows, the columns' kinds, the figures the text quotes),
flagged with every reading listed where the digits allow several, never guessed."""

from __future__ import annotations

import re

import pytest

from extract import extract_bytes
from tests.reportgen import sample_report, to_text
from transform import vocabulary as v
from transform.report import parse_report
from transform.tables.glued import splits

OPENING = "本年度共主动公开政府信息若干条。"


def parse(text: str):
    return parse_report(extract_bytes(text.encode(), "txt"))


def cells_of(report):
    return {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}


def flags(report):
    return {(c.table_code, c.row_code): c.message for c in report.checks if c.check_code == "ambiguous_digits"}


def row_digits(sample, code):
    return "".join(sample.printed(("requests", code, c)) for c in v.REQUEST_COLS)


def test_v2019_dump_decided_by_the_identities_across_rows():
    """Seed 0: rows of 22 digits (一、本年新收 4743755013244183172409) and several rows that split more than
    one way keeping their own total (S1); searched by the total first, then O1 and S2 across the rows,
    every requests row has one reading left."""
    sample = sample_report(seed=0, fmt="v2019")
    rows = {code for table, code, _c in sample.values if table == "requests"}
    open_alone = [code for code in rows if len(splits([row_digits(sample, code)], 7, 7)) > 1]
    assert len(open_alone) >= 3 and len(row_digits(sample, "new_received")) == 22
    report = parse(to_text(sample, "run_together"))
    got = cells_of(report)
    assert all(sample.values[k] == value for k, value in got.items())
    assert {k for k in sample.values if k[0] == "requests"} <= got.keys()
    assert report.format_version == "v2019"
    assert not {t for t, _r in flags(report)} - {"active", "review_litigation"}  # no total ties table 2 or 4's rows


def test_v2019_dump_where_the_digits_allow_two_readings_is_flagged_with_both():
    """Seed 3: two rows whose readings move a digit between the same two columns (29/2/25 or 29/22/5 and
    9/2/27 or 9/22/7): S1, O1 and S2 hold either way."""
    sample = sample_report(seed=3, fmt="v2019")
    report = parse(to_text(sample, "run_together"))
    got = cells_of(report)
    assert all(sample.values[k] == value for k, value in got.items())
    flagged = flags(report)
    missing_rows = {(t, r) for t, r, _c in sample.values if (t, r, _c) not in got and t == "requests"}
    assert missing_rows == {("requests", "not_processed_excessive"), ("requests", "not_processed_confirmation")}
    assert missing_rows <= flagged.keys()
    for _t, row in missing_rows:
        true = "/".join(sample.printed(("requests", row, c)) for c in v.REQUEST_COLS)
        ways = int(re.search(r"可拆成(\d+)种（", flagged[("requests", row)]).group(1))
        assert ways >= 2 and true in flagged[("requests", row)]  # every reading listed, the true one among them
        assert not any(k[1] == row for k in got)  # a requests row is stored whole or not at all


@pytest.mark.parametrize(
    ("printed", "sentence", "stored", "readings"),
    [
        ((12, 0, 45), "本年度制发的规范性文件12件", (12, 0, 45), 0),  # the text leaves one reading
        ((77, 132, 470), "本年度制发的规范性文件77件", (77, None, None), 5),  # 77 decided; 132470 reads 5 ways
        ((77, 132, 470), "", (None, None, None), 21),
    ],
)
def test_table_two_decided_by_the_figure_the_text_quotes(printed, sentence, stored, readings):
    sample = sample_report(seed=21)
    cols = ("issued", "repealed", "in_force")
    for col, value in zip(cols, printed, strict=True):
        sample.values[("active", "normative_documents", col)] = value
    text = to_text(sample, "run_together").replace(OPENING, f"{OPENING[:-1]}，{sentence}。" if sentence else OPENING)
    assert "行政规范性文件" + "".join(map(str, printed)) in text
    report = parse(text)
    got = cells_of(report)
    assert tuple(got.get(("active", "normative_documents", c)) for c in cols) == stored
    flag = flags(report).get(("active", "normative_documents"))
    if readings:
        assert f"可拆成{readings}种（" in flag and "77/132/470" in flag
    else:
        assert flag is None
        [note] = [c for c in report.checks if c.check_code == "split_by_text"]
        assert "本年制发件数=12" in note.message
