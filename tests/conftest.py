"""Shared fixtures: a real Prefect test harness (temporary API + database) and the shared corpus."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# An `ogi` command run by a test without PREFECT_API_URL starts ogi's local server (flows/server.py): in a
# folder of the test session's own, never the user's, and stopped when the session ends (below).
os.environ["OGI_SERVER_HOME"] = tempfile.mkdtemp(prefix="ogi-test-server-")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _no_server_outlives_the_tests():
    """Stop the session's local ogi server, if a test's command started one, and remove its folder."""
    yield
    from flows.server import stop

    stop()
    shutil.rmtree(os.environ["OGI_SERVER_HOME"], ignore_errors=True)


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture
def run_ingest(prefect_harness, tmp_path):
    """Run the real ingestion flow; returns (summary, warehouse path)."""
    from flows.ingest import ingest

    db = tmp_path / "warehouse.duckdb"

    def run(root: Path, **kwargs):
        return ingest(root=str(root), db=str(db), **kwargs), db

    return run
