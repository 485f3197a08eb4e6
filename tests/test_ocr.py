"""Reports whose text is not in the file, read by OCR (RapidOCR, offline) and checked like any other: a
scan of the Huai'an report, a crooked scan with one number altered, a DOCX and a web page with a table
pasted as a picture (the PDF without Unicode maps is read through ingest in test_office_cases). OCR costs
seconds a page, so each document is OCR'd once per module."""

from __future__ import annotations

import base64
import dataclasses

import numpy as np
import pytest

from extract import extract_bytes
from extract.image_tables import deskew, find_grids, skew_degrees
from extract.model import Table
from extract.ocr import MODEL_FILES, model_paths, ort_threads
from tests.conftest import CORPUS
from tests.docgen import to_html, to_template_docx, word_mht
from tests.helpers import rows
from tests.reportgen import sample_report
from tests.scans import (
    DPI,
    crooked,
    images_to_pdf,
    page_images,
    paint_number,
    splice_pages,
    table_as_picture,
    table_png,
    word_bbox,
)
from tests.test_huaian_pdf import expected
from transform.report import parse_report

HUAIAN = CORPUS / "huaian-city-2024.pdf"
TILT = 2.0  # degrees a scan is fed crooked


@pytest.fixture(scope="module")
def huaian_scan() -> bytes:
    """The Huai'an report as an image-only PDF: every page rendered at 150 dpi."""
    return images_to_pdf(page_images(HUAIAN.read_bytes()))


def test_models_come_from_the_wheel():
    """The three ONNX models are files inside the installed rapidocr package: nothing is downloaded."""
    paths = model_paths()
    assert {p.name for p in paths.values()} == set(MODEL_FILES.values())
    assert all(p.is_file() and p.stat().st_size > 100_000 and "rapidocr" in p.parts for p in paths.values())


@pytest.mark.parametrize(("value", "threads"), [("1", 1), ("3", 3), (None, -1), ("", -1), ("auto", -1)])
def test_onnxruntime_threads_follow_omp_num_threads(monkeypatch, value, threads):
    """Dask starts its workers with OMP_NUM_THREADS=1: each worker's OCR then uses one thread."""
    if value is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert ort_threads() == threads


def test_ocr_runs_without_network(tmp_path):
    """In a process whose every HTTP(S) request goes to a closed port, the engine starts and reads."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import numpy as np; from PIL import Image, ImageDraw, ImageFont; from extract.ocr import read_image\n"
        "img = Image.new('RGB', (400, 120), 'white')\n"
        "ImageDraw.Draw(img).text((20, 30), '3119', fill='black', font=ImageFont.load_default(size=48))\n"
        "print([b.text for b in read_image(np.asarray(img))])"
    )
    closed = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": closed, "HTTPS_PROXY": closed, "http_proxy": closed, "https_proxy": closed}
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['3119']"


def test_scanned_report_loads_every_cell_as_the_text_layer(run_ingest, huaian_scan, tmp_path):
    """Both the real PDF and its scan go through the flow: the scan gives the same 200 numbers, marked
    as read by OCR with a score per cell, and no check fails."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "huaian.pdf").write_bytes(HUAIAN.read_bytes())
    (root / "huaian-scan.pdf").write_bytes(huaian_scan)
    _summary, db = run_ingest(root)
    docs = dict(rows(db, "SELECT path, extraction FROM documents WHERE status = 'parsed'"))
    assert docs == {"huaian.pdf": "text", "huaian-scan.pdf": "ocr"}
    (scan_id,) = rows(db, "SELECT doc_id FROM documents WHERE path = 'huaian-scan.pdf'")[0]
    assert rows(db, "SELECT agency, year FROM reports WHERE report_id = ?", [scan_id]) == [("淮安市", 2024)]
    got = rows(
        db, "SELECT table_code, row_code, col_code, value, confidence, page FROM cells WHERE report_id = ?", [scan_id]
    )
    assert {(t, r, c): value for t, r, c, value, _s, _p in got} == expected()
    assert all(0.9 <= score <= 1 and page in (3, 4, 5) for *_k, score, page in got)
    assert rows(db, "SELECT count(*) FROM checks WHERE report_id = ?", [scan_id]) == [(0,)]
    text_scores = rows(
        db, "SELECT count(confidence) FROM cells JOIN documents ON doc_id = report_id WHERE path = ?", ["huaian.pdf"]
    )
    assert text_scores == [(0,)]


@pytest.fixture(scope="module")
def altered_scan():
    """The Huai'an PDF with page 4 replaced by a scan fed 2° crooked, in which 3001 (一、本年新收, 自然人) is
    painted over as 3007: extracted once (one OCR'd page)."""
    pdf = HUAIAN.read_bytes()
    page = page_images(pdf, dpi=2 * DPI)[3]
    altered = paint_number(page, word_bbox(pdf, 4, "一、本年新收", "3001", dpi=2 * DPI), "3007")
    return extract_bytes(splice_pages(pdf, {4: images_to_pdf([crooked(altered, TILT)])}), "pdf")


def test_tilted_scan_is_levelled_before_its_grid_is_read():
    """Ruling lines 2° off level: the tilt is measured from the lines and the grid found is the level one."""
    level = [(len(g.xs), len(g.ys)) for g in find_grids(np.asarray(page_images(HUAIAN.read_bytes())[3]))]
    tilted = np.asarray(crooked(page_images(HUAIAN.read_bytes(), dpi=2 * DPI)[3], TILT))
    assert skew_degrees(tilted) == pytest.approx(-TILT, abs=0.15)
    assert [(len(g.xs), len(g.ys)) for g in find_grids(deskew(tilted))] == level == [(3, 7), (11, 17)]


def test_number_altered_in_a_scanned_page_is_named_by_the_identities(altered_scan):
    """The altered number is stored as read, every other number is right, and both identities the altered
    one enters fail, each listing the OCR'd cells with their page; the other pages keep their text layer."""
    assert altered_scan.extraction == "mixed"
    report = parse_report(altered_scan)
    assert {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells} == {
        **expected(),
        ("requests", "new_received", "natural_person"): 3007,
    }
    cell = next(c for c in report.cells if (c.row_code, c.col_code) == ("new_received", "natural_person"))
    assert (cell.value, cell.page) == (3007, 4) and cell.confidence is not None
    errors = {c.check_code: c for c in report.checks if c.severity == "error"}
    assert set(errors) == {"S1", "O1"}
    for check in errors.values():
        assert "一、本年新收政府信息公开申请数量/自然人“3007”（第4页）" in check.message
    assert (errors["S1"].row_code, errors["O1"].col_code) == ("new_received", "natural_person")
    assert {c.page for c in report.cells if c.confidence is not None} == {4}
    assert {c.page for c in report.cells if c.confidence is None} == {3, 5}


def test_low_confidence_number_gets_a_warning_naming_it(altered_scan):
    """A number whose OCR score is low is kept and flagged with its place and page."""
    blocks = list(altered_scan.blocks)
    k, grid = next((k, b) for k, b in enumerate(blocks) if isinstance(b, Table) and len(b.rows) > 10)
    i, row = next((i, r) for i, r in enumerate(grid.rows) if r[0].text.startswith("二、上年结转"))
    j = next(j for j, c in enumerate(row) if c.text == "34")  # 自然人
    low = (*row[:j], dataclasses.replace(row[j], confidence=0.42), *row[j + 1 :])
    blocks[k] = Table((*grid.rows[:i], low, *grid.rows[i + 1 :]))
    report = parse_report(dataclasses.replace(altered_scan, blocks=tuple(blocks)))
    before = {(c.row_code, c.col_code) for c in parse_report(altered_scan).checks if c.check_code == "low_confidence"}
    assert ("carried_over", "natural_person") not in before
    [warning] = [
        c
        for c in report.checks
        if c.check_code == "low_confidence" and (c.row_code, c.col_code) == ("carried_over", "natural_person")
    ]
    assert (warning.severity, warning.table_code, warning.actual) == ("warning", "requests", 34)
    assert "置信度0.42" in warning.message and "第4页" in warning.message


SAMPLE = sample_report("示例市示例区人民政府", 2023, seed=31)


@pytest.fixture(scope="module")
def template_docx() -> bytes:
    return to_template_docx(SAMPLE)


def check_review_read_by_ocr(extracted) -> None:
    assert extracted.extraction == "mixed"
    report = parse_report(extracted)
    assert {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells} == SAMPLE.values
    assert report.checks == ()
    assert {c.table_code for c in report.cells if c.confidence is not None} == {"review_litigation"}


def test_docx_with_a_table_pasted_as_a_picture(template_docx):
    """The filled official template with table 4 (复议诉讼) replaced by a picture of it."""
    check_review_read_by_ocr(extract_bytes(table_as_picture(template_docx, 2), "docx"))


def test_html_with_a_table_as_an_inline_picture(template_docx):
    """A web page whose table 4 is an <img> with a data: URI; a remote picture is never fetched."""
    page = to_html(SAMPLE).decode("utf-8")
    start = page.rindex("<table")
    end = page.index("</table>", start) + len("</table>")
    uri = "data:image/png;base64," + base64.b64encode(table_png(template_docx, 2)).decode()
    page = page[:start] + f'<p><img src="{uri}"><img src="http://example.invalid/logo.png"></p>' + page[end:]
    check_review_read_by_ocr(extract_bytes(page.encode("utf-8"), "html"))


def test_word_mht_with_a_table_as_a_picture_part(template_docx):
    """A Word "Single File Web Page" under a `.doc` name whose table 4 is a picture: the picture is a part
    of the archive, found where the page's <img src> leads, and read by OCR."""
    page = to_html(SAMPLE).decode("utf-8")
    start = page.rindex("<table")
    end = page.index("</table>", start) + len("</table>")
    page = page[:start] + '<p><img width=554 height=200 src="report.files/image002.png"></p>' + page[end:]
    archive = word_mht(page, "utf-8", "quoted-printable", {"image002.png": table_png(template_docx, 2)})
    check_review_read_by_ocr(extract_bytes(archive, "doc"))
