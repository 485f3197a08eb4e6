"""Nothing lost at the edges (issue 27), seen as a user sees it: real `ogi` processes on real files,
asserting the exit status, the one line and the files left behind."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import ROOT
from tests.test_nightly import _harness_env, _ogi, make_corpus
from tests.test_storage import tmpfs


def ogi(*args: str, cwd: Path = ROOT, env: dict | None = None) -> tuple[int, list[str], str]:
    """Run `ogi ARGS` to the end: (exit status, stripped stderr+stdout lines, stdout)."""
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )
    return done.returncode, (done.stderr + done.stdout).strip().splitlines(), done.stdout


def listing(folder: Path) -> list[str]:
    """The names in `folder` (hidden ones too), but the warehouse's lock files."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("warehouse.duckdb."))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def layout(run_ingest, tmp_path) -> Path:
    """README's layout in a folder of its own: reports in data/reports, the warehouse in data/."""
    data = tmp_path / "data"
    make_corpus(data / "reports", 8)
    _summary, db = run_ingest(data / "reports")
    shutil.move(db, data / "warehouse.duckdb")
    return data


def test_export_into_a_folder_of_other_files_is_refused_and_loses_nothing(layout):
    before = tree(layout / "reports")
    code, lines, _ = ogi("export", str(layout), "--db", str(layout / "warehouse.duckdb"))
    assert code == 2
    assert lines == [
        f"{layout} is not empty and holds no earlier ogi export (no ogi-export.json); nothing was written: "
        f"give a new or empty folder, e.g. {layout}/export"
    ]
    assert tree(layout / "reports") == before
    assert listing(layout) == ["reports", "warehouse.duckdb"]  # no staging, no lock files
    out = layout / "export"
    for fmt in ("parquet", "parquet", "csv"):  # a new folder, then over the earlier export twice
        code, lines, _ = ogi("export", str(out), "--db", str(layout / "warehouse.duckdb"), "--format", fmt)
        assert code == 0, lines
        assert lines[-1] == f"written to {out}"
        assert json.loads((out / "ogi-export.json").read_text())["format"] == fmt
    assert not (out / "cells").exists()  # the earlier Parquet export was replaced whole, not mixed in
    assert listing(layout) == ["export", "reports", "warehouse.duckdb"]


def test_an_export_killed_part_way_leaves_the_previous_one_whole(layout, run_ingest):
    db, out = layout / "warehouse.duckdb", layout / "export"
    assert ogi("export", str(out), "--db", str(db))[0] == 0
    previous = tree(out)
    make_corpus(layout / "reports", 40, seed=100)  # the next export differs
    _summary, new_db = run_ingest(layout / "reports")
    shutil.move(new_db, db)
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "export", str(out), "--db", str(db)], cwd=ROOT)
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while proc.poll() is None and time.monotonic() < deadline:
        staging = [p for p in layout.iterdir() if p.name.startswith(".export.ogi-staging-") and any(p.iterdir())]
        if staging:
            break
        time.sleep(0.002)
    assert staging and proc.poll() is None, "the export ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tree(out) == previous
    assert pl.read_parquet(out / "documents.parquet").height == 8
    code, lines, _ = ogi("export", str(out), "--db", str(db))  # the next export cleans up after the killed one
    assert code == 0, lines
    assert pl.read_parquet(out / "documents.parquet").height == 40  # r000-r039
    assert listing(layout) == ["export", "reports", "warehouse.duckdb"]


def test_report_never_writes_over_the_warehouse_or_a_file_it_did_not_write(layout):
    db = layout / "warehouse.duckdb"
    warehouse = db.read_bytes()
    code, lines, _ = ogi("report", str(db), "--db", str(db))
    assert code == 2
    assert lines == [f"{db} is the warehouse; nothing was written: give the page a name such as report.html"]
    assert db.read_bytes() == warehouse
    notes = layout / "notes.html"
    notes.write_text("<html><body>my notes</body></html>", encoding="utf-8")
    code, lines, _ = ogi("report", str(notes), "--db", str(db))
    assert code == 2
    assert lines == [
        f"{notes} is not a page ogi report wrote; nothing was written: give a new file name such as "
        f"{layout}/report.html"
    ]
    assert notes.read_text(encoding="utf-8") == "<html><body>my notes</body></html>"
    page = layout / "report.html"
    for _ in range(2):  # a new page, then over the earlier one
        code, lines, _ = ogi("report", str(page), "--db", str(db))
        assert (code, lines) == (0, [f"report written to {page}"])
    with duckdb.connect(str(db), read_only=True) as con:
        agency = con.execute("SELECT min(agency) FROM reports").fetchall()[0][0]
    assert agency.startswith("测试零零") and agency in page.read_text(encoding="utf-8")
    assert listing(layout) == ["notes.html", "report.html", "reports", "warehouse.duckdb"]


def test_a_damaged_or_foreign_warehouse_is_one_line_exit_5_for_every_command(layout):
    db = layout / "warehouse.duckdb"
    size = db.stat().st_size
    os.truncate(db, size // 2)
    damaged = re.compile(
        rf"{re.escape(str(db))} is damaged \(cut short: {size // 2:,} of at least [\d,]+ bytes\): restore it from a "
        "backup, or move it aside and ingest again to rebuild it"
    )
    for args in (
        ["query", "SELECT count(*) FROM documents"],
        ["export", str(layout / "export")],
        ["report", str(layout / "report.html")],
        ["ingest", str(layout / "reports")],
    ):
        code, lines, _ = ogi(*args, "--db", str(db))
        assert code == 5 and len(lines) == 1 and damaged.fullmatch(lines[0]), (args, lines)
    assert not (layout / "export").exists() and not (layout / "report.html").exists()
    readme = layout / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    for args in (
        ["query", "SELECT 1"],
        ["export", str(layout / "export")],
        ["report"],
        ["roots"],
        ["ingest", str(layout / "reports")],
    ):
        code, lines, _ = ogi(*args, "--db", str(readme), cwd=layout)
        assert code == 5, args
        assert lines == [
            f"{readme} is not a DuckDB warehouse: give the file `ogi ingest --db` wrote, or move it aside and "
            "ingest again"
        ]
    assert not [p.name for p in layout.iterdir() if p.name.startswith("README.md.")]  # no lock files beside it


def test_readers_open_a_warehouse_in_a_read_only_folder(layout, tmp_path):
    with tmpfs(tmp_path / "disk", "20m") as disk:
        shutil.copy(layout / "warehouse.duckdb", disk / "w.duckdb")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        db = disk / "w.duckdb"
        code, _lines, stdout = ogi("query", "SELECT count(*) AS n FROM documents", "--db", str(db), "--format", "csv")
        assert (code, stdout) == (0, "n\n8\n")
        assert ogi("export", str(tmp_path / "out"), "--db", str(db))[0] == 0
        assert pl.read_parquet(tmp_path / "out" / "documents.parquet").height == 8
        code, lines, _ = ogi("report", str(tmp_path / "r.html"), "--db", str(db))
        assert (code, lines) == (0, [f"report written to {tmp_path}/r.html"])
        code, lines, _ = ogi("export", str(disk / "out"), "--db", str(db))
        assert code == 5
        assert lines == [
            f"cannot write {disk}/out: {disk} is read-only or not writable by this user; give another path"
        ]


def test_a_full_disk_during_export_replaces_nothing(layout, tmp_path):
    db = layout / "warehouse.duckdb"
    with tmpfs(tmp_path / "small", "200k") as disk:
        out = disk / "export"
        out.mkdir()
        (out / "ogi-export.json").write_text("{}")  # an earlier export, tiny
        code, lines, _ = ogi("export", str(out), "--db", str(db), "--format", "csv")
        assert code == 5
        assert lines == [f"disk full writing {out}: nothing was replaced; free space on {disk} and run it again"]
        assert tree(out) == {"ogi-export.json": b"{}"}
        assert sorted(p.name for p in disk.iterdir()) == ["export"]


def test_the_warehouse_and_an_export_inside_the_crawled_folder_are_not_crawled(run_ingest, tmp_path):
    root = tmp_path / "data"
    make_corpus(root, 3)
    db = root / "warehouse.duckdb"
    env = _harness_env()
    for _ in range(2):
        code, lines, _ = ogi("ingest", str(root), "--db", str(db), env=env)
        assert code == 0, lines
    assert ogi("export", str(root / "export"), "--db", str(db), "--format", "csv")[0] == 0
    code, lines, _ = ogi("ingest", str(root), "--db", str(db), env=env)
    assert code == 0, lines
    assert (
        lines[0] == "files seen 3: parsed 0, partial 0, failed 0, not a report 0, duplicate 0, unchanged 3, removed 0"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT path FROM documents ORDER BY path").fetchall() == [
            ("r000.txt",),
            ("r001.txt",),
            ("r002.txt",),
        ]


def test_an_empty_folder_on_a_new_warehouse_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "empty" / ".hidden").write_text("x")
    db = tmp_path / "w.duckdb"
    code, lines, _ = ogi("ingest", str(tmp_path / "empty"), "--db", str(db))
    assert code == 2
    assert lines == [f"no files in {tmp_path}/empty: nothing ingested, no warehouse made (the right folder? mounted?)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_query_output_in_a_pipe_is_whole_and_csv_lines_end_in_newline(tmp_path):
    db = tmp_path / "w.duckdb"
    name = "示例县" * 40
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE t AS SELECT ? AS agency, 70.0::DOUBLE AS n", [name])
    code, _lines, stdout = ogi("query", "SELECT * FROM t", "--db", str(db))
    assert code == 0
    assert name in stdout and "…" not in stdout
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "query", "SELECT * FROM t", "--db", str(db), "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
    )
    assert done.stdout == f"agency,n\n{name},70\n".encode()


def test_counts_are_integers_in_the_wide_views_and_their_exports_money_stays_decimal(layout):
    db = layout / "warehouse.duckdb"
    out = layout / "export"
    assert ogi("export", str(out), "--db", str(db))[0] == 0
    summary = pl.read_parquet(out / "v_report_summary" / "**" / "*.parquet", hive_partitioning=False)
    assert summary.schema["new_received"] == pl.Int64
    assert summary.schema["litigation_total"] == pl.Int64
    assert summary.schema["fees_amount"] == pl.Float64
    assert summary.schema["disclosure_rate"] == pl.Float64
    wide = pl.read_parquet(out / "v_requests_wide" / "**" / "*.parquet", hive_partitioning=False)
    assert wide.schema["total"] == pl.Int64
    province = pl.read_parquet(out / "v_province_summary" / "**" / "*.parquet", hive_partitioning=False)
    assert province.schema["new_received"] == pl.Int64
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT typeof(value) FROM cells LIMIT 1").fetchall() == [("DOUBLE",)]
        printed = con.execute(
            "SELECT sum(value) FROM v_cells WHERE table_code = 'requests' AND row_code = 'new_received' "
            "AND col_code = 'total'"
        ).fetchall()[0][0]
    assert summary["new_received"].sum() == printed


def _wait_for(check, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_prefect_server_lost_mid_run_is_one_line_and_exit_0(tmp_path):
    """ogi's local server (one of this test's own) killed during a real ingest: the warehouse is written,
    the summary printed, one line says the run history was not recorded; no minutes of retries."""
    root, db = tmp_path / "in", tmp_path / "w.duckdb"
    make_corpus(root, 60)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"OGI_SERVER_HOME": str(tmp_path / "server"), "PREFECT_LOGGING_LEVEL": "WARNING"}
    assert ogi("server", "start", env=env)[0] == 0
    server = json.loads((tmp_path / "server" / "server.json").read_text())["pid"]
    try:
        proc = _ogi("ingest", str(root), "--db", str(db), "--batch-size", "5", env=env, text=True)
        _wait_for(lambda: Path(f"{db}.wal").exists() or proc.poll() is not None)
        os.killpg(server, signal.SIGKILL)
        out, err = proc.communicate(timeout=240)
    finally:
        ogi("server", "stop", env=env)
    assert proc.returncode == 0, err
    assert out.splitlines()[0] == (
        "files seen 60: parsed 60, partial 0, failed 0, not a report 0, duplicate 0, unchanged 0, removed 0"
    )
    assert err.strip().splitlines() == [
        "run history not recorded: the Prefect server stopped answering during the run (the warehouse is "
        "written); `ogi server start` starts it again"
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchall() == [(60,)]


def test_ctrl_c_on_an_ingest_marks_its_flow_run_cancelled(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client

    root, db = tmp_path / "in", tmp_path / "w.duckdb"
    make_corpus(root, 200)
    proc = _ogi("ingest", str(root), "--db", str(db), "--batch-size", "5", env=_harness_env(), text=True)
    _wait_for(lambda: Path(f"{db}.wal").exists() or proc.poll() is not None)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == (
        "interrupted: nothing half-written is kept; the next ingest goes on from the last batch"
    )
    with get_client(sync_client=True) as client:
        runs = [r for r in client.read_flow_runs(limit=200) if r.parameters.get("db") == str(db)]
    assert [r.state.name for r in runs] == ["Cancelled"]


def test_ctrl_c_on_serve_stops_it_with_one_line(prefect_harness, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 3)
    proc = _ogi(
        "serve", str(root), "--db", str(tmp_path / "w.duckdb"), "--interval", "3600", env=_harness_env(), text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("serving ogi-ingest/nightly: every 3600 s")
    time.sleep(3)  # serving (and maybe running its first run)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.2)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)  # a second Ctrl-C
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == (
        "stopped serving ogi-ingest/nightly (a run in progress was ended; the next run goes on)"
    )
