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


def _small_db(tmp_path):
    import duckdb

    db = tmp_path / "q.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            "CREATE TABLE t AS SELECT 3119.0::DOUBLE AS n, 0.0 / 0.0 AS nan_rate, 1.0 / 0.0 AS inf, "
            "12.5::DOUBLE AS money, 12.5 AS literal"
        )
    return db


def test_query_json_is_always_valid_and_counts_are_whole(tmp_path):
    db = _small_db(tmp_path)
    result = runner.invoke(app, ["query", "SELECT * FROM t", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == '[{"n": 3119, "nan_rate": null, "inf": null, "money": 12.5, "literal": 12.5}]'
    result = runner.invoke(app, ["query", "SELECT n, money FROM t", "--db", str(db), "--format", "csv"])
    assert result.stdout.splitlines() == ["n,money", "3119,12.5"]
    result = runner.invoke(app, ["query", "SELECT n FROM t", "--db", str(db)])
    assert "3119" in result.stdout and "3119.0" not in result.stdout


def test_query_from_stdin_a_file_and_several_statements(tmp_path):
    db = _small_db(tmp_path)
    result = runner.invoke(app, ["query", "-", "--db", str(db), "--format", "csv"], input="SELECT n FROM t;")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "3119"]
    sql = tmp_path / "q.sql"
    sql.write_text("-- two questions\nSELECT n FROM t;\nSELECT 'x' AS s;\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(sql), "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "3119", "", "s", "x"]
    result = runner.invoke(app, ["query", "SELECT 1 AS a; SELECT 2 AS b", "--db", str(db), "--format", "json"])
    assert [json.loads(line) for line in result.stdout.splitlines()] == [[{"a": 1}], [{"b": 2}]]


def test_empty_sql_and_a_file_that_is_not_a_warehouse_get_one_line(tmp_path):
    db = _small_db(tmp_path)
    for args in (["query", "  -- nothing\n", "--db", str(db)], ["query", "--db", str(db)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and result.output.strip() == (
            "no SQL given: pass it as an argument, `-` to read stdin, or --file FILE"
        )
    junk = tmp_path / "notes.duckdb"
    junk.write_text("not a database " * 20, encoding="utf-8")
    for args in (
        ["query", "SELECT 1"],
        ["export", str(tmp_path / "out")],
        ["report", str(tmp_path / "r.html")],
        ["ingest", str(tmp_path)],
    ):
        result = runner.invoke(app, [*args, "--db", str(junk)])
        assert result.exit_code == 5, (args, result.output)  # a storage failure: the file is not a warehouse
        assert result.output.strip() == (
            f"{junk} is not a DuckDB warehouse: give the file `ogi ingest --db` wrote, "
            "or move it aside and ingest again"
        )


def test_version_verbose_after_the_command_and_help_examples():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith(f"ogi {version('ogi')} (parser ")
    result = runner.invoke(app, ["query", "--verbose", "--help"])
    assert result.exit_code == 0
    for command in ("ingest", "serve", "query", "export", "report"):
        lines = runner.invoke(app, [command, "--help"], terminal_width=200).stdout.rstrip().splitlines()
        examples = lines[lines.index("  Example:") + 2 :]
        assert examples and all(line.strip().startswith(("ogi ", "echo ")) for line in examples), command


def test_hoisting_the_global_flags():
    from flows.cli import hoist_global_flags

    assert hoist_global_flags(["ingest", "d", "--verbose"]) == ["--verbose", "ingest", "d"]
    assert hoist_global_flags(["query", "--", "-v"]) == ["query", "--", "-v"]


def test_ingest_one_file_leaves_the_folder_alone(prefect_harness, tmp_path):
    root = tmp_path / "reports"
    shutil.copytree(SEEDS, root)
    db = tmp_path / "w.duckdb"
    one = sorted(root.glob("*.txt"))[0]
    result = runner.invoke(app, ["ingest", str(one), "--db", str(db), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "files seen 1: parsed 1" in result.output
    from tests.helpers import rows

    assert rows(db, "SELECT root, path, status FROM documents") == [(str(root.resolve()), one.name, "parsed")]
    result = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert "unchanged 1" in result.output and "removed 0" in result.output
    result = runner.invoke(app, ["ingest", str(one), "--db", str(db)])
    assert "files seen 1" in result.output and "removed 0" in result.output
    assert rows(db, "SELECT count(*) FROM documents WHERE status = 'removed'") == [(0,)]
