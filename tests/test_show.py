"""`ogi show`: a report named by its id, a prefix of it or its file prints its cells with value, printed
text and place; each line is checked against the warehouse. Unknown names and codes: one line, exit 2.
On a PDF made by LibreOffice from a generated report, loaded by the real flow."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.docgen import docx_to_pdf, soffice, to_docx
from tests.helpers import rows
from tests.reportgen import sample_report, to_txt_bytes

runner = CliRunner()
pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice makes the PDF: `make test` installs it")
PLACE = r"p\.(\d+) \((\d+\.\d), (\d+\.\d)\)-\((\d+\.\d), (\d+\.\d)\)"


@pytest.fixture(scope="module")
def pdf_warehouse(prefect_harness, tmp_path_factory):
    """A warehouse holding one generated PDF report (甲县 2023) under `root`: (db, root, report)."""
    from flows.ingest import ingest

    root = tmp_path_factory.mktemp("show") / "reports"
    root.mkdir()
    report = sample_report("甲县人民政府", 2023, seed=3)
    (root / "jia-2023.pdf").write_bytes(docx_to_pdf({"jia": to_docx(report)})["jia"])
    db = root.parent / "w.duckdb"
    ingest(root=str(root), db=str(db))
    return db, root, report


def show(db, *args: str):
    return runner.invoke(app, ["show", *args, "--db", str(db)], terminal_width=400)


def test_show_prints_every_cell_with_its_value_text_and_box(pdf_warehouse):
    db, _root, report = pdf_warehouse
    ((rid, agency, year, path),) = rows(db, "SELECT report_id, agency, year, path FROM reports")
    stored = {
        f"{t}.{r}.{c}": (value, raw, page, x0, top, x1, bottom)
        for t, r, c, value, raw, page, x0, top, x1, bottom in rows(
            db, "SELECT table_code, row_code, col_code, value, raw_text, page, x0, top, x1, bottom FROM cells"
        )
    }
    result = show(db, rid[:8])
    assert result.exit_code == 0, result.output
    head, *lines = result.output.splitlines()
    assert head.split() == [agency, str(year), path, "parsed", "pdf", "report", rid]
    assert len(lines) == len(stored) > 100
    boxed = 0
    for line in lines:
        code, value, text, *_ = line.split()
        value_stored, raw, page, x0, top, x1, bottom = stored[code]
        assert float(value) == value_stored and json.loads(text) == raw
        place = re.search(PLACE, line)
        if x0 is not None:
            boxed += 1
            assert place and place.groups() == (str(page), *(f"{x:.1f}" for x in (x0, top, x1, bottom))), line
    assert boxed >= 0.95 * len(lines)
    # the printed number is the generated one
    one = next(line for line in lines if line.startswith("requests.new_received.natural_person "))
    assert one.split()[1] == report.printed(("requests", "new_received", "natural_person"))


def test_show_by_file_and_by_code_in_csv_and_json(pdf_warehouse):
    db, root, report = pdf_warehouse
    (rid,) = rows(db, "SELECT report_id FROM reports")[0]
    by_path = show(db, "jia-2023.pdf", "requests.new_received.total")
    by_full_path = show(db, str(root / "jia-2023.pdf"), "requests.new_received.total")
    assert (
        by_path.exit_code == 0
        and by_path.output == by_full_path.output == show(db, rid, "requests.new_received.total").output
    )
    _head, line = by_path.output.splitlines()
    assert line.split()[:3] == [
        "requests.new_received.total",
        report.printed(("requests", "new_received", "total")),
        f'"{report.printed(("requests", "new_received", "total"))}"',
    ]

    row = show(db, rid[:6], "requests.new_received", "--format", "csv")
    assert row.exit_code == 0
    read = list(csv.DictReader(io.StringIO(row.output)))
    assert [r["col_code"] for r in read] == [
        c
        for (c,) in rows(db, "SELECT code FROM labels WHERE table_code = 'requests' AND kind = 'col' ORDER BY position")
    ]
    for r in read:
        x0, page = rows(
            db, "SELECT x0, page FROM cells WHERE row_code = 'new_received' AND col_code = ?", [r["col_code"]]
        )[0]
        assert float(r["x0"]) == x0 and int(r["page"]) == page and r["place"].startswith(f"p.{page} (")

    table = json.loads(show(db, rid[:6], "review_litigation", "--format", "json").output)
    assert len(table) == rows(db, "SELECT count(*) FROM cells WHERE table_code = 'review_litigation'")[0][0]
    assert {r["table_code"] for r in table} == {"review_litigation"} and all(r["bottom"] > r["top"] for r in table)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["ffff0000"], "no report ffff0000: give a report_id"),
        (["nowhere.pdf"], "no report nowhere.pdf"),
        (["{rid}", "requests.no_such_row.total"], "unknown cell code requests.no_such_row.total"),
        (["{rid}", "tables.x"], "unknown cell code tables.x"),
    ],
)
def test_unknown_report_or_code_is_one_line_exit_2(pdf_warehouse, args, says):
    db, _root, _report = pdf_warehouse
    (rid,) = rows(db, "SELECT report_id FROM reports")[0]
    result = show(db, *(a.format(rid=rid[:10]) for a in args))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and says in result.output, result.output


def test_show_a_text_report_gives_line_and_span_of_the_printed_text(run_ingest, tmp_path):
    """A text dump: each place is a line and a character span whose slice of the file is the text shown."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "yi-2023.txt").write_bytes(to_txt_bytes(sample_report("乙县人民政府", 2023, seed=5), layout="tab"))
    _summary, db = run_ingest(root)
    result = show(db, "yi-2023.txt")
    assert result.exit_code == 0, result.output
    file_lines = (root / "yi-2023.txt").read_text(encoding="utf-8").splitlines()
    _head, *lines = result.output.splitlines()
    assert len(lines) == rows(db, "SELECT count(*) FROM cells")[0][0] > 100
    for line in lines:
        code, _value, text, *_ = line.split()
        place = re.search(r"line (\d+) \[(\d+):(\d+)\]$", line)
        assert place, line
        n, start, end = map(int, place.groups())
        assert file_lines[n - 1][start:end] == json.loads(text), line
        stored = rows(
            db,
            "SELECT line, char_start, char_end FROM cells WHERE table_code || '.' || row_code || '.' || col_code = ?",
            [code],
        )
        assert stored == [(n, start, end)]
