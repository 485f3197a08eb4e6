"""`ogi report` read in headless Chromium: charts say when there is nothing to draw, year totals compare
the same agencies, failing checks show file, page and printed text, one section per agency with its
years side by side, warnings collapsed. Reports made by code and loaded by the real flow."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from load.htmlreport import write_report
from load.warehouse import Warehouse
from tests.docgen import docx_to_pdf, soffice, to_docx
from tests.helpers import rows
from tests.reportgen import sample_report, to_txt_bytes
from tests.test_warehouse import CHROMIUM_FLAGS


def render(page: Path, tmp_path: Path) -> str:
    """The page's DOM after Chromium ran its scripts."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is needed for this test: `make test` installs it"
    profile = "--user-data-dir=" + str(tmp_path / "profile")
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, profile, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def report_dom(db: Path, tmp_path: Path) -> str:
    page = tmp_path / "report.html"
    with Warehouse(db) as warehouse:
        write_report(warehouse.con, page, source="test")
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=|<link[^>]*\bhref=\"?http", text)  # one offline file
    return render(page, tmp_path)


def section(dom: str, agency: str) -> str:
    """The agency's section of the page."""
    start = dom.index(f"<h3>{agency} ")
    return dom[start : dom.index("</section>", start)]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice makes the PDF: `make test` installs it")
def test_report_per_agency_with_checks_file_page_and_printed_text(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    jia22, jia23 = sample_report("甲县人民政府", 2022, seed=1), sample_report("甲县人民政府", 2023, seed=2)
    jia23.values[("requests", "new_received", "total")] += 7  # 总计 ≠ the six columns: S1 (and O1, S2)
    printed = jia23.printed(("requests", "new_received", "total"))
    (root / "jia-2022.txt").write_bytes(to_txt_bytes(jia22))
    (root / "jia-2023.pdf").write_bytes(docx_to_pdf({"jia": to_docx(jia23)})["jia"])
    for year in (2022, 2023):  # not chained: X1 warnings on 2023
        (root / f"yi-{year}.txt").write_bytes(to_txt_bytes(sample_report("乙县人民政府", year, seed=year)))
    bing = sample_report("丙县人民政府", 2023, seed=9)
    (root / "bing-2023.txt").write_bytes(to_txt_bytes(bing))
    _summary, db = run_ingest(root)
    # every check on a row of the PDF says on which page (a whole-row check: the row's first page)
    pages = rows(db, "SELECT check_code, col_code, page FROM v_check_failures WHERE path = 'jia-2023.pdf'")
    assert {c for c, _col, _p in pages} >= {"S1", "O1"} and all(p for c, _col, p in pages if c != "X1"), pages

    dom = report_dom(db, tmp_path)
    assert dom.count('class="main-svg"') >= 6  # three charts drawn
    # year totals: only the two agencies with a report in both years, and the page says so
    assert "每年都有报告的 2 个机关（共 3 个）" in dom
    assert "2023（2个机关）" in dom
    # the S1 error names its file, page and the text as printed
    jia = section(dom, "甲县")
    s1 = next(row for row in re.findall(r"<tr>(.*?)</tr>", jia) if ">S1<" in row)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", s1)
    assert cells[0] == "2023" and cells[3] == "jia-2023.pdf" and cells[5] == printed
    assert cells[4].isdigit() and int(cells[4]) >= 1  # the PDF page
    # one section per agency, its years side by side
    assert dom.count('class="agency"') == 3
    assert re.search(r"<th>指标</th><th>2022</th><th>2023</th>", jia)
    new_row = re.search(r"<tr><th>本年新收申请</th>(.*?)</tr>", section(dom, "丙县")).group(1)
    assert re.findall(r"<td[^>]*>(.*?)</td>", new_row) == [f"{bing.values[('requests', 'new_received', 'total')]:,.0f}"]
    # warnings listed, collapsed
    yi = section(dom, "乙县")
    assert re.search(r"<details><summary>警告 \d+ 条</summary>", yi) and ">X1<" in yi
    assert "<details open" not in dom


def test_charts_without_data_or_with_only_zeros_say_so(run_ingest, tmp_path):
    empty = tmp_path / "empty.duckdb"
    Warehouse(empty).close()
    dom = report_dom(empty, tmp_path)
    assert dom.count("无数据，不作图") == 3 and 'class="main-svg"' not in dom

    root = tmp_path / "in"
    root.mkdir()
    zero = sample_report("丁县人民政府", 2023, seed=3)
    zero.values = dict.fromkeys(zero.values, 0)
    (root / "zero.txt").write_bytes(to_txt_bytes(zero))
    _summary, db = run_ingest(root)
    dom = report_dom(db, tmp_path)
    assert dom.count("数值全部为 0，不作图") == 3 and 'class="main-svg"' not in dom
    assert "丁县" in dom  # its section is there
