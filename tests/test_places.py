"""Where every cell is printed (issue 24 item 1), ingested through the real flow into a real warehouse:
PDF cells carry the box of their printed text on the page, and the words pdfplumber finds inside that
box are the cell's raw text (the Huai'an report, generated PDFs with a sideways table page, pages given
/Rotate, and a report whose tables are text lines without rulings); TXT and Markdown cells carry the
line and characters they are printed at, and that slice of the decoded file is the cell's raw text."""

from __future__ import annotations

import io
import re
import shutil

import docx
import duckdb
import pdfplumber
import pytest

from extract.encoding import decode
from tests import officegen
from tests.conftest import CORPUS
from tests.docgen import docx_to_pdf
from tests.dumpgen import pdf_text_dump
from tests.reportgen import TEXT_LAYOUTS, sample_report, to_markdown, to_txt_bytes
from transform.normalize import clean

EPS = 0.01  # points: within_bbox keeps only characters wholly inside the box
MIN_SHARE = 0.95  # of the cells that must carry a place (issue 24: ≥ 95%)


def _agency(i: int) -> str:
    return f"示例县{'一二三四五六七八九十'[i]}镇人民政府"


def _lines_docx(text: str) -> bytes:
    """A PDF-to-text dump as a Word document of plain paragraphs: its PDF prints the tables as text lines
    without any ruling (cells apart by spaces)."""
    doc = docx.Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


PDF_REPORTS = {name: sample_report(_agency(i), 2024, seed=60 + i) for i, name in enumerate(("plain", "sideways"))}
LINES_REPORT = sample_report(_agency(2), 2023, seed=62)
TEXT_REPORTS = {
    f"{layout}.txt": sample_report(_agency(3 + i), 2022, seed=70 + i) for i, layout in enumerate(TEXT_LAYOUTS)
}
RUN_TOGETHER_REPORT = sample_report("示例县人民政府", 2022, seed=90)  # every table's digits run together
MD_REPORT = sample_report("示例市人民政府", 2024, seed=80)
DUMP_REPORT = sample_report("示例市生态环境局", 2024, seed=81)


@pytest.fixture(scope="module")
def pdf_files() -> dict[str, bytes]:
    made = docx_to_pdf(
        {
            "plain": officegen.save(officegen.report_docx(PDF_REPORTS["plain"])),
            "sideways": officegen.save(officegen.report_docx(PDF_REPORTS["sideways"], sideways=True)),
            "lines": _lines_docx(pdf_text_dump(LINES_REPORT, "lines.pdf")),
        }
    )
    return {
        "huaian.pdf": (CORPUS / "huaian-city-2024.pdf").read_bytes(),
        "plain.pdf": made["plain"],
        "sideways.pdf": officegen.turn_landscape_pages(made["sideways"]),
        "rotated.pdf": officegen.rotate_pages(made["plain"], 90),
        "lines.pdf": made["lines"],
    }


def _text_files() -> dict[str, bytes]:
    files = {name: to_txt_bytes(r, name.removesuffix(".txt")) for name, r in TEXT_REPORTS.items()}
    files["run_together.txt"] = to_txt_bytes(RUN_TOGETHER_REPORT, "run_together")
    files["report.md"] = to_markdown(MD_REPORT).encode()
    files["dump.txt"] = pdf_text_dump(DUMP_REPORT, "dump.pdf").encode()
    return files


def _cells(db, path: str) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        rel = con.sql(
            "SELECT c.* FROM cells c JOIN documents d ON d.doc_id = c.report_id WHERE d.path = ? ORDER BY ALL",
            params=[path],
        )
        return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


@pytest.fixture(scope="module")
def warehouse(pdf_files, tmp_path_factory, prefect_harness):
    from flows.ingest import ingest

    root = tmp_path_factory.mktemp("places")
    for name, data in {**pdf_files, **_text_files()}.items():
        (root / name).write_bytes(data)
    db = root.parent / "places.duckdb"
    ingest(root=str(root), db=str(db))
    yield db
    shutil.rmtree(root, ignore_errors=True)


def _bare(text: str) -> str:
    return re.sub(r"\s", "", text)


def printed_in(page, cell: dict) -> str:
    """The words pdfplumber finds wholly inside the cell's box, joined, in their own writing direction
    (a sideways table is written upwards, its lines left to right, or downwards, its lines right to
    left)."""
    region = page.within_bbox((cell["x0"] - EPS, cell["top"] - EPS, cell["x1"] + EPS, cell["bottom"] + EPS))
    upwards = any(not c["upright"] and c["matrix"][1] > 0 for c in region.chars)
    words = region.extract_words(
        char_dir_rotated="btt" if upwards else "ttb", line_dir_rotated="ltr" if upwards else "rtl"
    )
    return "".join(w["text"] for w in words)


@pytest.mark.parametrize("name", ["huaian.pdf", "plain.pdf", "sideways.pdf", "rotated.pdf", "lines.pdf"])
def test_pdf_cells_carry_the_box_their_text_is_printed_in(warehouse, pdf_files, name):
    cells = _cells(warehouse, name)
    assert len(cells) >= 190
    boxed = [c for c in cells if c["x0"] is not None]
    assert len(boxed) >= MIN_SHARE * len(cells)
    with pdfplumber.open(io.BytesIO(pdf_files[name])) as pdf:
        wrong = [
            (c["row_code"], c["col_code"], c["raw_text"], printed_in(pdf.pages[c["page"] - 1], c))
            for c in boxed
            if _bare(printed_in(pdf.pages[c["page"] - 1], c)) != _bare(c["raw_text"])
        ]
    assert wrong == []
    assert all(c["x0"] < c["x1"] and c["top"] < c["bottom"] and c["line"] is None for c in boxed)


@pytest.mark.parametrize("name", [*TEXT_REPORTS, "run_together.txt", "report.md", "dump.txt"])
def test_text_cells_carry_their_line_and_span(warehouse, name):
    """Digits run together (`run_together.txt`) are split into cells each at the characters it was
    cut from."""
    cells = _cells(warehouse, name)
    assert len(cells) >= 190
    placed = [c for c in cells if c["line"] is not None]
    assert len(placed) >= MIN_SHARE * len(cells)
    lines = decode(_text_files()[name])[0].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    printed = [(c["raw_text"], lines[c["line"] - 1][c["char_start"] : c["char_end"]]) for c in placed]
    assert [(raw, got) for raw, got in printed if got != raw] == []
    assert all(c["x0"] is None and c["grid_table"] is None for c in placed)


def test_values_read_out_of_cleaned_text_point_at_the_printed_characters():
    """Full-width digits and an invisible character before a number: the place is of the characters as
    printed, found through the cleaned text the tables are read from."""
    from extract.model import Paragraph
    from extract.places import line_chars
    from transform.tables.located import Located

    text = "规章\u200b １２ ３"
    at = Located(Paragraph(text, places=line_chars(5, 2, text)))
    start = clean(text).index("12")
    cell = at.cell("12", start)
    assert (cell.place.line, cell.place.char_start, cell.place.char_end) == (5, 6, 8)
    assert text[cell.place.char_start - 2 : cell.place.char_end - 2] == "１２"
