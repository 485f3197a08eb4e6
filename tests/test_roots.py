"""Nothing vanishes silently: an emptied root is not believed, a moved root can be forgotten, and the
checks across reports are recomputed whenever they may be stale."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.files import FileInfo, Limits
from flows.ingest import TooManyGone
from flows.isolation import parse_files
from load.warehouse import Warehouse
from tests.helpers import rows
from tests.reportgen import sample_report, to_txt_bytes
from tests.test_cross_checks import _chain
from tests.test_nightly import make_corpus

runner = CliRunner()


def test_an_unmounted_share_removes_nothing_and_exits_non_zero(prefect_harness, run_ingest, tmp_path):
    root = tmp_path / "share"
    make_corpus(root, 6)
    _, db = run_ingest(root)
    stamps = rows(db, "SELECT path, status, ingested_at FROM documents ORDER BY path")
    away = tmp_path / "away"
    root.rename(away)
    root.mkdir()  # the mount point, empty while the share is not mounted
    result = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert result.exit_code == 6
    assert result.output.strip().splitlines() == [
        f"6 of the 6 files known under {root.resolve()} are gone; nothing was marked removed. Is the folder "
        "mounted? If it moved, `ogi forget` the old root; if they really went, run with --max-removed 1"
    ]
    assert rows(db, "SELECT path, status, ingested_at FROM documents ORDER BY path") == stamps
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(6,)]
    root.rmdir()
    away.rename(root)  # the share is back: nothing to parse again
    summary, _ = run_ingest(root)
    assert summary.statuses["unchanged"] == 6 and summary.statuses["parsed"] == 0


def test_removal_share_is_configurable(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 4)
    _, db = run_ingest(root)
    for name in ("r000.txt", "r001.txt", "r002.txt"):
        (root / name).unlink()
    with pytest.raises(TooManyGone, match="3 of the 4 files"):
        run_ingest(root)
    summary, _ = run_ingest(root, max_removed=1)  # they really went
    assert summary.statuses["removed"] == 3
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(1,)]


def test_a_moved_root_is_listed_and_forgotten(run_ingest, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    make_corpus(old, 4)
    (old / "junk.txt").write_bytes(b"\x00junk")
    (old / "gone.txt").write_bytes(to_txt_bytes(sample_report("已删县人民政府", 2022, seed=11)))
    _, db = run_ingest(old)
    (old / "gone.txt").unlink()  # removed: its rows stay, out of the views
    run_ingest(old)
    shutil.copytree(old, new)
    (new / "r003.txt").unlink()  # deleted after the move
    run_ingest(new)  # every report still owned by the old root's rows: the new files are duplicates
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(4,)]  # r003 still in the views
    listed = runner.invoke(app, ["roots", "--db", str(db)])
    assert listed.exit_code == 0
    assert listed.output.splitlines() == [
        f"{new}: 4 files in the views, 4 rows in all",
        f"{old}: 5 files in the views, 6 rows in all",
    ]
    result = runner.invoke(app, ["forget", str(old), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"forgot 6 files under {old}"
    assert rows(db, "SELECT DISTINCT root FROM documents") == [(str(new),)]
    got = dict(rows(db, "SELECT path, status FROM documents"))
    assert got == {"r000.txt": "parsed", "r001.txt": "parsed", "r002.txt": "parsed", "junk.txt": "failed"}
    assert rows(db, "SELECT count(*) FROM reports") == [(3,)]  # r003's and gone.txt's rows went with the root
    assert rows(db, "SELECT count(*) FROM cells WHERE report_id NOT IN (SELECT report_id FROM reports)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(3,)]
    again = runner.invoke(app, ["forget", str(old), "--db", str(db)])
    assert again.exit_code == 2, again.output


def test_cross_checks_lost_to_a_kill_are_recomputed_by_the_next_run(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    earlier, later = _chain("乙县人民政府", [2022, 2023], seed=80)
    later.values[("requests", "carried_over", "total")] += 2
    later.values[("requests", "new_received", "total")] -= 2
    (root / "yi-2022.txt").write_bytes(to_txt_bytes(earlier))
    _, db = run_ingest(root)
    # what a run killed after its last batch and before the refresh leaves: the batch, X1 not recomputed
    (root / "yi-2023.txt").write_bytes(to_txt_bytes(later))
    st = (root / "yi-2023.txt").stat()
    batch = parse_files(str(root.resolve()), [(FileInfo("yi-2023.txt", st.st_size, st.st_mtime), None)], Limits())
    with Warehouse(db) as warehouse:
        warehouse.write_batch(batch, str(root.resolve()))
    assert rows(db, "SELECT count(*) FROM checks WHERE check_code = 'X1'") == [(0,)]
    summary, _ = run_ingest(root)
    assert summary.statuses["unchanged"] == 2  # nothing left to parse, yet the checks were stale
    assert rows(db, "SELECT col_code FROM checks WHERE check_code = 'X1'") == [("total",)]
