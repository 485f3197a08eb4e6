"""The nightly schedule fires: against a real `prefect server start`, and with `ogi serve` alone (no
PREFECT_API_URL: ogi's own local server), the server's scheduler creates a run, the served deployment
runs it to completion, the warehouse holds the reports, and `ogi serve` prints one line for the run.

Prefect 3.8.8's scheduler fails every cycle on SQLAlchemy 2.1 ("Can't evaluate bulk DML statement"):
no run is ever created, and these tests fail (checked with 2.1.9)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flows import server
from tests.conftest import ROOT, SEEDS
from tests.helpers import rows

# The scheduler looks for due schedules every second and the runner for due runs every second (60 and
# 10 by default); the deployment runs every 5 s. Timeouts are generous: a slow machine is not a failure.
FAST = {"PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "1", "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
TIMEOUT = 420.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test's environment without a Prefect API, with its own Prefect and ogi server homes."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= FAST | {
        "PREFECT_HOME": str(tmp_path / "client-home"),
        "OGI_SERVER_HOME": str(tmp_path / "ogi-server"),
        "OGI_SERVER_PORT": str(free_port()),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    return env | extra


def post(api_url: str, path: str, body: dict) -> list[dict]:
    request = urllib.request.Request(
        f"{api_url}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wait_until(check, what: str, watched: list[tuple[subprocess.Popen, Path]]):
    """Poll `check()` until it returns something; fail early, with its output, if a process died."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if (found := check()) is not None:
            return found
        for process, log in watched:
            assert process.poll() is None, f"{process.args} exited while waiting for {what}:\n{log.read_text()[-3000:]}"
        time.sleep(1)
    raise AssertionError(
        f"no {what} within {TIMEOUT:.0f} s:\n" + "\n".join(log.read_text()[-3000:] for _, log in watched)
    )


def scheduled_run_completed(api_url: str) -> dict | None:
    """A flow run of ogi-ingest/nightly that the scheduler created and that completed, if any."""
    try:
        deployments = post(api_url, "/deployments/filter", {"deployments": {"name": {"any_": ["nightly"]}}})
        if not deployments:
            return None
        runs = post(api_url, "/flow_runs/filter", {"deployments": {"id": {"any_": [deployments[0]["id"]]}}})
    except OSError:
        return None
    return next((r for r in runs if r["auto_scheduled"] and r["state_type"] == "COMPLETED"), None)


def serve(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen, Path, Path]:
    root = tmp_path / "reports"
    shutil.copytree(SEEDS, root)
    db = tmp_path / "w.duckdb"
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", str(root), "--db", str(db), "--interval", "5"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, log, db


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def assert_ran(db: Path, log: Path, run: dict) -> None:
    assert run["state_name"] == "Completed"
    assert rows(db, "SELECT count(*) FROM reports") == [(5,)]
    lines = [ln for ln in log.read_text().splitlines() if "ogi-ingest/" in ln and "files seen" in ln]
    assert lines and "files seen 5: parsed 5" in lines[0] and "open in the warehouse" in lines[0], log.read_text()


def test_schedule_fires_against_prefect_server_start(tmp_path):
    env = environment(tmp_path)
    port = free_port()
    server_log = tmp_path / "server.log"
    prefect_server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env | {"PREFECT_HOME": str(tmp_path / "server-home")},
        stdout=server_log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: True if server.healthy(url) else None, "server", [(prefect_server, server_log)])
        served, log, db = serve(tmp_path, env | {"PREFECT_API_URL": f"{url}/api"})
        try:
            watched = [(prefect_server, server_log), (served, log)]
            run = wait_until(lambda: scheduled_run_completed(f"{url}/api"), "completed scheduled run", watched)
        finally:
            stop(served)
        assert_ran(db, log, run)
    finally:
        stop(prefect_server)
    assert "Can't evaluate bulk DML" not in server_log.read_text()


def test_ogi_serve_without_an_api_uses_its_local_server(tmp_path, monkeypatch):
    env = environment(tmp_path)
    monkeypatch.setenv("OGI_SERVER_HOME", env["OGI_SERVER_HOME"])
    try:
        served, log, db = serve(tmp_path, env)
        try:

            def completed() -> dict | None:
                running = server.running()
                return scheduled_run_completed(running.api_url) if running else None

            run = wait_until(completed, "completed scheduled run on ogi's server", [(served, log)])
            started = server.running()
        finally:
            stop(served)
        assert_ran(db, log, run)
        # the server outlives `ogi serve` (on purpose) until `ogi server stop`
        assert started is not None and server.running() == started
        done = subprocess.run(
            [sys.executable, "-m", "flows.cli", "server", "stop"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0 and f"stopped pid {started.pid}" in done.stdout
        assert server.running() is None and not server.is_server(started.pid)
    finally:
        server.stop()  # whatever happened above, leave no server behind
