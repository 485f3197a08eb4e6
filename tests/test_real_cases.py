"""Real reports as they come (../shared/cases): every cell of the truth, the agency and the year, read
by the parser and, for all of them at once, by the real ingest flow into a real DuckDB file.

Cells that cannot be read from what the file prints are listed in UNREADABLE with the check that must
flag them instead; nothing may be stored for them.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from extract import extract_bytes
from flows.files import file_format
from tests.conftest import SHARED
from tests.helpers import cell_map, rows
from transform.report import parse_report

CASES = SHARED / "cases"
FILES = sorted(p for p in CASES.glob("*") if p.suffix != ".json" and p.name.startswith(("real-", "html-zero-width")))
# the cases known today; any real-* case added to ../shared/cases is read by the same tests
KNOWN = {
    "html-zero-width-space.html",
    "real-page-002.txt",
    "real-page-004.txt",
    "real-page-008.txt",
    "real-page-011.txt",
    "real-page-022.txt",
    "real-page-040.txt",
    "real-page-044.txt",
    "real-pingtan-2021.txt",
    "real-pingtan-2023.txt",
    "real-shanghai-office-2025.md",
    "real-shuyang-2025.txt",
}


def test_every_known_case_is_among_the_files_read():
    assert {p.name for p in FILES} >= KNOWN


# (table, row) or (table, row, col) that the file itself does not let anyone read for sure, and the check
# that says so.
UNREADABLE = {
    # 行政规范性文件693665: three numbers run together, no identity covers table 2, and the text quotes none
    # of them: ten readings (6/9/3665 … 6936/6/5), all listed in the check
    "real-pingtan-2021.txt": {("active", "normative_documents"): "ambiguous_digits"},
    # 行政规范性文件77132470: the text's 本年度制发的规范性文件77件 decides 本年制发件数 = 77; 132470 still reads
    # five ways (1/32470 … 13247/0; the text's 现行有效…393件 fits none of them)
    "real-pingtan-2023.txt": {
        ("active", "normative_documents", "repealed"): "ambiguous_digits",
        ("active", "normative_documents", "in_force"): "ambiguous_digits",
    },
    # the 本年废止件数 cells were lifted out of their rows by the PDF-to-markdown tool (22 / 55 printed
    # above the table); the rows print 2 of 3 numbers and table 2 has no identity to place them by
    "real-shanghai-office-2025.md": {
        ("active", "regulations"): "unaligned_row",
        ("active", "normative_documents"): "unaligned_row",
    },
}
STATUS = {  # pages cut short: partial, with a missing_table check for each table not captured
    "real-page-002.txt": "partial",
    "real-page-004.txt": "partial",  # the page as saved holds the headings, not the tables
    "real-page-008.txt": "partial",  # cut before table 2
    "real-page-011.txt": "partial",  # cut inside table 2
    "real-page-022.txt": "partial",  # the page ends inside table 3: table 4 is not on it
    "real-page-040.txt": "partial",
    "real-page-044.txt": "partial",
}


def truth(path):
    return json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))


def agency_right(stored: str | None, expected: dict, codes: set[str]) -> bool:
    """The agency as the truth prints it; a truth without one (none printed, or a name many places share)
    asserts none: then nothing may be stored unless a check says the name is not whole."""
    if "agency" in expected:
        return agency_key(stored) == agency_key(expected["agency"])
    return stored is None or "short_agency" in codes


def agency_key(name: str | None) -> str | None:
    return re.sub(r"人民政府$", "", re.sub(r"\s", "", name)) if name else None


def compare(name: str, cells: dict[tuple[str, str, str], float | None], flagged: set[tuple[str, str, str]]) -> None:
    """Every truth cell equal to the stored one, or unreadable and flagged; nothing stored beyond it."""
    expected = truth(CASES / name)
    unreadable = UNREADABLE.get(name, {})
    for key, value in expected["cells"].items():
        table, row, col = key.split(".")
        code = unreadable.get((table, row, col)) or unreadable.get((table, row))
        if code:
            assert (table, row, col) not in cells, (name, key)
            assert (code, table, row) in flagged, (name, key)
        else:
            assert cells.get((table, row, col), "missing") == value, (name, key)
    assert {".".join(k) for k in cells} <= set(expected["cells"]), name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_case_reads_every_cell_agency_and_year(path):
    report = parse_report(extract_bytes(path.read_bytes(), file_format(path.name)), path.name)
    cells = {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells}
    compare(path.name, cells, {(c.check_code, c.table_code, c.row_code) for c in report.checks})
    expected = truth(path)
    assert agency_right(report.agency_raw, expected, {c.check_code for c in report.checks})
    assert report.year == expected["year"]
    assert report.status == STATUS.get(path.name, "parsed")
    identities = {c.check_code for c in report.checks} & {"O1", "S1", "S2", "S4"}
    assert not identities or expected["expected_failures"]


def test_all_cases_through_the_ingest_flow(run_ingest, tmp_path):
    check_through_the_flow(run_ingest, tmp_path, FILES)


def check_through_the_flow(run_ingest, tmp_path, files):
    """The case files copied into one root and loaded by the real ingest flow: statuses, agency, year,
    cells and checks."""
    root = tmp_path / "reports"
    root.mkdir()
    for path in files:
        shutil.copy(path, root / path.name)
    summary, db = run_ingest(root)
    assert summary.files_seen == len(files)
    assert summary.statuses["not_a_report"] == summary.statuses["failed"] == 0
    stored = rows(
        db,
        "SELECT d.path, d.status, r.report_id, r.agency_raw, r.year FROM documents d "
        "JOIN reports r ON r.report_id = d.doc_id",
    )
    assert sorted(p for p, *_ in stored) == sorted(p.name for p in files)  # partial documents keep their report
    for path, status, report_id, agency_raw, year in stored:
        expected = truth(CASES / path)
        assert status == STATUS.get(path, "parsed"), path
        checks = rows(db, "SELECT check_code, table_code, row_code FROM checks WHERE report_id = ?", [report_id])
        assert agency_right(agency_raw, expected, {code for code, *_ in checks}), path
        assert year == expected["year"], path
        compare(path, cell_map(db, report_id), set(checks))
        if status == "partial":
            assert ("missing_table", "review_litigation", None) in checks, path  # the checks are stored too


def test_agency_and_year_from_the_folder_through_the_flow(run_ingest, tmp_path):
    """A report printed without its title and without its agency in the text: the folder names it."""
    text = (CASES / "real-page-040.txt").read_text(encoding="utf-8")
    folder = tmp_path / "reports" / "新疆奎屯市开干齐乡人民政府"
    folder.mkdir(parents=True)
    (folder / "2023年度报告.txt").write_text(text, encoding="utf-8")
    _summary, db = run_ingest(tmp_path / "reports")
    assert rows(db, "SELECT agency, agency_raw, year FROM reports") == [
        ("新疆奎屯市开干齐乡", "新疆奎屯市开干齐乡人民政府", 2023)
    ]
