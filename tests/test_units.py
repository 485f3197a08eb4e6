"""Units: a number printed with a unit other than its column's is converted (money, 元 → 万元) or flagged,
never stored silently in the wrong unit. Through the real flow and warehouse."""

from __future__ import annotations

from tests.helpers import rows
from tests.reportgen import sample_report, to_text
from transform.tables.values import classify, in_column_unit


def test_in_column_unit():
    assert in_column_unit(classify("5000元"), "amount").value == 0.5
    assert in_column_unit(classify("1,234元"), "amount").value == 0.1234
    assert in_column_unit(classify("12.5万元"), "amount") == in_column_unit(classify("12.5"), "amount")
    assert not in_column_unit(classify("12.5"), "amount").converted
    assert in_column_unit(classify("88元"), "proc_amount").value == 88  # unit from the cell text (FORMAT.md §3)
    assert not in_column_unit(classify("3元"), "decisions").fits
    assert not in_column_unit(classify("3件"), "amount").fits
    assert in_column_unit(classify("3件"), "decisions").fits


def test_yuan_in_a_wan_yuan_column_is_converted_and_flagged(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    sample = sample_report("甲县人民政府", 2023, seed=5)
    sample.values[("active", "fees", "amount")] = 98765
    sample.values[("active", "licensing", "decisions")] = 4321
    text = to_text(sample)
    assert text.count("\t98765\n") == 1 and text.count("\t4321\n") == 1  # one cell per line
    text = text.replace("\t98765\n", "\t98765元\n").replace("\t4321\n", "\t4321元\n")
    (root / "r.txt").write_text(text, encoding="utf-8")
    _summary, db = run_ingest(root)
    got = dict(
        ((r, c), (value, raw))
        for r, c, value, raw in rows(
            db, "SELECT row_code, col_code, value, raw_text FROM cells WHERE table_code = 'active'"
        )
    )
    assert got[("fees", "amount")] == (9.8765, "98765元")
    assert got[("licensing", "decisions")] == (4321, "4321元")  # kept as printed, flagged
    checks = rows(db, "SELECT check_code, severity, row_code, message FROM checks ORDER BY check_code")
    assert [c[:3] for c in checks] == [("unit_converted", "warning", "fees"), ("unit_mismatch", "error", "licensing")]
    assert "98765元" in checks[0][3] and "万元" in checks[0][3]
