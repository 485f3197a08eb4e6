"""Storage failures end the run non-zero with one line saying what to do: a full disk, a read-only
warehouse folder, a damaged warehouse file. Real ones: a small tmpfs (needs root and mount)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.test_nightly import make_corpus

runner = CliRunner()


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)]).returncode
    ):
        pytest.skip("needs root and mount for a small file system")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def _ingest(root: Path, db: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    return result.exit_code, result.output.strip().splitlines()


def test_disk_full(prefect_harness, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 60)
    with tmpfs(tmp_path / "small", "2m") as disk:
        code, lines = _ingest(root, disk / "w.duckdb")
    assert code == 5
    assert lines == [
        f"disk full writing {disk}/w.duckdb: the batch being written was not kept; free space on {disk} and run "
        "ogi ingest again"
    ]


def test_read_only_folder_and_damaged_file(prefect_harness, tmp_path):
    root = tmp_path / "in"
    make_corpus(root, 6)
    with tmpfs(tmp_path / "disk", "20m") as disk:
        db = disk / "w.duckdb"
        assert _ingest(root, db)[0] == 0
        assert not Path(f"{db}.wal").exists()  # a checkpoint ends the run
        damaged = tmp_path / "damaged.duckdb"
        damaged.write_bytes(db.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, lines = _ingest(root, db)
        assert code == 5
        assert lines == [
            f"cannot write {db}: {disk} is read-only or not writable by this user; make it writable or pass --db"
        ]
    size = damaged.stat().st_size
    with open(damaged, "r+b") as f:  # a scribble over the middle of the file, past the three headers
        f.seek(size // 4)
        f.write(b"\xde\xad\xbe\xef" * (size // 8))
    code, lines = _ingest(root, damaged)
    assert code == 5
    assert lines == [
        f"{damaged} is damaged (checksum mismatch): restore it from a backup, or move it aside and ingest again "
        "to rebuild it"
    ]
