"""The five real seed reports, through the real Prefect flow into a real DuckDB file."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SEEDS
from tests.helpers import cell_map, rows
from transform import vocabulary as v

EXPECTED = {  # file → (agency, agency_raw, year)
    "000_6f311c5d1f505ec3.txt": ("肖寨门镇", "肖寨门镇", 2022),
    "001_3a1cadb5854a4598.txt": ("获嘉县城关镇", "获嘉县城关镇人民政府", 2021),
    "002_db398b86512a2bb8.txt": ("滕州市柴胡店镇", "滕州市柴胡店镇", 2022),
    "003_425035603a0bba90.txt": ("雷鸣镇", "雷鸣镇人民政府", 2023),
    "004_a2122541da2e1a50.txt": ("延津县司寨乡", "延津县司寨乡", 2023),
}


def all_v2021_keys() -> set[tuple[str, str, str]]:
    keys = {("active", row, col) for row, cols in v.ACTIVE_DEFAULT_COLS["v2021"].items() for col in cols}
    keys |= {("requests", row, col) for row in v.REQUEST_ROWS_BY_FORMAT["v2021"] for col in v.REQUEST_COLS}
    keys |= {("review_litigation", row, col) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS}
    return keys


@pytest.fixture
def seeds_db(run_ingest):
    summary, db = run_ingest(SEEDS)
    return summary, db


def test_every_seed_loads_with_the_printed_values(seeds_db):
    summary, db = seeds_db
    assert summary.files_seen == 5
    assert summary.statuses["parsed"] == 5
    assert len(all_v2021_keys()) == 200
    docs = dict(rows(db, "SELECT path, doc_id FROM documents WHERE status = 'parsed'"))
    assert set(docs) == set(EXPECTED)
    for path, doc_id in docs.items():
        cells = cell_map(db, doc_id)
        assert set(cells) == all_v2021_keys(), path
        for key, value in cells.items():
            expected = 295.0 if (path.startswith("003") and key == ("active", "licensing", "decisions")) else 0.0
            assert value == expected, (path, key, value)


def test_agency_year_format_and_sections(seeds_db):
    _summary, db = seeds_db
    got = {
        path: (agency, raw, year, fmt)
        for path, agency, raw, year, fmt in rows(
            db,
            "SELECT d.path, r.agency, r.agency_raw, r.year, r.format_version "
            "FROM reports r JOIN documents d ON d.doc_id = r.report_id",
        )
    }
    assert got == {path: (*meta, "v2021") for path, meta in EXPECTED.items()}
    sections = rows(db, "SELECT report_id, list(section_code ORDER BY section_no) FROM sections GROUP BY 1")
    assert len(sections) == 5
    for _rid, codes in sections:
        assert codes == [s.code for s in v.SECTIONS]
    texts = dict(
        rows(
            db,
            "SELECT r.agency, s.text FROM sections s JOIN reports r ON r.report_id = s.report_id "
            "WHERE s.section_code = 'other_matters'",
        )
    )
    assert texts["延津县司寨乡"] == "2023年度本单位未收到依申请公开事项，未产生政府信息公开信息处理费用。"
    assert "行政复议" not in texts["雷鸣镇"]  # section texts stop at the next heading


def test_no_error_checks_on_consistent_reports(seeds_db):
    summary, db = seeds_db
    assert sum(n for (_origin, severity), n in summary.new_checks.items() if severity == "error") == 0
    assert rows(db, "SELECT count(*) FROM checks WHERE severity = 'error'") == [(0,)]


def test_reingest_replaces_rather_than_duplicates(run_ingest):
    _s, db = run_ingest(SEEDS)
    first = rows(
        db,
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM reports), "
        "(SELECT count(*) FROM cells), (SELECT count(*) FROM sections), (SELECT count(*) FROM checks)",
    )
    _s, db = run_ingest(SEEDS)
    second = rows(
        db,
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM reports), "
        "(SELECT count(*) FROM cells), (SELECT count(*) FROM sections), (SELECT count(*) FROM checks)",
    )
    # the only checks: two seeds print a bare township (肖寨门镇, 雷鸣镇) and no county: short_agency
    assert first == second == [(5, 5, 1000, 30, 2)]


def test_junk_among_good_files_is_recorded_and_the_rest_loads(run_ingest, tmp_path):
    root = tmp_path / "in"
    shutil.copytree(SEEDS, root)
    (root / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.txt").write_text("会议纪要\n\n今天讨论了工作安排。\n", encoding="utf-8")
    (root / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    summary, db = run_ingest(root)
    assert summary.files_seen == 9
    assert summary.statuses["parsed"] == 5
    status = {p: (s, e) for p, s, e in rows(db, "SELECT path, status, error FROM documents")}
    assert status["junk.txt"][0] == "failed" and "binary" in status["junk.txt"][1]
    assert status["empty.txt"] == ("failed", "empty file")
    assert status["notes.txt"][0] == "not_a_report" and "no disclosure tables" in status["notes.txt"][1]
    assert status["scan.jpg"] == ("failed", "unsupported file format: .jpg")
    assert rows(db, "SELECT count(*) FROM reports") == [(5,)]
    assert sorted(p for p, _s, _r in summary.failures) == ["empty.txt", "junk.txt", "notes.txt", "scan.jpg"]


def test_identical_bytes_at_two_paths_are_one_report(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    seed = SEEDS / "003_425035603a0bba90.txt"
    shutil.copy(seed, root / "a.txt")
    shutil.copy(seed, root / "b.txt")
    summary, db = run_ingest(root)
    assert dict(rows(db, "SELECT path, status FROM documents")) == {"a.txt": "parsed", "b.txt": "duplicate"}
    assert rows(db, "SELECT count(*) FROM cells") == [(200,)]
    assert summary.statuses["duplicate"] == 1
