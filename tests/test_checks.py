"""Accounting identities: printed numbers are kept, failures name table, row and column."""

from __future__ import annotations

from extract import extract_bytes
from tests.reportgen import sample_report, to_txt_bytes
from transform.report import parse_report


def parse(sample):
    return parse_report(extract_bytes(to_txt_bytes(sample, "tab"), "txt"))


def test_consistent_report_has_no_checks():
    assert parse(sample_report(seed=11)).checks == ()


def test_review_totals_that_do_not_add_up_are_kept_and_flagged():
    sample = sample_report(seed=12)
    sample.values.update(
        {
            ("review_litigation", "review", c): x
            for c, x in (("upheld", 10), ("corrected", 1), ("other", 0), ("pending", 0), ("total", 0))
        }
    )
    report = parse(sample)
    cells = {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}
    assert cells[("review_litigation", "review", "upheld")] == 10
    assert cells[("review_litigation", "review", "total")] == 0
    [check] = [c for c in report.checks if c.check_code == "S4"]
    assert (check.severity, check.table_code, check.row_code, check.col_code) == (
        "error",
        "review_litigation",
        "review",
        "total",
    )
    assert (check.expected, check.actual) == (11, 0)
    assert "行政复议" in check.message and "=11" in check.message and "总计=0" in check.message


def test_o1_s1_s2_failures_name_their_column_and_row():
    sample = sample_report(seed=13)
    sample.values[("requests", "granted", "natural_person")] += 5  # breaks S1 (row), S2 and O1 (column)
    report = parse(sample)
    codes = {(c.check_code, c.row_code, c.col_code) for c in report.checks}
    assert ("S1", "granted", "total") in codes
    assert ("S2", "total_handled", "natural_person") in codes
    assert all(c.severity == "error" for c in report.checks)
    [s2] = [c for c in report.checks if c.check_code == "S2"]
    assert s2.expected - s2.actual == 5
    assert "自然人列" in s2.message


def test_o1_message_reads_like_the_table():
    sample = sample_report(seed=14)
    sample.values[("requests", "carried_over", "research")] += 1
    sample.values[("requests", "carried_over", "total")] += 1
    report = parse(sample)
    [o1] = [c for c in report.checks if c.check_code == "O1" and c.col_code == "research"]
    new = sample.values[("requests", "new_received", "research")]
    old = sample.values[("requests", "carried_over", "research")]
    assert o1.message.startswith("表三")
    assert f"科研机构列：一+二={int(new + old)}，（七）总计+四=" in o1.message
