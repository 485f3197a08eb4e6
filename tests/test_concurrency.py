"""Who may use the warehouse while an ingest runs: a second ingest is turned away at once (before Prefect
is even imported), `ogi query` answers between the writer's commits, and the writer waits for another
program holding the file (a notebook), saying so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from load.lock import WarehouseBusy, writer_lock
from load.warehouse import wait_until_free
from tests.conftest import ROOT, SEEDS
from tests.reportgen import numbered, sample_report, to_txt_bytes

runner = CliRunner()
TIMEOUT = 300.0


def corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sample = sample_report(f"并发{numbered(i)}县人民政府", 2020 + i % 4, seed=500 + i)
        (root / f"r{i:03d}.txt").write_bytes(to_txt_bytes(sample, ("tab", "cell_per_line", "pipe")[i % 3]))
    return root


def ogi_env(tmp_path: Path, api_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"OGI_SERVER_HOME": str(tmp_path / "ogi-server"), "PREFECT_HOME": str(tmp_path / "client-home")}
    return env | ({"PREFECT_API_URL": api_url} if api_url else {})


def ogi(args: list[str], env: dict[str, str], out: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *kwargs.pop("python_flags", []), "-m", "flows.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=out.open("w"),
        stderr=subprocess.STDOUT,
        **kwargs,
    )


def harness_api() -> str:
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def test_a_second_ingest_exits_3_at_once_without_starting_prefect(tmp_path):
    db = tmp_path / "w.duckdb"
    out = tmp_path / "out.txt"
    with writer_lock(db):
        # no API configured and no ogi server: had it got as far as Prefect, it would start one
        second = ogi(
            ["ingest", str(SEEDS), "--db", str(db)], ogi_env(tmp_path, None), out, python_flags=["-X", "importtime"]
        )
        assert second.wait(TIMEOUT) == 3
    lines = out.read_text().splitlines()
    assert [ln for ln in lines if not ln.startswith("import time:")] == [
        f"another ingest (pid {os.getpid()}) is writing {db}; try again later or pass --wait"
    ]
    assert not any(ln.split("|")[-1].strip().startswith("prefect") for ln in lines if ln.startswith("import time:"))
    assert not (tmp_path / "ogi-server" / "server.json").exists()


def test_query_answers_while_an_ingest_writes(prefect_harness, tmp_path):
    root = corpus(tmp_path / "in", 120)
    db = tmp_path / "w.duckdb"
    out = tmp_path / "ingest.txt"
    ingest = ogi(["ingest", str(root), "--db", str(db), "--batch-size", "2"], ogi_env(tmp_path, harness_api()), out)
    answered_during_run, waits = [], []
    deadline = time.monotonic() + TIMEOUT
    try:
        while ingest.poll() is None and time.monotonic() < deadline:
            if not db.exists():
                time.sleep(0.05)
                continue
            start = time.monotonic()
            result = runner.invoke(app, ["query", "SELECT count(*) FROM documents", "--db", str(db), "--format", "csv"])
            waits.append(time.monotonic() - start)
            if ingest.poll() is None:  # the ingest was still running when the answer came
                assert result.exit_code == 0, result.output
                answered_during_run.append(int(result.output.splitlines()[1]))
            time.sleep(0.05)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.wait() == 0, out.read_text()
    print(f"{len(waits)} queries during the run; longest {max(waits):.2f} s")
    mid_run = [n for n in answered_during_run if 0 < n < 120]
    assert mid_run, answered_during_run  # some answers came while the writer was half way
    assert answered_during_run == sorted(answered_during_run)
    assert all(n % 2 == 0 for n in answered_during_run)  # committed batches only, never half of one
    assert "files seen 120: parsed 120" in out.read_text()


def test_the_writer_waits_for_a_reader_holding_the_file(prefect_harness, tmp_path):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    notebook = duckdb.connect(str(db), read_only=True)  # a notebook left open, outside ogi's protocol
    out = tmp_path / "ingest.txt"
    ingest = ogi(["ingest", str(SEEDS), "--db", str(db), "--wait"], ogi_env(tmp_path, harness_api()), out)
    try:
        deadline = time.monotonic() + TIMEOUT
        while "waiting for" not in out.read_text() and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ingest.poll() is None, out.read_text()
    finally:
        notebook.close()
    assert ingest.wait(TIMEOUT) == 0, out.read_text()
    text = out.read_text()
    waiting = [ln for ln in text.splitlines() if "waiting for" in ln]
    assert len(waiting) == 1 and f"PID {os.getpid()}" in waiting[0] and "reading" in waiting[0], text
    assert "Traceback" not in text and "files seen 5: parsed 5" in text


def test_without_wait_a_held_file_ends_in_one_line(tmp_path):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('open', flush=True); time.sleep(600)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "open\n"
        said: list[str] = []
        with pytest.raises(WarehouseBusy) as busy:
            wait_until_free(db, 0.5, said.append)
    finally:
        holder.kill()
        holder.wait()
    assert len(said) == 1 and f"PID {holder.pid}" in said[0] and "writing" in said[0]
    message = str(busy.value)
    assert message.startswith(f"{db} is held by PID {holder.pid} (")
    assert message.endswith("), writing; close it there and try again (ogi ingest --wait waits for it)")
    wait_until_free(db, 0.5)  # free again once the holder is gone


def marked(marker: str) -> list[int]:
    """Live processes whose environment carries `marker` (the test's ogi and everything it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_a_killed_ingest_leaves_only_ogis_server(tmp_path, monkeypatch):
    """kill -9 in the middle of a run without PREFECT_API_URL: of everything it started, only ogi's
    background server lives on (on purpose, for the next command); `ogi server stop` ends that too."""
    from flows import server

    root = corpus(tmp_path / "in", 60)
    db = tmp_path / "w.duckdb"
    marker = f"OGI_TEST_RUN={os.getpid()}-{time.monotonic_ns()}"
    env = ogi_env(tmp_path, None) | {"OGI_TEST_RUN": marker.split("=", 1)[1], "OGI_SERVER_PORT": "0"}
    monkeypatch.setenv("OGI_SERVER_HOME", env["OGI_SERVER_HOME"])
    ingest = ogi(["ingest", str(root), "--db", str(db), "--batch-size", "2"], env, tmp_path / "ingest.txt")
    try:
        deadline = time.monotonic() + TIMEOUT
        loaded = 0
        while loaded == 0 and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            if db.exists():
                query = ["query", "SELECT count(*) FROM documents", "--db", str(db), "--format", "csv"]
                counted = runner.invoke(app, query)
                loaded = int(counted.output.splitlines()[1]) if counted.exit_code == 0 else 0
        assert ingest.poll() is None and 0 < loaded < 60, (tmp_path / "ingest.txt").read_text()
        ingest.kill()
        ingest.wait()
        running = server.running()
        assert running is not None
        deadline = time.monotonic() + 30
        while set(marked(marker)) != {running.pid} and time.monotonic() < deadline:
            time.sleep(0.2)  # children notice their parent is gone
        assert marked(marker) == [running.pid]
        assert server.stop() == running
        assert marked(marker) == []
    finally:
        if ingest.poll() is None:
            ingest.kill()
        server.stop()  # whatever happened above, leave no server behind
