"""`ogi report` read in headless Chromium: charts say when there is nothing to draw, year totals compare
the same agencies, failing checks show file, page and printed text, one section per agency with its
years side by side, warnings collapsed; the reports' own imbalances apart from what ogi could not read,
in Chinese. Reports made by code and real ones, loaded by the real flow."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from load.htmlreport import write_report
from load.warehouse import Warehouse
from tests.conftest import SHARED
from tests.docgen import docx_to_pdf, soffice, to_docx
from tests.helpers import rows
from tests.reportgen import sample_report, to_txt_bytes
from tests.test_warehouse import CHROMIUM_FLAGS
from transform import vocabulary as v


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


def findings_section(dom: str, anchor: str) -> str:
    """One of the two sections of findings (`report`: 报告自身不平衡, `reading-section`: 未能读取)."""
    return dom.split(f'<section class="findings" id="{anchor}">')[1].split("</section>")[0]


def test_the_reports_own_imbalances_apart_from_what_ogi_could_not_read(run_ingest, tmp_path):
    """Issue 27: on real pages, ogi's reading failures (a table not found, a page cut short) must not be
    listed as the agency's errors; every file no number was read from is named with its reason; codes
    and statuses in Chinese."""
    root = tmp_path / "in"
    root.mkdir()
    for case in sorted((SHARED / "cases").glob("real-*")):
        if case.suffix in (".txt", ".md"):
            shutil.copy(case, root / case.name)
    wrong = sample_report("甲县人民政府", 2023, seed=21)
    wrong.values[("requests", "new_received", "total")] += 7  # the report itself does not add up: S1
    (root / "jia-2023.txt").write_bytes(to_txt_bytes(wrong))
    (root / "junk.bin").write_bytes(b"\x00\x01junk")
    (root / "notes.txt").write_text("会议纪要\n\n今天讨论了工作安排。\n", encoding="utf-8")
    _summary, db = run_ingest(root)
    origins = dict(rows(db, "SELECT check_code, origin FROM check_codes"))
    current = rows(db, "SELECT DISTINCT check_code, origin FROM v_check_failures WHERE is_current")
    assert {("S1", "report"), ("missing_table", "reading")} <= set(current)
    assert all(origin == origins[code] for code, origin in current)
    unread = rows(db, "SELECT path, status_label, reason FROM v_failures ORDER BY path")
    assert {"junk.bin", "notes.txt"} <= {p for p, _s, _r in unread} and any(
        s.startswith("部分读取") for _p, s, _r in unread
    )

    dom = report_dom(db, tmp_path)
    own = findings_section(dom, "report")
    assert "<h2>报告自身不平衡</h2>" in own
    listed = set(re.findall(r"<code>(\w+)</code>", own))
    assert "S1" in listed and all(origins[code] == "report" for code in listed), listed
    reading = findings_section(dom, "reading-section")
    assert '<h2 id="reading">未能读取</h2>' in reading and "<h3>未读出任何数字的文件</h3>" in reading
    named = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", reading.split("<h3>读取问题")[0])
    assert sorted(named) == sorted(unread)  # every unread file, with its status in Chinese and its reason
    read_codes = set(re.findall(r"<code>(\w+)</code>", reading))
    assert "missing_table" in read_codes and all(origins[code] == "reading" for code in read_codes)
    # every code is shown by its Chinese label, no status in English
    for label, code in re.findall(r">([^<>]*) <code>(\w+)</code>", dom):
        assert label == v.CHECK_CODES[code].label, (label, code)
    assert not re.search(r">(parsed|partial|failed|not_a_report|duplicate|removed)<|（(parsed|partial)）", dom)
    # the agency's own section keeps the two apart too
    jia = section(dom, "甲县")
    assert re.search(r'<p class="report-errors"><b>报告自身不平衡</b></p><table>.*?<code>S1</code>', jia, re.S)
