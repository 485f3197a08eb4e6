"""Cross-agency warehouse: views answer analysts' questions by value; export; HTML report in a browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import polars as pl
import pytest

from flows.ingest import ingest
from load.export import export, names
from load.htmlreport import write_report
from load.warehouse import Warehouse
from tests.helpers import rows
from tests.reportgen import sample_report, to_txt_bytes

AGENCIES = {  # printed name → (agency key, level, province, city)
    "南京市鼓楼区人民政府": ("南京市鼓楼区", "county", "江苏省", "南京市"),
    "苏州市昆山市人民政府": ("苏州市昆山市", "county", "江苏省", "苏州市"),
    "淮安市人民政府": ("淮安市", "city", "江苏省", "淮安市"),
    "南京市生态环境局": ("南京市生态环境局", "department", "江苏省", "南京市"),
    "新乡市获嘉县人民政府": ("新乡市获嘉县", "county", "河南省", "新乡市"),
    "郑州市金水区人民政府": ("郑州市金水区", "county", "河南省", "郑州市"),
    "新乡市人民政府": ("新乡市", "city", "河南省", "新乡市"),
    "新乡市延津县司寨乡人民政府": ("新乡市延津县司寨乡", "township", "河南省", "新乡市"),
    "杭州市西湖区人民政府": ("杭州市西湖区", "county", "浙江省", "杭州市"),
    "宁波市人民政府": ("宁波市", "city", "浙江省", "宁波市"),
    "杭州市人民政府": ("杭州市", "city", "浙江省", "杭州市"),
}
YEARS = (2021, 2022, 2023)
MISSING = ("郑州市金水区人民政府", 2022)
REPUBLISHED = ("杭州市西湖区人民政府", 2023)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, prefect_harness):
    root = tmp_path_factory.mktemp("corpus")
    samples = {}
    for i, name in enumerate(AGENCIES):
        for year in YEARS:
            if (name, year) == MISSING:
                continue
            sample = sample_report(name, year, seed=1000 + 10 * i + year)
            samples[(name, year)] = sample
            path = root / f"{i:02d}-{year}.txt"
            path.write_bytes(to_txt_bytes(sample))
            os.utime(path, (1_700_000_000, 1_700_000_000))
    # the first publication of a report had a wrong total; the corrected one came later
    name, year = REPUBLISHED
    first = sample_report(name, year, seed=1000 + 10 * list(AGENCIES).index(name) + year)
    first.values[("requests", "new_received", "total")] += 7
    old = root / "xihu-2023-first.txt"
    old.write_bytes(to_txt_bytes(first))
    os.utime(old, (1_600_000_000, 1_600_000_000))
    db = tmp_path_factory.mktemp("wh") / "w.duckdb"
    ingest(root=str(root), db=str(db))
    return samples, db, root


def disclosure_inputs(sample):
    v = sample.values
    handled = v[("requests", "total_handled", "total")]
    return v[("requests", "granted", "total")] + v[("requests", "partially_granted", "total")], handled


def test_top_ten_agencies_by_new_requests(corpus):
    samples, db, _ = corpus
    expected = sorted(
        (
            (AGENCIES[n][0], s.values[("requests", "new_received", "total")])
            for (n, y), s in samples.items()
            if y == 2023
        ),
        key=lambda kv: (-kv[1], kv[0]),
    )[:10]
    got = rows(
        db,
        "SELECT agency, new_received FROM v_report_summary WHERE year = 2023 "
        "ORDER BY new_received DESC, agency LIMIT 10",
    )
    assert got == expected


def test_disclosure_rate_by_province(corpus):
    samples, db, _ = corpus
    expected: dict[str, list[float]] = {}
    for (name, year), sample in samples.items():
        if year == 2022:
            acc = expected.setdefault(AGENCIES[name][2], [0.0, 0.0])
            num, den = disclosure_inputs(sample)
            acc[0] += num
            acc[1] += den
    got = dict(
        rows(
            db,
            "SELECT province, sum(granted + partially_granted) / sum(total_handled) "
            "FROM v_report_summary WHERE year = 2022 GROUP BY province",
        )
    )
    assert got.keys() == expected.keys() == {"江苏省", "河南省", "浙江省"}
    for province, (num, den) in expected.items():
        assert got[province] == pytest.approx(num / den, rel=1e-12)
    per_report = rows(db, "SELECT agency, disclosure_rate FROM v_report_summary WHERE year = 2022 ORDER BY agency")
    for agency, rate in per_report:
        name = next(n for n, meta in AGENCIES.items() if meta[0] == agency)
        num, den = disclosure_inputs(samples[(name, 2022)])
        assert rate == pytest.approx(num / den, rel=1e-12)


def test_agencies_lacking_a_report(corpus):
    _, db, _ = corpus
    assert rows(db, "SELECT agency, year FROM v_coverage WHERE status = 'not_in_folder'") == [("郑州市金水区", 2022)]
    assert rows(db, "SELECT count(*) FROM v_coverage WHERE status = 'present'") == [(32,)]


def test_year_over_year_for_one_agency(corpus):
    samples, db, _ = corpus
    new = {y: samples[("南京市鼓楼区人民政府", y)].values[("requests", "new_received", "total")] for y in YEARS}
    got = rows(
        db,
        "SELECT year, value, prev_value, change, pct_change FROM v_yoy "
        "WHERE agency = '南京市鼓楼区' AND metric = 'new_received' ORDER BY year",
    )
    assert got == [
        (y, new[y], new[y - 1], new[y] - new[y - 1], pytest.approx((new[y] - new[y - 1]) / new[y - 1]))
        for y in (2022, 2023)
    ]
    # no previous year, no row: 金水区 2023 has no 2022 to compare with
    assert rows(db, "SELECT count(*) FROM v_yoy WHERE agency = '郑州市金水区' AND year = 2023") == [(0,)]


def test_republished_report_one_current_the_other_kept_and_marked(corpus):
    samples, db, _ = corpus
    got = rows(
        db,
        "SELECT path, is_current, copies, superseded_by, error_checks FROM v_reports "
        "WHERE agency = '杭州市西湖区' AND year = 2023 ORDER BY path",
    )
    current_path = next(p for p, cur, *_ in got if cur)
    assert [(p, cur, n) for p, cur, n, _s, _e in got] == [("08-2023.txt", True, 2), ("xihu-2023-first.txt", False, 2)]
    assert got[1][3] == current_path and got[1][4] > 0 and got[0][4] == 0
    value = samples[REPUBLISHED].values[("requests", "new_received", "total")]
    assert rows(db, "SELECT new_received FROM v_report_summary WHERE agency = '杭州市西湖区' AND year = 2023") == [
        (value,)
    ]


def test_levels_and_regions(corpus):
    _, db, _ = corpus
    got = {a: (lv, p, c) for a, lv, p, c in rows(db, "SELECT agency, level, province, city FROM agencies")}
    assert got == {key: (level, prov, city) for key, level, prov, city in AGENCIES.values()}
    assert rows(db, "SELECT adcode FROM agencies WHERE agency = '苏州市昆山市'") == [("320583",)]


def test_agency_compare_ranks_peers(corpus):
    samples, db, _ = corpus
    counties_2023 = sorted(
        (
            (AGENCIES[n][0], s.values[("requests", "new_received", "total")])
            for (n, y), s in samples.items()
            if y == 2023 and AGENCIES[n][1] == "county"
        ),
        key=lambda kv: -kv[1],
    )
    got = rows(
        db,
        "SELECT agency, rank_national, peers_national FROM v_agency_compare "
        "WHERE year = 2023 AND level = 'county' AND metric = 'new_received' ORDER BY rank_national",
    )
    assert got == [(a, i + 1, len(counties_2023)) for i, (a, _v) in enumerate(counties_2023)]


def test_check_failures_speak_chinese(corpus):
    _, db, _ = corpus
    got = rows(
        db,
        "SELECT agency, check_code, table_label, row_label, col_label, is_current FROM v_check_failures "
        "WHERE severity = 'error' ORDER BY check_code",
    )
    assert (
        "杭州市西湖区",
        "S1",
        "收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "总计",
        False,
    ) in got


def test_requests_wide_has_one_row_per_report_and_row(corpus):
    samples, db, _ = corpus
    assert rows(db, "SELECT count(*) FROM v_requests_wide") == [(32 * 25,)]
    s = samples[("宁波市人民政府", 2021)].values
    got = rows(
        db,
        "SELECT natural_person, commercial, research, social_welfare, legal_service, other_org, total "
        "FROM v_requests_wide WHERE agency = '宁波市' AND year = 2021 AND row_code = 'granted'",
    )
    cols = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
    assert got == [tuple(s[("requests", "granted", c)] for c in cols)]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_reads_back_with_the_same_row_counts(corpus, tmp_path, fmt):
    _, db, _ = corpus
    out = tmp_path / "export"
    with Warehouse(db) as warehouse:
        written = export(warehouse.con, out, fmt)
        assert list(written) == names(warehouse.con)
    assert {"v_reports", "v_cells", "v_report_summary", "v_yoy", "cells", "check_codes"} <= set(written)
    for name, n in written.items():
        expected = rows(db, f"SELECT count(*) FROM {name}")[0][0]
        assert n == expected
        if fmt == "csv":
            frame = pl.read_csv(out / f"{name}.csv", infer_schema_length=0)
        elif (out / name).is_dir():
            frame = pl.read_parquet(out / name / "**" / "*.parquet", hive_partitioning=True)
            assert frame.schema["year"] == pl.Int32, name  # as in the warehouse
        else:
            frame = pl.read_parquet(out / f"{name}.parquet")
        assert frame.height == expected, name
    if fmt == "parquet":
        assert sorted(p.name for p in (out / "cells").iterdir()) == ["year=2021", "year=2022", "year=2023"]
    else:  # counts print as whole numbers
        summary = (out / "v_report_summary.csv").read_text(encoding="utf-8")
        assert re.search(r",\d+,", summary) and not re.search(r",\d+\.0,", summary)


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=10000",
]


def test_html_report_renders_with_charts_in_headless_chromium(corpus, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is needed for this test: `make test` installs it"
    _, db, _ = corpus
    page = tmp_path / "report.html"
    with Warehouse(db) as warehouse:
        write_report(warehouse.con, page, source="test")
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=|<link[^>]*\bhref=\"?http", html)  # self-contained: nothing to fetch
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert dom.count('class="main-svg"') >= 6  # plotly drew three charts (two svg layers each)
    assert dom.count('class="point"') >= 10  # bars are drawn
    own_errors = dom.split("<h2>报告自身不平衡</h2>")[1].split("</section>")[0].split("<details>")[0]
    assert "杭州市西湖区" not in own_errors  # the superseded copy's errors are not the agency's
    jinshui = dom.split("<h3>郑州市金水区 ")[1].split("</section>")[0]
    assert "<th>2021</th><th>2023</th>" in jinshui and "文件夹中无 2022 年的报告" in jinshui
    shot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--window-size=1200,2400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    colors = image.getcolors(maxcolors=1_000_000)
    assert image.size == (1200, 2400) and colors is not None and len(colors) > 50  # not a blank page
    plot_blue = sum(n for n, (r, g, b) in colors if b > 200 and r < 140 and g < 140)
    assert plot_blue > 5000, "the bar charts' bars are visible in the screenshot"


def test_writer_keeps_row_groups_small(tmp_path):
    """A checkpoint re-compresses the partly filled last row group; the writer keeps them at 32,768 rows
    (DuckDB's default 122,880 cost ~80 MB of memory per checkpoint)."""
    from load.warehouse import ROW_GROUP_SIZE

    db = tmp_path / "w.duckdb"
    with Warehouse(db) as w:
        w.con.execute(
            "INSERT INTO cells (report_id, table_code, row_code, col_code) "
            "SELECT 'r' || i, 'requests', 'new_received', 'total' FROM range(100000) t(i)"
        )
        w.con.execute("CHECKPOINT")
        groups = w.con.execute(
            "SELECT row_group_id, max(start + count) - min(start) FROM pragma_storage_info('cells') "
            "WHERE column_name = 'report_id' GROUP BY ALL ORDER BY 1"
        ).fetchall()
    assert ROW_GROUP_SIZE == 32_768
    assert len(groups) == 4 and max(size for _id, size in groups) == ROW_GROUP_SIZE
    assert rows(db, "SELECT count(*) FROM cells") == [(100_000,)]  # a plain connect reads the same file
