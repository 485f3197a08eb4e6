"""ogi's local Prefect server: a server that cannot start ends the command in one line (exit 4)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, SEEDS


def test_a_server_that_cannot_start_ends_the_command_in_one_line(tmp_path):
    home = tmp_path / "ogi-server"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {
        "OGI_SERVER_HOME": str(home),
        "OGI_SERVER_PORT": "0",
        "PREFECT_HOME": str(tmp_path / "client-home"),
        # the server's database cannot be created: it exits while starting
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{tmp_path}/no/such/folder/prefect.db",
    }
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", str(SEEDS), "--db", str(tmp_path / "w.duckdb")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 4
    [line] = done.stdout.splitlines()
    assert line.startswith("ogi's local Prefect server exited while starting (") and "error" in line.lower()
    assert line.endswith(f"; see {home / 'server.log'}, or set PREFECT_API_URL to a running Prefect server")
    [said] = done.stderr.splitlines()
    assert said.startswith("starting ogi's local Prefect server at http://127.0.0.1:")
