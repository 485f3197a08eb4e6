"""The crawl stays inside its root (flows/files.py crawl): symbolic links leading outside are recorded
`skipped` with where they lead and not read, unless `ogi ingest --follow-links`; links inside are read."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from flows.cli import app
from tests.helpers import rows
from tests.reportgen import sample_report, to_txt_bytes

runner = CliRunner()


def test_links_leading_outside_the_root_are_skipped_unless_followed(prefect_harness, tmp_path):
    root, outside = tmp_path / "in", tmp_path / "elsewhere"
    root.mkdir()
    (outside / "sub").mkdir(parents=True)
    (root / "own.txt").write_bytes(to_txt_bytes(sample_report("链内县人民政府", 2023, seed=61)))
    (outside / "sub" / "other.txt").write_bytes(to_txt_bytes(sample_report("链外县人民政府", 2023, seed=62)))
    (tmp_path / "lone").mkdir()
    (tmp_path / "lone" / "single.txt").write_bytes(to_txt_bytes(sample_report("单链县人民政府", 2023, seed=63)))
    (root / "folder-link").symlink_to(outside, target_is_directory=True)
    (root / "report-link.txt").symlink_to(tmp_path / "lone" / "single.txt")
    (root / "z-alias.txt").symlink_to(root / "own.txt")  # inside: read as today
    db = tmp_path / "w.duckdb"

    result = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    assert result.exit_code == 0, result.output
    where, lone = os.path.realpath(outside), os.path.realpath(tmp_path / "lone" / "single.txt")
    assert rows(db, "SELECT path, status, error FROM documents ORDER BY path") == [
        (
            "folder-link",
            "skipped",
            f"symbolic link to {where}, outside the crawled folder: not read (--follow-links)",
        ),
        ("own.txt", "parsed", None),
        (
            "report-link.txt",
            "skipped",
            f"symbolic link to {lone}, outside the crawled folder: not read (--follow-links)",
        ),
        ("z-alias.txt", "duplicate", "same bytes as own.txt"),
    ]
    assert rows(db, "SELECT agency FROM reports") == [("链内县",)]
    assert "skipped folder-link: symbolic link to" in result.output

    result = runner.invoke(app, ["ingest", str(root), "--db", str(db), "--follow-links"])
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT path, status FROM documents ORDER BY path") == [
        ("folder-link", "removed"),  # the link itself is no longer a file of the crawl: its folder's are
        ("folder-link/sub/other.txt", "parsed"),
        ("own.txt", "parsed"),
        ("report-link.txt", "parsed"),
        ("z-alias.txt", "duplicate"),
    ]
    assert rows(db, "SELECT agency FROM reports ORDER BY agency") == [("单链县",), ("链内县",), ("链外县",)]
    assert rows(db, "SELECT status, holds_report, unread FROM document_statuses WHERE status = 'skipped'") == [
        ("skipped", False, True)  # named with the unread files, on every run, until followed
    ]
