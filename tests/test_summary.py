"""The ingest summary counts this run's new checks beside those open in the warehouse: a no-change rerun
adds none, yet does not look clean while errors are open."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from flows.cli import app
from tests.reportgen import sample_report, to_txt_bytes

runner = CliRunner()
CHECKS = re.compile(  # the reports' own imbalances (origin `report`)
    r"checks the reports fail \(report\): (\d+) errors, (\d+) warnings this run; "
    r"open in the warehouse's current reports: (\d+) errors, (\d+) warnings"
)


def test_a_no_change_rerun_shows_the_open_checks(prefect_harness, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    wrong = sample_report("甲县人民政府", 2023, seed=12)
    wrong.values[("review_litigation", "review", "total")] += 1  # 总计 no longer adds up: an S4 error
    (root / "wrong.txt").write_bytes(to_txt_bytes(wrong, "tab"))
    (root / "right.txt").write_bytes(to_txt_bytes(sample_report("乙县人民政府", 2023, seed=13), "tab"))
    db = tmp_path / "w.duckdb"
    first = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert first.exit_code == 0, first.output
    new_errors, new_warnings, open_errors, open_warnings = map(int, CHECKS.search(first.output).groups())
    assert new_errors >= 1 and (open_errors, open_warnings) == (new_errors, new_warnings)
    again = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "unchanged 2" in again.output
    assert CHECKS.search(again.output).groups() == ("0", "0", str(open_errors), str(open_warnings))
