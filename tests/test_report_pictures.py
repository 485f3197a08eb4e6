"""The HTML report's drill-down of a failing check on a PDF: a picture of the printed region beside the
stored values. The picture is decoded and compared with the same region drawn by pdfplumber from the
cell's box (and not with the row below it); a file changed or gone since loading gets one line instead;
pictures are capped per report. The README's screenshot of the drill-down is made here by Chromium
(written to docs/ only with OGI_DOCS=1), and README's `ogi show` example is what it prints."""

from __future__ import annotations

import base64
import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageStat
from typer.testing import CliRunner

from flows.cli import app
from load import crops
from load.evidence import EvidenceMaker
from load.htmlreport import write_report
from load.warehouse import Warehouse
from tests.conftest import ROOT
from tests.docgen import docx_to_pdf, soffice, to_docx
from tests.helpers import rows
from tests.reportgen import sample_report
from tests.test_warehouse import CHROMIUM_FLAGS

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice makes the PDF: `make test` installs it")
TOTAL = ("requests", "new_received", "total")
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def imbalanced(prefect_harness, tmp_path_factory):
    """A warehouse with one generated PDF whose 本年新收 总计 is 7 more than its parts (S1, O1 fail):
    (db, the PDF's path, the generated report)."""
    from flows.ingest import ingest

    root = tmp_path_factory.mktemp("pictures") / "reports"
    root.mkdir()
    report = sample_report("甲县人民政府", 2023, seed=2)
    report.values[TOTAL] += 7
    pdf = root / "jia-2023.pdf"
    pdf.write_bytes(docx_to_pdf({"jia": to_docx(report)})["jia"])
    db = root.parent / "w.duckdb"
    ingest(root=str(root), db=str(db))
    return db, pdf, report


def page_html(db: Path, out: Path) -> str:
    with Warehouse(db) as warehouse:
        write_report(warehouse.con, out, source="test")
    return out.read_text(encoding="utf-8")


def drill(text: str, code: str) -> str:
    """The drill-down row under the agency section's check `code`."""
    agency = text[text.index('<section class="agency"') :]
    row = agency.index(f"<code>{code}</code>")
    start = agency.index('<tr class="drill">', row)
    return agency[start : agency.index("</div>", start)]


def picture(drilled: str) -> tuple[Image.Image, str]:
    found = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)">', drilled)
    assert found, drilled[:500]
    return Image.open(io.BytesIO(base64.b64decode(found.group(1)))).convert("RGB"), html.unescape(found.group(2))


def drawn_by_pdfplumber(pdf: Path, page: int, box: tuple[float, ...]) -> Image.Image:
    """The region `box` (points, top-left origin) of `page` as pdfplumber draws it at crops.SCALE."""
    with pdfplumber.open(pdf) as doc:
        shown = doc.pages[page - 1].crop(box)
        return shown.to_image(resolution=72 * crops.SCALE, antialias=True).original.convert("RGB")


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per pixel (0-255) of two images of about one size, at the best alignment
    within 1 pixel (the two renderers round a fractional crop edge apart)."""
    w, h = min(a.width, b.width) - 2, min(a.height, b.height) - 2
    inner = a.crop((1, 1, 1 + w, 1 + h))
    return min(
        sum(ImageStat.Stat(ImageChops.difference(inner, b.crop((1 + dx, 1 + dy, 1 + dx + w, 1 + dy + h)))).mean) / 3
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    )


def test_the_drill_down_shows_the_printed_region_of_the_cell_beside_its_stored_value(imbalanced, tmp_path):
    db, pdf, report = imbalanced
    ((page, x0, top, x1, bottom),) = rows(
        db,
        "SELECT page, x0, top, x1, bottom FROM cells WHERE table_code = ? AND row_code = ? AND col_code = ?",
        list(TOTAL),
    )
    drilled = drill(page_html(db, tmp_path / "report.html"), "S1")
    image, alt = picture(drilled)
    assert alt == f"原件 jia-2023.pdf 第 {page} 页 requests.new_received.total 的印刷区域"
    # the stored value beside it, with its place
    printed = report.printed(TOTAL)
    assert re.search(
        rf"<code>requests\.new_received\.total</code></td><td class=\"n\">{int(printed):,}</td><td>{printed}</td>"
        rf"<td>p\.{page} \({x0:.1f}, {top:.1f}\)-\({x1:.1f}, {bottom:.1f}\)</td>",
        drilled,
    )
    # the box with its margin, at SCALE pixels a point
    mx, my = crops.MARGIN
    region = (x0 - mx, top - my, x1 + mx, bottom + my)
    assert abs(image.width - (region[2] - region[0]) * crops.SCALE) <= 2
    assert abs(image.height - (region[3] - region[1]) * crops.SCALE) <= 2
    lo, hi = image.convert("L").getextrema()
    assert hi - lo > 128  # ink on paper, not a blank
    # the same region drawn by pdfplumber looks the same; the row below does not
    same = difference(image, drawn_by_pdfplumber(pdf, page, region))
    row_below = tuple(y + (bottom - top) * 2.4 if i % 2 else y for i, y in enumerate(region))
    other = difference(image, drawn_by_pdfplumber(pdf, page, row_below))
    assert same < 1 and other > 4, (same, other)


def test_a_changed_or_missing_file_is_said_in_one_line_instead_of_a_picture(imbalanced, tmp_path):
    db, pdf, _report = imbalanced
    original = pdf.read_bytes()
    try:
        pdf.write_bytes(original + b"\n% edited\n")
        drilled = drill(page_html(db, tmp_path / "report.html"), "S1")
        assert "<img" not in drilled and "在入库后已改动（sha256 不同），不显示原件图像" in drilled
        assert "requests.new_received.total" in drilled  # the stored values are still shown
        pdf.unlink()
        drilled = drill(page_html(db, tmp_path / "report.html"), "S1")
        assert "<img" not in drilled and f"原件已不在 {pdf}，无法显示原件图像" in drilled
    finally:
        pdf.write_bytes(original)


def test_pictures_are_capped_per_report_and_say_so(imbalanced):
    db, _pdf, _report = imbalanced
    ((rid, page),) = rows(
        db, "SELECT report_id, page FROM cells WHERE row_code = 'new_received' AND col_code = 'total'"
    )
    with Warehouse(db) as warehouse:
        make = EvidenceMaker(warehouse.con, max_pictures=5, max_per_report=1)
        first = make(rid, *TOTAL, page)
        second = make(rid, "requests", "new_received", None, page)
    assert first.picture and first.picture.startswith("data:image/png;base64,") and first.note is None
    assert second.picture is None and "上限（每份报告 1 张" in second.note
    assert [c.col_code for c in second.cells][-1] == "total" and second.n_cells == 7


def test_screenshot_of_the_drill_down_in_chromium(imbalanced, tmp_path):
    """Chromium draws the agency's section with the picture; OGI_DOCS=1 keeps it as README's screenshot."""
    db, _pdf, _report = imbalanced
    text = page_html(db, tmp_path / "report.html")
    style = re.search(r"<style>.*?</style>", text, re.S).group(0)
    agency = text[text.index('<section class="agency"') :]
    head = re.search(r"<h3>.*?</h3>", agency).group(0)
    errors = agency.index("<table>", agency.index('class="report-errors"'))
    columns = agency[errors : agency.index("</tr>", errors) + 5]
    s1 = agency.rindex("<tr>", 0, agency.index("<code>S1</code>"))
    end = re.compile(r"</div>\s*</td></tr>").search(agency, s1).end()
    part = f"{head}{columns}{agency[s1:end]}</table>"
    page = tmp_path / "drill.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{style}</head><body>{part}</body></html>',
        encoding="utf-8",
    )
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is needed for this test: `make test` installs it"
    shot = tmp_path / "drill.png"
    subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            "--window-size=1000,300",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    image = Image.open(shot).convert("L")
    assert image.size == (1000, 300) and image.getextrema()[0] < 64  # drawn, with ink
    if os.environ.get("OGI_DOCS"):
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS / "report-drill-down.png")


def test_readme_shows_what_ogi_show_prints(imbalanced):
    """README's `ogi show` example is this report's output: the same cells, values, texts and places (the
    report_id differs: LibreOffice writes the time into the PDF)."""
    db, _pdf, _report = imbalanced
    result = CliRunner().invoke(app, ["show", "jia-2023.pdf", "requests.new_received", "--db", str(db)])
    assert result.exit_code == 0, result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ ogi show jia-2023.pdf requests.new_received\n", 1)[1].split("```", 1)[0]
    head, *lines = result.output.splitlines()
    readme_head, *readme_lines = shown.splitlines()
    assert readme_head.split()[:-1] == head.split()[:-1] and lines == readme_lines
