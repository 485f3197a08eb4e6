"""One self-contained HTML page a person reads: what was loaded, where reports do not add up, charts.

Built from the warehouse views; charts are Plotly figures with plotly.js inlined once, so the page works
offline and the browser draws the Chinese labels with its own fonts.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import plotly.io as pio

OUTCOMES = (
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
)
LEVELS = ("province", "city", "county", "township", "department")
LEVEL_NAMES = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇",
    "department": "部门",
    None: "未识别",
}

CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #c0392b;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:3px 8px}
th{background:#f4f4f4}td.n{text-align:right}.note{color:#666;font-size:.9em}
.kpi{display:inline-block;margin:0 2em 1em 0}.kpi b{display:block;font-size:1.6em}.chart{min-height:420px}
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    cur = con.execute(sql)
    return [d[0] for d in cur.description], cur.fetchall()


def _fmt(x) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.3f}"
    return html.escape(str(x))


def _table(columns: list[str], rows: list[tuple], empty: str = "无") -> str:
    if not rows:
        return f"<p class='note'>{empty}</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td class='{'n' if isinstance(x, int | float) else ''}'>{_fmt(x)}</td>" for x in r) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _chart(fig: go.Figure, first: bool) -> str:
    fig.update_layout(
        template="plotly_white",
        height=420,
        margin={"l": 60, "r": 20, "t": 50, "b": 60},
        font={"family": "Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, sans-serif"},
    )
    return "<div class='chart'>" + pio.to_html(fig, include_plotlyjs=first, full_html=False) + "</div>"


def _charts(con: duckdb.DuckDBPyConnection) -> list[str]:
    figs = []
    _, by_year = _rows(
        con,
        "SELECT year, sum(new_received), sum(total_handled), count(*) FROM v_report_summary "
        "WHERE year IS NOT NULL GROUP BY year ORDER BY year",
    )
    years = [str(r[0]) for r in by_year]
    fig = go.Figure(
        [
            go.Bar(name="本年新收申请", x=years, y=[r[1] for r in by_year]),
            go.Bar(name="办理总计", x=years, y=[r[2] for r in by_year]),
        ]
    )
    fig.update_layout(title="依申请公开：按年度合计（当前报告）", barmode="group")
    figs.append(fig)

    sums = ", ".join(f"sum({code})" for code, _ in OUTCOMES)
    _, mix = _rows(con, f"SELECT year, {sums} FROM v_report_summary WHERE year IS NOT NULL GROUP BY year ORDER BY year")
    fig = go.Figure(
        [
            go.Bar(name=name, x=[str(r[0]) for r in mix], y=[r[i + 1] for r in mix])
            for i, (_code, name) in enumerate(OUTCOMES)
        ]
    )
    fig.update_layout(title="办理结果构成（件）", barmode="stack")
    figs.append(fig)

    _, top = _rows(
        con,
        """
        SELECT agency, new_received FROM v_report_summary
        WHERE year = (SELECT max(year) FROM v_report_summary) AND new_received IS NOT NULL
        ORDER BY new_received DESC, agency LIMIT 10""",
    )
    latest = con.execute("SELECT max(year) FROM v_report_summary").fetchall()[0][0]
    fig = go.Figure(go.Bar(x=[r[1] for r in reversed(top)], y=[r[0] for r in reversed(top)], orientation="h"))
    fig.update_layout(title=f"{latest}年 本年新收申请最多的机关（前10）")
    figs.append(fig)
    return [_chart(f, i == 0) for i, f in enumerate(figs)]


def write_report(con: duckdb.DuckDBPyConnection, out: Path, source: str = "") -> None:
    _, docs = _rows(con, "SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC")
    n_reports, n_agencies = con.execute("SELECT count(*), count(DISTINCT agency) FROM v_report_summary").fetchall()[0]
    errors = con.execute("SELECT count(*) FROM v_check_failures WHERE severity = 'error' AND is_current").fetchall()[0][
        0
    ]
    kpis = "".join(
        f"<span class='kpi'><b>{_fmt(v)}</b>{html.escape(k)}</span>"
        for k, v in (
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
               count(*) FILTER (WHERE status = 'missing') AS 缺失
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
    worst_cols, worst = _rows(
        con,
        """
        SELECT agency AS 机关, year AS 年度, count(*) AS 错误数, first(message ORDER BY check_code) AS 示例
        FROM v_check_failures WHERE severity = 'error' AND is_current
        GROUP BY agency, year ORDER BY 错误数 DESC, agency LIMIT 20""",
    )
    bad_cols, bad = _rows(
        con,
        """
        SELECT path AS 文件, status AS 状态, error AS 原因 FROM documents
        WHERE status NOT IN ('parsed', 'partial') ORDER BY status, path LIMIT 100""",
    )
    charts = "".join(_charts(con))
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>政府信息公开年度报告 数据质量与概览</title><style>{CSS}</style></head><body>
<h1>政府信息公开工作年度报告：数据概览</h1>
<p class="note">生成于 {datetime.now():%Y-%m-%d %H:%M}，数据源 {html.escape(source)}。
同一机关同一年有多份报告时只计当前报告。</p>
<div>{kpis}</div>
<h2>已入库情况（按年度、层级）</h2>{_table(cov_cols, coverage)}
<h2>图表</h2>{charts}
<h2>不平衡之处（错误校验，按表/行/列）</h2>{_table(fail_cols, failures, "所有报告的勾稽关系均成立。")}
<h2>错误最多的报告</h2>{_table(worst_cols, worst, "无")}
<h2>未能入库的文件</h2>{_table(bad_cols, bad, "无")}
</body></html>"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
