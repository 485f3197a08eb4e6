"""No child outlives an ingest: Ctrl-C stops a two-worker run at once with one line, and kill -9 of
the ingest takes its parse workers and Dask workers along (flows/lifeline.py)."""

from __future__ import annotations

import os
import signal
import time

import psutil

from tests.test_nightly import _harness_env, _ogi, make_corpus


def _started_run(tmp_path) -> tuple[object, list[psutil.Process]]:
    """An `ogi ingest --workers 2` in its own session, once both parse workers are up."""
    root = tmp_path / "in"
    make_corpus(root, 300)
    proc = _ogi("ingest", str(root), "--db", str(tmp_path / "w.duckdb"), "--workers", "2", env=_harness_env())
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        children = psutil.Process(proc.pid).children(recursive=True)
        if sum("flows.isolation" in " ".join(c.cmdline()) for c in children) >= 2:
            return proc, children
        time.sleep(0.2)
    raise AssertionError("the parse workers never started")


def _gone(children: list[psutil.Process]) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]:
            return True
        time.sleep(0.2)
    return False


def test_ctrl_c_stops_a_two_worker_run_with_one_line(prefect_harness, tmp_path):
    proc, children = _started_run(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does: the whole foreground process group
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    lines = err.decode().strip().splitlines()
    assert lines[-1] == "interrupted: nothing half-written is kept; the next ingest goes on from the last batch"
    assert "Traceback" not in err.decode() and "KeyboardInterrupt" not in err.decode()
    assert _gone(children)


def test_kill_9_leaves_no_worker_behind(prefect_harness, tmp_path):
    proc, children = _started_run(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)  # the ingest alone, not its process group
    proc.wait()
    assert _gone(children), [c.cmdline() for c in children if c.is_running()]


def _cmdline(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # gone, or a zombie
        return ""


def _look(pid: int, seen: dict[int, psutil.Process]) -> None:
    """Add the descendants `pid` has now to `seen`."""
    for child in psutil.Process(pid).children(recursive=True):
        seen.setdefault(child.pid, child)


def test_kill_9_at_any_moment_of_a_childs_start_up_leaves_no_child(prefect_harness, tmp_path):
    """The ingest is killed at moments from the first instant a child (a parse worker, then the region
    lookup) exists to when it is busy: no process it started is left, blocked or not."""
    root = tmp_path / "in"
    make_corpus(root, 2)

    def started(process: psutil.Process, which: str) -> bool:
        on = _cmdline(process)
        return "flows.isolation" in on if which == "worker" else bool(on) and "flows.isolation" not in on

    runs = [(which, delay) for which in ("worker", "regions") for delay in (0.0, 0.05, 0.2, 0.6)]
    for number, (which, delay) in enumerate(runs):
        proc = _ogi("ingest", str(root), "--db", str(tmp_path / f"w{number}.duckdb"), env=_harness_env())
        seen: dict[int, psutil.Process] = {}
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            _look(proc.pid, seen)
            if any(started(child, which) for child in seen.values()):
                break
        assert proc.poll() is None, f"the ingest ended before its {which} child was seen"
        until = time.monotonic() + delay
        while time.monotonic() < until:
            _look(proc.pid, seen)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _gone(list(seen.values())), (which, delay, [_cmdline(c) for c in seen.values() if c.is_running()])
