"""One self-contained HTML page a person reads: what was loaded, where reports do not add up, charts, and
one section per agency with its years side by side and its checks.

Built from the warehouse views; charts are Plotly figures with plotly.js inlined once, so the page works
offline and the browser draws the Chinese labels with its own fonts. A chart with no data, or only zeros,
is replaced by a sentence saying so. Totals by year add up the same agencies in every year (those with a
current report in each year shown), and say how many agencies were left out, so a year does not look
larger only because more reports were loaded for it.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import plotly.io as pio

from load.outputs import write_page
from transform import vocabulary as v

OUTCOMES = (  # v_report_summary columns of the outcome of requests, and their labels
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
)
# Rows of an agency's table, its years side by side: (v_report_summary column, label).
METRICS = (
    ("new_received", "本年新收申请"),
    ("carried_over", "上年结转"),
    *OUTCOMES,
    ("total_handled", "办理总计"),
    ("carried_forward", "结转下年度"),
    ("disclosure_rate", "公开率"),
    ("review_total", "行政复议"),
    ("litigation_total", "行政诉讼"),
    ("fees_amount", "收费金额（万元）"),
)
RATES = frozenset({"disclosure_rate"})
MAX_AGENCIES = 300  # agency sections on one page (those with most errors first)
MAX_ROWS = 500  # rows of a list of checks
LEVELS = ("province", "city", "county", "township", "department")
LEVEL_NAMES = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇",
    "department": "部门",
    None: "未识别",
}
CHECK_COLUMNS = ("年度", "校验", "说明", "文件", "页", "印为")
YEARS = "SELECT DISTINCT year FROM v_report_summary WHERE year IS NOT NULL ORDER BY 1"

CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #c0392b;padding-bottom:.2em}
h3{margin-top:1.5em}section.agency{border-top:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:3px 8px}
th{background:#f4f4f4}td.n{text-align:right}.note{color:#666;font-size:.9em}
.kpi{display:inline-block;margin:0 2em 1em 0}.kpi b{display:block;font-size:1.6em}.chart{min-height:420px}
details{margin:.5em 0}summary{cursor:pointer;color:#555}
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
    cur = con.execute(sql, params or [])
    return [d[0] for d in cur.description], cur.fetchall()


def _fmt(x, rate: bool = False, grouped: bool = False) -> str:
    if x is None:
        return "—"
    if grouped and isinstance(x, int) and not isinstance(x, bool):  # a count of the views (BIGINT)
        return f"{x:,}"
    if isinstance(x, float):
        if rate:
            return f"{x:.1%}"
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.4f}".rstrip("0")
    return html.escape(str(x))


def _table(columns: list[str] | tuple[str, ...], rows: list[tuple], empty: str = "无") -> str:
    if not rows:
        return f"<p class='note'>{empty}</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td class='{'n' if isinstance(x, int | float) else ''}'>{_fmt(x)}</td>" for x in r) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _warnings(rows: list[tuple], columns: tuple[str, ...] = CHECK_COLUMNS, total: int | None = None) -> str:
    """Warning checks, collapsed: a reader opens them when they want them (at most MAX_ROWS listed)."""
    total = len(rows) if total is None else total
    if not total:
        return ""
    more = f"（列出前 {MAX_ROWS} 条）" if total > MAX_ROWS else ""
    return f"<details><summary>警告 {total} 条{more}</summary>{_table(columns, rows[:MAX_ROWS])}</details>"


class _Charts:
    """Charts in page order; plotly.js is inlined with the first one drawn. A chart whose values are all
    missing or zero is a sentence instead (a ranking of zeros says nothing)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.drawn = 0

    def add(self, fig: go.Figure, title: str, values: list, note: str = "") -> None:
        caption = f"<p class='note'>{html.escape(note)}</p>" if note else ""
        if not any(x for x in values if x is not None):
            what = "无数据" if all(x is None for x in values) else "数值全部为 0"
            self.parts.append(f"<h3>{html.escape(title)}</h3><p class='note empty-chart'>{what}，不作图。</p>{caption}")
            return
        fig.update_layout(
            title=title,
            template="plotly_white",
            height=420,
            margin={"l": 60, "r": 20, "t": 50, "b": 60},
            font={"family": "Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, sans-serif"},
        )
        plot = pio.to_html(fig, include_plotlyjs=self.drawn == 0, full_html=False)
        self.parts.append(f"<div class='chart'>{plot}</div>{caption}")
        self.drawn += 1


def _panel(con: duckdb.DuckDBPyConnection) -> tuple[list[int], list[str], int]:
    """The years loaded, the agencies with a current report in every one of them, and all agencies."""
    years = [r[0] for r in con.execute(YEARS).fetchall()]
    every = con.execute(
        "SELECT agency FROM v_report_summary WHERE year IS NOT NULL AND agency IS NOT NULL GROUP BY agency "
        "HAVING count(DISTINCT year) = ? ORDER BY agency",
        [len(years)],
    ).fetchall()
    n_all = con.execute("SELECT count(DISTINCT agency) FROM v_report_summary WHERE year IS NOT NULL").fetchall()[0][0]
    return years, [r[0] for r in every], n_all


def _charts(con: duckdb.DuckDBPyConnection) -> str:
    charts = _Charts()
    years, panel, n_all = _panel(con)
    if len(years) > 1 and panel:
        scope, params = "agency IN (SELECT unnest(?))", [panel]
        note = (
            f"各年合计只计 {years[0]}–{years[-1]} 每年都有报告的 {len(panel)} 个机关（共 {n_all} 个），"
            "以免某年只因入库的报告多而显得大。"
            if len(panel) < n_all
            else f"{n_all} 个机关每年都有报告。"
        )
    else:
        scope, params = "true", []
        note = f"没有机关在 {years[0]}–{years[-1]} 每年都有报告：各年的机关不同，合计不可比。" if len(years) > 1 else ""
    sums = ", ".join(f"sum({code})" for code, _ in OUTCOMES)
    by_year = con.execute(
        f"SELECT year, sum(new_received), sum(total_handled), count(*), {sums} FROM v_report_summary "
        f"WHERE year IS NOT NULL AND {scope} GROUP BY year ORDER BY year",
        params,
    ).fetchall()
    x = [f"{r[0]}（{r[3]}个机关）" for r in by_year]
    fig = go.Figure(
        [
            go.Bar(name="本年新收申请", x=x, y=[r[1] for r in by_year]),
            go.Bar(name="办理总计", x=x, y=[r[2] for r in by_year]),
        ]
    )
    fig.update_layout(barmode="group")
    charts.add(fig, "依申请公开：按年度合计（当前报告）", [r[i] for r in by_year for i in (1, 2)], note)

    fig = go.Figure([go.Bar(name=name, x=x, y=[r[4 + i] for r in by_year]) for i, (_code, name) in enumerate(OUTCOMES)])
    fig.update_layout(barmode="stack")
    charts.add(fig, "办理结果构成（件）", [r[4 + i] for r in by_year for i in range(len(OUTCOMES))], note)

    latest = years[-1] if years else None
    top = con.execute(
        "SELECT agency, new_received FROM v_report_summary WHERE year = ? AND new_received > 0 "
        "ORDER BY new_received DESC, agency LIMIT 10",
        [latest],
    ).fetchall()
    reported = con.execute("SELECT count(new_received) FROM v_report_summary WHERE year = ?", [latest]).fetchall()[0][0]
    fig = go.Figure(go.Bar(x=[r[1] for r in reversed(top)], y=[r[0] for r in reversed(top)], orientation="h"))
    title = f"{latest or ''}年 本年新收申请最多的机关（前10）"
    charts.add(fig, title, [r[1] for r in top] or [0.0 if reported else None])
    return "".join(charts.parts)


def _agency_sections(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """One section per agency (most errors first): its years side by side, its files, its errors with
    file, page and printed text, its warnings collapsed. Returns (table of contents, sections)."""
    years = [r[0] for r in con.execute(YEARS).fetchall()]
    metric_cols = ", ".join(code for code, _ in METRICS)
    summary = con.execute(
        f"SELECT coalesce(agency, '（未识别机关）'), year, level, province, city, path, status, {metric_cols} "
        "FROM v_report_summary"
    ).fetchall()
    checks = con.execute(
        "SELECT coalesce(agency, '（未识别机关）'), severity, year, check_code, message, path, page, raw_text "
        "FROM v_check_failures WHERE is_current ORDER BY year, check_code, message"
    ).fetchall()
    reports: dict[str, dict] = defaultdict(dict)
    place: dict[str, tuple] = {}
    for agency, year, level, province, city, *rest in summary:
        reports[agency][year] = rest
        place[agency] = (LEVEL_NAMES.get(level, level), province, city)
    found: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: {"error": [], "warning": []})
    for agency, severity, *rest in checks:
        found[agency][severity].append(tuple(rest))
    order = sorted(reports, key=lambda a: (-len(found[a]["error"]), a))
    toc, parts = [], []
    for i, agency in enumerate(order[:MAX_AGENCIES]):
        cols = sorted(reports[agency], key=lambda y: (y is None, y or 0))
        head = "".join(f"<th>{'年度不明' if y is None else y}</th>" for y in cols)
        body = "".join(
            f"<tr><th>{label}</th>"
            + "".join(
                f"<td class='n'>{_fmt(reports[agency][y][2 + k], code in RATES, grouped=True)}</td>" for y in cols
            )
            + "</tr>"
            for k, (code, label) in enumerate(METRICS)
        )
        known = [y for y in cols if y is not None]
        gaps = [str(y) for y in years if known and known[0] < y < known[-1] and y not in reports[agency]]
        files = "".join(
            f"<li>{_fmt(y)}：{html.escape(reports[agency][y][0] or '')}（{html.escape(reports[agency][y][1])}）</li>"
            for y in cols
        )
        errors = found[agency]["error"]
        level, province, city = place[agency]
        where = " ".join(html.escape(p) for p in (level, province, city) if p)
        n_err = f"，错误 {len(errors)} 条" if errors else ""
        toc.append(f"<a href='#agency-{i}'>{html.escape(agency)}</a>{n_err}")
        parts.append(
            f"<section class='agency' id='agency-{i}'><h3>{html.escape(agency)} <span class='note'>{where}</span></h3>"
            f"<table><tr><th>指标</th>{head}</tr>{body}</table><ul class='note'>{files}</ul>"
            + (f"<p class='note'>文件夹中无 {'、'.join(gaps)} 年的报告</p>" if gaps else "")
            + (f"<p><b>错误校验</b></p>{_table(CHECK_COLUMNS, errors)}" if errors else "<p class='note'>无错误校验</p>")
            + _warnings(found[agency]["warning"])
            + "</section>"
        )
    if len(order) > MAX_AGENCIES:
        parts.append(f"<p class='note'>另有 {len(order) - MAX_AGENCIES} 个机关未列出，见视图 v_report_summary。</p>")
    return "；".join(toc), "".join(parts)


def write_report(con: duckdb.DuckDBPyConnection, out: Path, source: str = "") -> None:
    """Write the page to `out` (UTF-8 HTML, nothing fetched when opened) through `load.outputs.write_page`:
    only over a missing file or an earlier page, renamed into place at the end (OutputRefused, OSError)."""
    _, docs = _rows(con, "SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC")
    n_reports, n_agencies = con.execute("SELECT count(*), count(DISTINCT agency) FROM v_report_summary").fetchall()[0]
    errors = con.execute(
        "SELECT count(*) FROM v_check_failures WHERE severity = ? AND is_current", [v.Severity.ERROR.value]
    ).fetchall()[0][0]
    kpis = "".join(
        f"<span class='kpi'><b>{_fmt(n)}</b>{html.escape(k)}</span>"
        for k, n in (
            ("报告（当前）", n_reports),
            ("机关", n_agencies),
            ("错误校验", errors),
            *((f"文件：{s}", n) for s, n in docs),
        )
    )
    level_cols = ", ".join(
        f"count(*) FILTER (WHERE level = '{lv}' AND status = 'present') AS \"{LEVEL_NAMES[lv]}\"" for lv in LEVELS
    )
    cov_cols, coverage = _rows(
        con,
        f"""
        SELECT year AS 年度, {level_cols},
               count(*) FILTER (WHERE level IS NULL AND status = 'present') AS 未识别层级,
               count(*) FILTER (WHERE status = 'partial') AS 不完整,
               count(*) FILTER (WHERE status = 'not_in_folder') AS 文件夹中无
        FROM v_coverage WHERE year IS NOT NULL GROUP BY year ORDER BY year""",
    )
    fail_cols, failures = _rows(
        con,
        """
        SELECT coalesce(table_label, table_code, '') AS 表, coalesce(row_label, '（各行）') AS 行,
               coalesce(col_label, '（各列）') AS 列, string_agg(DISTINCT check_code, ',') AS 校验,
               count(*) AS 次数, count(DISTINCT report_id) AS 报告数
        FROM v_check_failures WHERE severity = 'error' AND is_current
        GROUP BY ALL ORDER BY 次数 DESC, 表, 行, 列 LIMIT 30""",
    )
    detail = f"""
        SELECT agency AS 机关, year AS 年度, check_code AS 校验, message AS 说明, path AS 文件, page AS 页,
               raw_text AS 印为
        FROM v_check_failures WHERE severity = ? AND is_current
        ORDER BY agency, year, check_code, message LIMIT {MAX_ROWS}"""
    err_cols, err_rows = _rows(con, detail, [v.Severity.ERROR.value])
    warn_cols, warn_rows = _rows(con, detail, [v.Severity.WARNING.value])
    n_warnings = con.execute(
        "SELECT count(*) FROM v_check_failures WHERE severity = ? AND is_current", [v.Severity.WARNING.value]
    ).fetchall()[0][0]
    bad_cols, bad = _rows(
        con,
        """
        SELECT d.path AS 文件, d.status AS 状态, d.error AS 原因 FROM documents d
        JOIN document_statuses s ON s.status = d.status AND NOT s.holds_report
        ORDER BY d.status, d.path LIMIT 100""",
    )
    toc, agencies = _agency_sections(con)
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>政府信息公开年度报告 数据质量与概览</title><style>{CSS}</style></head><body>
<h1>政府信息公开工作年度报告：数据概览</h1>
<p class="note">生成于 {datetime.now():%Y-%m-%d %H:%M}，数据源 {html.escape(source)}。
同一机关同一年有多份报告时只计当前报告。</p>
<div>{kpis}</div>
<h2>已入库情况（按年度、层级）</h2>{_table(cov_cols, coverage)}
<p class="note">“文件夹中无”：该机关该年没有文件在所读的文件夹里（不等于机关未公开）。</p>
<h2>图表</h2>{_charts(con)}
<h2>不平衡之处（错误校验，按表/行/列）</h2>{_table(fail_cols, failures, "所有报告的勾稽关系均成立。")}
<h2>错误校验明细</h2>{_table(err_cols, err_rows, "无")}
<h2>警告</h2>{_warnings(warn_rows, tuple(warn_cols), n_warnings) or "<p class='note'>无</p>"}
<h2>各机关</h2><p class="note">{toc or "无"}</p>{agencies}
<h2>未能入库的文件</h2>{_table(bad_cols, bad, "无")}
</body></html>"""
    write_page(out, page)
