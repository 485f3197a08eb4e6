"""Nightly robustness: incremental runs, kill -9 mid-run, two runs at once, bad input of every kind,
the schedule, the run artifact, and progress."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from flows import progress
from load.lock import WarehouseBusy, writer_lock
from tests.conftest import CORPUS, ROOT, SEEDS
from tests.docgen import to_docx
from tests.helpers import rows
from tests.reportgen import numbered, sample_report, to_txt_bytes

TABLES = ("documents", "reports", "sections", "cells", "checks", "agencies")


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (ingestion timestamps aside), order-independent."""
    out = {}
    for table in TABLES:
        exclude = " EXCLUDE (ingested_at)" if table == "documents" else ""
        out[table] = sorted(rows(db, f"SELECT *{exclude} FROM {table}"), key=repr)
    return out


def make_corpus(root: Path, n: int, seed: int = 0) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sample = sample_report(f"测试{numbered(i)}县人民政府", 2020 + i % 4, seed=seed + i)
        (root / f"r{i:03d}.txt").write_bytes(to_txt_bytes(sample, ("tab", "cell_per_line", "pipe")[i % 3]))


# --- incremental ------------------------------------------------------------------------------------
def test_rerun_with_no_changes_parses_nothing(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 12)
    first, db = run_ingest(root)
    assert first.statuses["parsed"] == 12
    before = snapshot(db)
    stamps = rows(db, "SELECT path, ingested_at FROM documents ORDER BY path")
    second, _ = run_ingest(root)
    assert second.statuses["unchanged"] == 12
    assert sum(n for s, n in second.statuses.items() if s != "unchanged") == 0
    assert snapshot(db) == before
    assert rows(db, "SELECT path, ingested_at FROM documents ORDER BY path") == stamps  # not even rewritten


def test_one_changed_file_is_reparsed_alone(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 10)
    _, db = run_ingest(root)
    stamps = dict(rows(db, "SELECT path, ingested_at FROM documents"))
    changed = sample_report(f"测试{numbered(3)}县人民政府", 2023, seed=999)
    (root / "r003.txt").write_bytes(to_txt_bytes(changed))
    os.utime(root / "r005.txt")  # touched, same bytes: hashed, found unchanged, not re-parsed
    summary, _ = run_ingest(root)
    assert summary.statuses["parsed"] == 1 and summary.statuses["unchanged"] == 9
    after = dict(rows(db, "SELECT path, ingested_at FROM documents"))
    assert [p for p in after if after[p] != stamps[p]] == ["r003.txt"]
    doc = rows(db, "SELECT doc_id FROM documents WHERE path = 'r003.txt'")[0][0]
    got = dict(
        rows(
            db,
            "SELECT row_code || '.' || col_code, value FROM cells WHERE report_id = ? AND table_code = 'requests'",
            [doc],
        )
    )
    assert got["new_received.total"] == changed.values[("requests", "new_received", "total")]
    assert rows(db, "SELECT count(*) FROM reports") == [(10,)]  # the old version's rows are gone


def test_removed_file_leaves_the_views_but_nothing_is_deleted(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 4)
    shutil.copy(root / "r001.txt", root / "r001-copy.txt")
    _, db = run_ingest(root)
    (root / "r002.txt").unlink()
    (root / "r001.txt").unlink()  # its identical copy takes the report over
    summary, _ = run_ingest(root)
    assert summary.statuses["removed"] == 2
    status = dict(rows(db, "SELECT path, status FROM documents"))
    assert status == {
        "r000.txt": "parsed",
        "r001.txt": "removed",
        "r001-copy.txt": "parsed",
        "r002.txt": "removed",
        "r003.txt": "parsed",
    }
    assert rows(db, "SELECT count(*) FROM reports") == [(4,)]  # kept
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(3,)]  # r002 left the views
    assert rows(db, "SELECT path FROM v_reports WHERE agency = '测试零零一县'") == [("r001-copy.txt",)]
    (root / "r002.txt").write_bytes(to_txt_bytes(sample_report(f"测试{numbered(2)}县人民政府", 2022, seed=2)))
    run_ingest(root)  # it came back
    assert rows(db, "SELECT status FROM documents WHERE path = 'r002.txt'") == [("parsed",)]
    assert rows(db, "SELECT count(*) FROM v_report_summary") == [(4,)]


def test_new_parser_version_reparses(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 3)
    _, db = run_ingest(root)
    import duckdb

    with duckdb.connect(str(db)) as con:  # as if these were parsed by an older parser
        con.execute("UPDATE documents SET parser_version = '0' WHERE path <> 'r000.txt'")
    summary, _ = run_ingest(root)
    assert summary.statuses["parsed"] == 2 and summary.statuses["unchanged"] == 1
    from transform import PARSER_VERSION

    assert rows(db, "SELECT DISTINCT parser_version FROM documents") == [(PARSER_VERSION,)]


# --- crash safety ------------------------------------------------------------------------------------
def _ogi(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kw,
    )


def _harness_env() -> dict:
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_LOGGING_LEVEL": "WARNING"}


def test_kill_during_ingest_then_rerun_gives_the_same_warehouse(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 150, seed=500)
    reference, ref_db = run_ingest(root)
    assert reference.statuses["parsed"] == 150
    db = tmp_path / "crash.duckdb"
    for kill_after_docs in (20, 90):
        proc = _ogi("ingest", str(root), "--db", str(db), "--batch-size", "5", env=_harness_env())
        wal = Path(f"{db}.wal")
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            # each committed batch of 5 files adds ~206 KB to the WAL (~41 KB a file): past this size at
            # least a few batches are committed, whichever commit the kill interrupts
            if wal.exists() and wal.stat().st_size > kill_after_docs * 40_000:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        # what a kill leaves behind: only whole files (a parsed document has all its rows)
        partial = rows(
            db,
            "SELECT d.path FROM documents d LEFT JOIN (SELECT report_id, count(*) n FROM cells "
            "GROUP BY 1) c ON c.report_id = d.doc_id WHERE d.status = 'parsed' AND "
            "coalesce(c.n, 0) <> 200",
        )
        assert partial == []
        loaded = rows(db, "SELECT count(*) FROM documents")[0][0]
        assert 0 < loaded < 150
    from flows.ingest import ingest

    ingest(root=str(root), db=str(db))
    assert snapshot(db) == snapshot(ref_db)


# --- two runs at once ------------------------------------------------------------------------------------
def test_second_run_exits_with_a_clear_message_or_waits(prefect_harness, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 2)
    db = tmp_path / "w.duckdb"
    with writer_lock(db):
        proc = _ogi("ingest", str(root), "--db", str(db), env=_harness_env())
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 3
        assert "another ingest" in err.decode() and "--wait" in err.decode()  # one line on stderr
        waiting = _ogi("ingest", str(root), "--db", str(db), "--wait", env=_harness_env())
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err.decode()[-2000:]
    assert "parsed 2" in out.decode()
    with pytest.raises(WarehouseBusy), writer_lock(db), writer_lock(db):
        pass


# --- bad input of every kind ------------------------------------------------------------------------------
def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 2**20) + b"</w:document>")
    return out.getvalue()


def entity_bomb_docx() -> bytes:
    """A real DOCX whose document.xml is a "billion laughs": nine levels of ten-fold entities."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(entities)}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(to_docx(sample_report(seed=7)))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, bomb.encode() if item.filename == "word/document.xml" else src.read(item))
    return out.getvalue()


def test_every_bad_input_kind_is_recorded_with_its_reason(prefect_harness, tmp_path):
    from tests.docgen import encrypted_pdf, scanned_pdf

    root = tmp_path / "in"
    make_corpus(root, 3)
    huaian = (CORPUS / "huaian-city-2024.pdf").read_bytes()
    good_docx = to_docx(sample_report(seed=8))
    files = {
        "corrupt.pdf": huaian[:3000],
        "encrypted.pdf": encrypted_pdf(),
        "empty.txt": b"",
        "truncated.docx": good_docx[:2000],
        "zipbomb.docx": zip_bomb_docx(),
        "entitybomb.docx": entity_bomb_docx(),
        "junk.txt": os.urandom(5000),
        "minutes.txt": "会议纪要\n\n今天讨论了工作安排。\n".encode(),
        "scanned.pdf": scanned_pdf(),
        "big/huge.pdf": huaian + b"\n%" + b"x" * (3 * 2**20),
        "unreadable.txt": to_txt_bytes(sample_report(seed=9)),
        "z/r000-copy.txt": (root / "r000.txt").read_bytes(),
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "unreadable.txt").chmod(0)
    (root / "locked").mkdir()
    (root / "locked" / "r.txt").write_bytes(files["unreadable.txt"])
    (root / "locked").chmod(0)
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to(root, target_is_directory=True)
    (root / "link-a.txt").symlink_to(root / "link-b.txt")
    (root / "link-b.txt").symlink_to(root / "link-a.txt")
    os.mkfifo(root / "pipe.txt")
    db = tmp_path / "w.duckdb"
    # a root process ignores file permissions: drop that capability so unreadable.txt really is
    cmd = [
        "setpriv",
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-dac_override,-dac_read_search",
        sys.executable,
        "-m",
        "flows.cli",
        "ingest",
        str(root),
        "--db",
        str(db),
        "--max-file-mb",
        "2",
    ]
    done = subprocess.run(cmd, cwd=ROOT, env=_harness_env(), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    got = {p: (s, e) for p, s, e in rows(db, "SELECT path, status, error FROM documents")}
    expect = {
        "corrupt.pdf": ("failed", "corrupt or truncated PDF"),
        "encrypted.pdf": ("failed", "encrypted PDF (password required)"),
        "empty.txt": ("failed", "empty file"),
        "truncated.docx": ("failed", "not a valid DOCX"),
        "zipbomb.docx": ("failed", "zip bomb"),
        "entitybomb.docx": ("failed", "declares XML entities"),
        "junk.txt": ("failed", "not text"),
        "minutes.txt": ("not_a_report", "no disclosure tables found"),
        "scanned.pdf": ("failed", "no text layer (scanned?)"),
        "big/huge.pdf": ("failed", "file too large: 3 MB, limit 2 MB"),
        "unreadable.txt": ("failed", "cannot read file: Permission denied"),
        "locked": ("failed", "cannot read folder: Permission denied"),
        "z/r000-copy.txt": ("duplicate", "same bytes as r000.txt"),
        "loop/back": ("failed", "symbolic link loop"),
        "link-a.txt": ("failed", "cannot read file: Too many levels of symbolic links"),
        "link-b.txt": ("failed", "cannot read file: Too many levels of symbolic links"),
        "pipe.txt": ("failed", "not a regular file: a named pipe"),
    }
    for path, (status, reason) in expect.items():
        assert path in got, path
        assert got[path][0] == status and reason in got[path][1], (path, got[path])
    assert {p for p, (s, _e) in got.items() if s == "parsed"} == {"r000.txt", "r001.txt", "r002.txt"}


def test_time_limit_per_file(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(CORPUS / "huaian-city-2024.pdf", root / "slow.pdf")
    shutil.copy(SEEDS / "003_425035603a0bba90.txt", root / "fast.txt")
    summary, db = run_ingest(root, max_seconds=0)
    got = dict(rows(db, "SELECT path, error FROM documents WHERE status = 'failed'"))
    assert got == {"slow.pdf": "time limit reached at page 1 of 6"}
    assert summary.statuses["parsed"] == 1


# --- scheduling, artifact, progress -------------------------------------------------------------------------
def test_nightly_deployment_schedule():
    from flows.schedule import nightly_deployment

    deployment = nightly_deployment("/srv/reports", "/srv/warehouse.duckdb")
    [schedule] = deployment.schedules
    assert schedule.schedule.cron == "0 2 * * *"
    assert schedule.schedule.timezone == "Asia/Shanghai"
    assert deployment.name == "nightly" and deployment.flow_name == "ogi-ingest"
    assert deployment.parameters == {
        "root": "/srv/reports",
        "db": "/srv/warehouse.duckdb",
        "wait": True,
    }
    assert deployment.concurrency_limit == 1
    other = nightly_deployment("/a", "/b", cron="30 3 * * 1-5", timezone="UTC", workers=4)
    assert other.schedules[0].schedule.cron == "30 3 * * 1-5"


def test_each_run_leaves_an_artifact_and_reports_progress(run_ingest, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 5)
    (root / "junk.txt").write_bytes(b"\x00\x01")
    calls = []
    token = progress.listener.set(lambda done, total: calls.append((done, total)))
    try:
        run_ingest(root, batch_size=2)
    finally:
        progress.listener.reset(token)
    assert calls == [(0, 6), (2, 6), (4, 6), (6, 6)]  # after each written batch

    from prefect.artifacts import Artifact

    latest = Artifact.get("ogi-ingest-summary")  # the latest artifact under that key
    assert "| 6 | 5 | 0 | 1 | 0 | 0 | 0 | 0 |" in latest.data
    assert "junk.txt" in latest.data
