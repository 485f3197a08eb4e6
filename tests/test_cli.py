"""The `ogi` command line: ingest prints a summary, query prints readable results."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def test_ingest_then_query(prefect_harness, tmp_path):
    root = tmp_path / "reports"
    shutil.copytree(SEEDS, root)
    (root / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "files seen 6: parsed 5" in result.output
    assert "failed 1" in result.output
    assert "2021: 1, 2022: 2, 2023: 2" in result.output
    assert "broken.txt" in result.output and "binary" in result.output
    assert "0 errors" in result.output

    result = runner.invoke(
        app, ["query", "SELECT agency, value FROM cells WHERE value > 0", "--db", str(db), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"agency": "雷鸣镇", "value": 295.0}]

    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM reports", "--db", str(db)])
    assert result.exit_code == 0 and "n" in result.output and "5" in result.output


def test_query_reports_sql_errors_and_missing_warehouse(tmp_path):
    result = runner.invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "ogi ingest" in result.output
    db = tmp_path / "w.duckdb"
    import duckdb

    duckdb.connect(str(db)).close()
    result = runner.invoke(app, ["query", "SELECT * FROM nowhere", "--db", str(db)])
    assert result.exit_code == 1 and "nowhere" in result.output


def test_the_process_ends_with_the_command_status_and_all_output(tmp_path):
    """`ogi` skips the interpreter's teardown at exit: the status and every line printed survive it."""
    import subprocess
    import sys

    import duckdb

    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE t AS SELECT range AS n FROM range(5000)")

    def ogi(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, timeout=120)

    done = ogi("query", "SELECT n FROM t ORDER BY n", "--db", str(db), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["n", *map(str, range(5000))]
    assert ogi("query", "SELECT nope FROM t", "--db", str(db)).returncode == 1
    assert ogi("query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")).returncode == 2
    assert ogi("no-such-command").returncode == 2
