"""Parallel extraction on Dask (a local cluster, or an existing one by address) gives the same warehouse."""

from __future__ import annotations

import shutil
import threading

import pytest
from prefect import flow, task

from flows.ingest import ingest
from flows.runners import task_runner
from tests.conftest import CORPUS
from tests.docgen import to_docx, to_html
from tests.reportgen import numbered, sample_report, to_txt_bytes
from tests.test_nightly import snapshot


@pytest.fixture
def mixed(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for i in range(12):
        sample = sample_report(f"并行{numbered(i, 2)}县人民政府", 2021 + i % 3, seed=300 + i)
        (root / f"r{i:02d}.txt").write_bytes(to_txt_bytes(sample))
    (root / "a.docx").write_bytes(to_docx(sample_report("并行市人民政府", 2022, seed=400)))
    (root / "b.html").write_bytes(to_html(sample_report("并行区人民政府", 2023, seed=401), "gbk"))
    shutil.copy(CORPUS / "huaian-city-2024.pdf", root / "c.pdf")
    (root / "junk.txt").write_bytes(b"\x00junk")
    return root


@pytest.fixture
def api_env(prefect_harness, monkeypatch):
    """Dask worker processes reach the harness's API through the environment, as `ogi` arranges."""
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())


def test_two_local_workers_give_the_same_warehouse(mixed, tmp_path, api_env):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest(root=str(mixed), db=str(one), batch_size=3)
    summary = ingest.with_options(task_runner=task_runner(workers=2))(root=str(mixed), db=str(two), batch_size=3)
    assert summary.statuses["parsed"] == 15 and summary.statuses["failed"] == 1
    assert snapshot(two) == snapshot(one)


def test_existing_dask_cluster_by_address(mixed, tmp_path, api_env):
    from distributed import LocalCluster

    ref, db = tmp_path / "ref.duckdb", tmp_path / "dask.duckdb"
    ingest(root=str(mixed), db=str(ref), batch_size=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        runner = task_runner(dask_address=cluster.scheduler_address)
        summary = ingest.with_options(task_runner=runner)(root=str(mixed), db=str(db), batch_size=4)
        assert summary.statuses["parsed"] == 15
        assert cluster.scheduler_address.startswith("tcp://")
    assert snapshot(db) == snapshot(ref)


def test_batches_are_sized_for_the_runner():
    from flows.files import FileInfo
    from flows.ingest import batch_limits, batches

    work = [(FileInfo(f"r{i:03d}.txt", 10_000), None) for i in range(100)]
    assert batch_limits(work, 1, None, None) == (20, 512 * 1024)  # threads: small batches are cheap
    assert batch_limits(work, 2, None, None) == (13, 125_000)  # Dask: large, yet 4 per worker
    assert batch_limits(work, 2, 5, None) == (5, 125_000)  # a given size is a cap
    plan = batches(work, *batch_limits(work, 2, None, None))
    assert len(plan) == 9 and [len(b) for b in plan][:8] == [12] * 8  # cut by bytes before count
    assert [info.path for b in plan for info, _ in b] == [info.path for info, _ in work]  # path order kept


def test_parse_slots_counts_the_dask_workers(api_env):
    from prefect import flow

    from flows.runners import parse_slots

    @flow
    def slots() -> int:
        return parse_slots()

    assert slots() == 1  # threads in this process
    assert slots.with_options(task_runner=task_runner(workers=2))() == 2


RELEASED = threading.Event()  # set by the last item of the test below, awaited by the first


@task
def wait_or_release(item: int) -> tuple[int, bool]:
    """Item 0 waits for the last item to run (False if it never does); the last one releases it."""
    if item == 0:
        return item, RELEASED.wait(timeout=30)
    if item == 5:
        RELEASED.set()
    return item, True


def test_a_long_head_batch_does_not_stall_the_others(prefect_harness):
    """The writer takes results in order, yet later items keep being submitted while the first runs:
    here the first can only finish once the last has run."""
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.ingest import in_order

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=3))
    def run() -> list[tuple[int, bool]]:
        return list(in_order(wait_or_release.submit, range(6), running=3, held=6))

    RELEASED.clear()
    assert run() == [(i, True) for i in range(6)]  # with held=3 item 0 gets False after 30 s (checked)


def test_two_worker_command_keeps_stderr_clean(mixed, tmp_path, api_env):
    """`ogi ingest --workers 2` prints no Dask chatter unless --verbose, and its worker processes
    (which freeze their heap while parsing) shut down without DuckDB's leaked-instance reports."""
    import subprocess
    import sys

    db = tmp_path / "w.duckdb"
    cmd = [sys.executable, "-m", "flows.cli", "ingest", str(mixed), "--db", str(db), "--workers", "2"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)  # PREFECT_API_URL from api_env
    assert done.returncode == 0, done.stderr[-2000:]
    assert "parsed 15" in done.stdout
    assert "distributed." not in done.stderr and "leaked" not in done.stderr, done.stderr[-2000:]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    """A real Dask cluster as a user runs one: `dask scheduler` and two `dask worker` processes (one
    thread each) on 127.0.0.1, started from this venv's command line tools; its address, once both
    workers have joined. Every process is stopped at the end."""
    import subprocess
    import sys
    from pathlib import Path

    from distributed import Client

    bin_dir = Path(sys.executable).parent
    address = f"tcp://127.0.0.1:{free_port()}"
    log = (tmp_path / "dask.log").open("w")
    common = {"stdout": log, "stderr": subprocess.STDOUT, "cwd": tmp_path}
    scheduler = subprocess.Popen(
        [bin_dir / "dask", "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
        **common,
    )
    workers = [
        subprocess.Popen(
            [bin_dir / "dask", "worker", address, "--nthreads", "1", "--no-dashboard", "--name", f"w{i}"], **common
        )
        for i in range(2)
    ]
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in (*workers, scheduler):
            proc.terminate()
        for proc in (*workers, scheduler):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def test_ogi_ingest_on_a_real_dask_cluster(mixed, tmp_path, api_env, dask_cluster):
    """`ogi ingest --dask-address` against `dask scheduler` + two `dask worker` processes gives the
    warehouse a local run gives, and the parse tasks really ran on both workers."""
    import subprocess
    import sys

    from distributed import Client

    ref, db = tmp_path / "ref.duckdb", tmp_path / "dask.duckdb"
    ingest(root=str(mixed), db=str(ref), batch_size=2)
    cmd = [sys.executable, "-m", "flows.cli", "ingest", str(mixed), "--db", str(db), "--dask-address", dask_cluster]
    done = subprocess.run([*cmd, "--batch-size", "2"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "parsed 15" in done.stdout and "failed 1" in done.stdout, done.stdout
    assert snapshot(db) == snapshot(ref)
    with Client(dask_cluster, timeout=60) as client:
        ran = client.run(lambda dask_worker: len(dask_worker.state.tasks) + dask_worker.state.executed_count)
    assert len(ran) == 2 and all(n > 0 for n in ran.values()), ran  # both workers parsed batches
