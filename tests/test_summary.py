"""The ingest summary counts this run's new checks beside those open in the warehouse, the reports' own
apart from what ogi could not read: a no-change rerun adds none, yet does not look clean while errors are
open, and still names every file no number was read from (grouped by reason when there are many)."""

from __future__ import annotations

import re
import shutil

from typer.testing import CliRunner

from flows.cli import app
from load.findings import GROUPS, Unread, unread_lines
from tests.conftest import SHARED
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


REAL = SHARED / "cases"


def test_a_no_change_rerun_still_names_the_unread_files(prefect_harness, tmp_path):
    """Issue 27: files that gave no numbers are named with their reason on every run, not only the one
    that read them, so a nightly mail keeps showing them."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_bytes(to_txt_bytes(sample_report("甲县人民政府", 2023, seed=12), "tab"))
    (root / "junk.bin").write_bytes(b"\x00\x01junk")
    (root / "notes.txt").write_text("会议纪要\n\n今天讨论了工作安排。\n", encoding="utf-8")
    shutil.copy(REAL / "real-page-002.txt", root / "cut-short.txt")  # a real page cut before its tables
    db = tmp_path / "w.duckdb"
    named = {
        "failed junk.bin: unsupported file format: .bin",
        "not_a_report notes.txt: not a report, no disclosure tables found",
        "partial cut-short.txt: no number read: none of the three tables was found",
    }
    first = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "unread: 3 files gave no numbers (3 this run), see `ogi report`" in first.output
    assert all(line in first.output for line in named), first.output
    again = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "unchanged 4" in again.output
    assert "still unread: 3, see `ogi report`" in again.output
    assert all(line in again.output for line in named), again.output
    # the checks lines count the two origins apart: the cut page's missing tables are ogi's, not the report's
    reading = re.search(
        r"checks of what ogi could not read \(reading\): (\d+) errors.*?reports: (\d+) errors", again.output
    )
    assert reading and reading.groups() == ("0", "3")
    assert CHECKS.search(again.output).groups()[2] == "0"


def test_many_unread_files_are_grouped_by_reason(prefect_harness, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for i in range(25):
        (root / f"a{i:02d}.bin").write_bytes(b"junk")
    for i in range(12):
        (root / f"e{i:02d}.txt").write_bytes(b"")
    (root / "good.txt").write_bytes(to_txt_bytes(sample_report("甲县人民政府", 2023, seed=12), "tab"))
    result = runner.invoke(app, ["ingest", str(root), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("unread: 37 files gave no numbers (37 this run)"))
    assert lines[start + 1 : start + 3] == [
        "  failed (25): unsupported file format: .bin — a00.bin, a01.bin, a02.bin, … 22 more",
        "  failed (12): empty file — e00.txt, e01.txt, e02.txt, … 9 more",
    ]
    assert len(lines) < 12


def test_twenty_thousand_unread_files_print_a_few_lines():
    files = [Unread(f"junk/{i:05d}.bin", "failed", f"unsupported file format: .x{i % 40}") for i in range(20_000)]
    lines = unread_lines(files, this_run=20_000)
    assert len(lines) == 1 + GROUPS + 1
    assert lines[0].startswith("unread: 20000 files gave no numbers (20000 this run)")
    assert (
        lines[1]
        == "  failed (500): unsupported file format: .x0 — junk/00000.bin, junk/00040.bin, junk/00080.bin, … 497 more"
    )
    assert lines[-1] == f"  … {20_000 - GROUPS * 500} more files with {40 - GROUPS} other reasons"
    few = unread_lines(files[:3], this_run=0)
    assert few == [
        few[0],
        "  failed junk/00000.bin: unsupported file format: .x0",
        "  failed junk/00001.bin: unsupported file format: .x1",
        "  failed junk/00002.bin: unsupported file format: .x2",
    ] and few[0].startswith("still unread: 3, see `ogi report`")
