"""Checks across reports (X1) and incomplete reports, through the real flow and warehouse."""

from __future__ import annotations

from tests.helpers import rows
from tests.reportgen import sample_report, to_text, to_txt_bytes
from transform import vocabulary as v


def _chain(agency: str, years: list[int], seed: int):
    """Reports of one agency whose carried_forward feeds the next year's carried_over."""
    samples = []
    for i, year in enumerate(years):
        s = sample_report(agency, year, seed=seed + i)
        if samples:
            prev = samples[-1]
            for col in v.REQUEST_COLS:
                delta = prev.values[("requests", "carried_forward", col)] - s.values[("requests", "carried_over", col)]
                s.values[("requests", "carried_over", col)] += delta
                s.values[("requests", "new_received", col)] -= delta
        samples.append(s)
    return samples


def test_x1_carried_forward_against_next_year(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    good = _chain("甲县人民政府", [2021, 2022, 2023], seed=70)
    for s in good:
        assert min(s.values.values()) > 0
        (root / f"jia-{s.year}.txt").write_bytes(to_txt_bytes(s))
    bad = _chain("乙县人民政府", [2022, 2023], seed=80)
    bad[1].values[("requests", "carried_over", "commercial")] += 2
    bad[1].values[("requests", "carried_over", "total")] += 2
    bad[1].values[("requests", "new_received", "commercial")] -= 2
    bad[1].values[("requests", "new_received", "total")] -= 2
    for s in bad:
        (root / f"yi-{s.year}.txt").write_bytes(to_txt_bytes(s))
    _summary, db = run_ingest(root)
    x1 = rows(
        db,
        "SELECT r.agency, r.year, c.col_code, c.expected, c.actual, c.severity, c.message FROM checks c "
        "JOIN reports r ON r.report_id = c.report_id WHERE c.check_code = 'X1' ORDER BY c.col_code",
    )
    fwd = bad[0].values[("requests", "carried_forward", "commercial")]
    fwd_total = bad[0].values[("requests", "carried_forward", "total")]
    assert [(a, y, c, e, x, s) for a, y, c, e, x, s, _m in x1] == [
        ("乙县", 2023, "commercial", fwd, fwd + 2, "warning"),
        ("乙县", 2023, "total", fwd_total, fwd_total + 2, "warning"),
    ]
    assert (
        x1[0][6]
        == f"表三 商业企业列：2022年报告 四、结转下年度继续办理={int(fwd)}，2023年报告 二、上年结转={int(fwd + 2)}"
    )
    assert rows(db, "SELECT count(*) FROM checks WHERE severity = 'error'") == [(0,)]
    # re-running recomputes rather than piles up
    run_ingest(root)
    assert rows(db, "SELECT count(*) FROM checks WHERE check_code = 'X1'") == [(2,)]


def test_report_missing_a_table_is_partial(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    text = to_text(sample_report(seed=90), "tab")
    head, tail = text.split("四、政府信息公开行政复议、行政诉讼情况")
    (root / "partial.txt").write_text(head + "五、" + tail.split("五、", 1)[1], encoding="utf-8")
    summary, db = run_ingest(root)
    assert rows(db, "SELECT status FROM documents") == [("partial",)]
    assert rows(db, "SELECT check_code, severity, table_code FROM checks") == [
        ("missing_table", "error", "review_litigation")
    ]
    assert rows(db, "SELECT count(*) FROM cells") == [(185,)]
    assert summary.statuses["partial"] == 1


def test_x1_compares_current_reports_only(run_ingest, tmp_path):
    """A 2022 report was republished with a correction; the 2023 report agrees with the correction. The
    superseded first copy is not the agency's word, so no X1 warning lands on the 2023 report."""
    import os

    root = tmp_path / "in"
    root.mkdir()
    first, nxt = _chain("丙县人民政府", [2022, 2023], seed=60)
    (root / "bing-2022-corrected.txt").write_bytes(to_txt_bytes(first))
    (root / "bing-2023.txt").write_bytes(to_txt_bytes(nxt))
    for col in ("natural_person", "total"):  # the first publication had carried forward 5 more
        first.values[("requests", "carried_forward", col)] += 5
    old = root / "bing-2022-first.txt"
    old.write_bytes(to_txt_bytes(first))
    os.utime(old, (1_600_000_000, 1_600_000_000))
    _summary, db = run_ingest(root)
    assert rows(db, "SELECT path FROM v_reports WHERE year = 2022 AND NOT is_current") == [("bing-2022-first.txt",)]
    assert rows(db, "SELECT count(*) FROM checks WHERE check_code = 'X1'") == [(0,)]
