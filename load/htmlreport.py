"""One self-contained HTML page a person reads: what was loaded, charts, where the reports themselves do
not add up (报告自身不平衡: checks of origin `report`), what ogi could not read (未能读取: checks of origin
`reading` and the files no number was read from, each with its reason), and one section per agency with
its years side by side and its checks, each error drilled down to the stored values of the cells it
names and, for a PDF, a picture of where they are printed (load/evidence.py, issue 24). Codes and
statuses are shown by their Chinese labels (transform/vocabulary.py), the code beside.

Rendered from the Jinja2 template `load/templates/report.html.j2` (autoescaped); this module only reads
the warehouse views into plain rows. Issue 27: ogi's reading failures must never be listed as an agency's
errors, or a supervising office would chase agencies for numbers ogi failed to read.

Built from the warehouse views; charts are Plotly figures with plotly.js inlined once, so the page works
offline and the browser draws the Chinese labels with its own fonts. A chart with no data, or only zeros,
is replaced by a sentence saying so. Totals by year add up the same agencies in every year (those with a
current report in each year shown), and say how many agencies were left out, so a year does not look
larger only because more reports were loaded for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import plotly.graph_objects as go
import plotly.io as pio

from load.evidence import Evidence, EvidenceMaker
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
YEARS = "SELECT DISTINCT year FROM v_report_summary WHERE year IS NOT NULL ORDER BY 1"
# A failed check as the page lists it: (agency, year, code, Chinese label, message, file, page, printed text,
# and where it points: report, table, row, column).
CHECK_FIELDS = (
    "coalesce(agency, '（未识别机关）'), year, check_code, coalesce(check_label, check_code), message, path, "
    "page, raw_text, report_id, table_code, row_code, col_code"
)
CHECK_ORDER = "ORDER BY agency, year, check_code, message"


@dataclass(frozen=True, slots=True)
class Finding:
    """A failed check as listed: the code with its Chinese label, where it is (file, page), what it says
    (message, the text as printed), the cells it names (report, table, row, column; None: every) and, in
    an agency's section, what they hold and look like in the file (`evidence`, load/evidence.py)."""

    agency: str
    year: int | None
    code: str
    label: str
    message: str | None
    path: str | None
    page: int | None
    raw_text: str | None
    report_id: str = ""
    table_code: str | None = None
    row_code: str | None = None
    col_code: str | None = None
    evidence: Evidence | None = None


def _fmt(x: Any, rate: bool = False, grouped: bool = False) -> str:
    """A value as the page prints it: — for missing, thousands separators, rates in percent; `grouped`:
    a whole-number count of the views (BIGINT) with thousands separators too (a year is not grouped)."""
    if x is None:
        return "—"
    if grouped and isinstance(x, int) and not isinstance(x, bool):
        return f"{x:,}"
    if isinstance(x, float):
        if rate:
            return f"{x:.1%}"
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.4f}".rstrip("0")
    return str(x)


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("load", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["fmt"] = _fmt
_ENV.tests["number"] = lambda x: isinstance(x, int | float) and not isinstance(x, bool)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
    cur = con.execute(sql, params or [])
    return [d[0] for d in cur.description], cur.fetchall()


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    return con.execute(sql, params or []).fetchall()[0][0]


def _findings(con: duckdb.DuckDBPyConnection, origin: v.Origin, counts: dict[tuple[str, str], int]) -> dict:
    """The current reports' checks of one origin: `errors` and `warnings` (at most MAX_ROWS each) and how
    many there are in all (`n_errors`, `n_warnings`; `counts`: (origin, severity) → number)."""
    out: dict[str, Any] = {}
    for severity, key in ((v.Severity.ERROR, "errors"), (v.Severity.WARNING, "warnings")):
        found = con.execute(
            f"SELECT {CHECK_FIELDS} FROM v_check_failures WHERE is_current AND origin = ? AND severity = ? "
            f"{CHECK_ORDER} LIMIT {MAX_ROWS}",
            [origin.value, severity.value],
        ).fetchall()
        out[key], out[f"n_{key}"] = [Finding(*r) for r in found], counts.get((origin.value, severity.value), 0)
    return out


class _Charts:
    """Charts in page order; plotly.js is inlined with the first one drawn. A chart whose values are all
    missing or zero is a sentence instead (a ranking of zeros says nothing)."""

    def __init__(self) -> None:
        self.parts: list[dict[str, Any]] = []  # title, empty (the sentence, or None), plot (HTML), note
        self.drawn = 0

    def add(self, fig: go.Figure, title: str, values: list, note: str = "") -> None:
        if not any(x for x in values if x is not None):
            what = "无数据" if all(x is None for x in values) else "数值全部为 0"
            self.parts.append({"title": title, "empty": what, "plot": None, "note": note})
            return
        fig.update_layout(
            title=title,
            template="plotly_white",
            height=420,
            margin={"l": 60, "r": 20, "t": 50, "b": 60},
            font={"family": "Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, sans-serif"},
        )
        plot = pio.to_html(fig, include_plotlyjs=self.drawn == 0, full_html=False)  # plotly's HTML, kept as is
        self.parts.append({"title": title, "empty": None, "plot": plot, "note": note})
        self.drawn += 1


def _panel(con: duckdb.DuckDBPyConnection) -> tuple[list[int], list[str], int]:
    """The years loaded, the agencies with a current report in every one of them, and all agencies."""
    years = [r[0] for r in con.execute(YEARS).fetchall()]
    every = con.execute(
        "SELECT agency FROM v_report_summary WHERE year IS NOT NULL AND agency IS NOT NULL GROUP BY agency "
        "HAVING count(DISTINCT year) = ? ORDER BY agency",
        [len(years)],
    ).fetchall()
    n_all = _count(con, "SELECT count(DISTINCT agency) FROM v_report_summary WHERE year IS NOT NULL")
    return years, [r[0] for r in every], n_all


def _charts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
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
    reported = _count(con, "SELECT count(new_received) FROM v_report_summary WHERE year = ?", [latest])
    fig = go.Figure(go.Bar(x=[r[1] for r in reversed(top)], y=[r[0] for r in reversed(top)], orientation="h"))
    title = f"{latest or ''}年 本年新收申请最多的机关（前10）"
    charts.add(fig, title, [r[1] for r in top] or [0.0 if reported else None])
    return charts.parts


def _agencies(con: duckdb.DuckDBPyConnection) -> tuple[list[dict[str, Any]], int]:
    """One entry per agency (most of the reports' own errors first, then most reading errors): its years
    side by side, its files, its checks by origin and severity. Returns (at most MAX_AGENCIES, how many
    more there are)."""
    years = [r[0] for r in con.execute(YEARS).fetchall()]
    metric_cols = ", ".join(code for code, _ in METRICS)
    summary = con.execute(
        f"SELECT coalesce(agency, '（未识别机关）'), year, level, province, city, path, status, {metric_cols} "
        "FROM v_report_summary"
    ).fetchall()
    labels = dict(con.execute("SELECT status, label FROM document_statuses").fetchall())
    checks = con.execute(
        f"SELECT origin, severity, {CHECK_FIELDS} FROM v_check_failures WHERE is_current {CHECK_ORDER}"
    ).fetchall()
    reports: dict[str, dict] = defaultdict(dict)
    place: dict[str, str] = {}
    for agency, year, level, province, city, *rest in summary:
        reports[agency][year] = rest
        place[agency] = " ".join(p for p in (LEVEL_NAMES.get(level, level), province, city) if p)
    found: dict[str, dict[tuple[str, str], list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for origin, severity, *rest in checks:
        found[rest[0]][origin, severity].append(Finding(*rest))

    def n(agency: str, origin: v.Origin, severity: v.Severity = v.Severity.ERROR) -> int:
        return len(found[agency][origin.value, severity.value])

    order = sorted(reports, key=lambda a: (-n(a, v.Origin.REPORT), -n(a, v.Origin.READING), a))
    evidence = EvidenceMaker(con)

    def shown(findings: list[Finding]) -> list[Finding]:
        """The findings with their evidence (the drill-down: stored values, a picture of the page)."""
        return [
            replace(f, evidence=evidence(f.report_id, f.table_code, f.row_code, f.col_code, f.page)) for f in findings
        ]

    out = []
    for i, agency in enumerate(order[:MAX_AGENCIES]):
        cols = sorted(reports[agency], key=lambda y: (y is None, y or 0))
        known = [y for y in cols if y is not None]
        checks_of = found[agency]
        out.append(
            {
                "id": f"agency-{i}",
                "name": agency,
                "place": place[agency],
                "years": cols,
                "metrics": [
                    (label, [_fmt(reports[agency][y][2 + k], code in RATES, grouped=True) for y in cols])
                    for k, (code, label) in enumerate(METRICS)
                ],
                "files": [(y, reports[agency][y][0] or "", labels.get(reports[agency][y][1], "")) for y in cols],
                "gaps": [str(y) for y in years if known and known[0] < y < known[-1] and y not in reports[agency]],
                "report_errors": shown(checks_of["report", "error"]),
                "reading_errors": shown(checks_of["reading", "error"]),
                "warnings": checks_of["report", "warning"] + checks_of["reading", "warning"],
            }
        )
    return out, max(0, len(order) - MAX_AGENCIES)


def render_report(con: duckdb.DuckDBPyConnection, source: str = "") -> str:
    """The page (UTF-8 HTML text, nothing fetched when opened) for the warehouse open on `con`."""
    report, reading = v.Origin.REPORT, v.Origin.READING
    error = v.Severity.ERROR
    n_reports, n_agencies = con.execute("SELECT count(*), count(DISTINCT agency) FROM v_report_summary").fetchall()[0]
    counts = dict(
        ((o, s), n)
        for o, s, n in con.execute(
            "SELECT origin, severity, count(*) FROM v_check_failures WHERE is_current GROUP BY ALL"
        ).fetchall()
    )
    cut_short, older = con.execute(  # reports apart from failures: tables missing, or a format without tables
        "SELECT count(*) FILTER (WHERE status = ?), count(*) FILTER (WHERE format_version = ?) FROM v_reports "
        "WHERE is_current",
        [v.DocStatus.PARTIAL.value, v.PRE2019],
    ).fetchall()[0]
    n_unread = _count(con, "SELECT count(*) FROM v_failures")
    docs = con.execute(
        "SELECT coalesce(s.label, d.status), count(*) FROM documents d "
        "LEFT JOIN document_statuses s USING (status) GROUP BY ALL ORDER BY 2 DESC"
    ).fetchall()
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
    imbalance_cols, imbalances = _rows(
        con,
        """
        SELECT coalesce(table_label, table_code, '') AS 表, coalesce(row_label, '（各行）') AS 行,
               coalesce(col_label, '（各列）') AS 列, string_agg(DISTINCT check_label, '、') AS 校验,
               count(*) AS 次数, count(DISTINCT report_id) AS 报告数
        FROM v_check_failures WHERE severity = ? AND origin = ? AND is_current
        GROUP BY ALL ORDER BY 次数 DESC, 表, 行, 列 LIMIT 30""",
        [error.value, report.value],
    )
    unread = con.execute(
        f"SELECT path, status_label, reason FROM v_failures ORDER BY status, path LIMIT {MAX_ROWS}"
    ).fetchall()
    unread_groups = con.execute(
        "SELECT status_label, reason, count(*), list(path ORDER BY path)[1:3] FROM v_failures "
        "GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT 30"
    ).fetchall()
    agencies, more_agencies = _agencies(con)
    return _ENV.get_template("report.html.j2").render(
        generated=f"{datetime.now():%Y-%m-%d %H:%M}",
        source=source,
        origin_labels={o.value: label for o, label in v.ORIGIN_LABELS.items()},
        kpis=[
            ("报告（当前）", n_reports),
            ("机关", n_agencies),
            (f"{v.ORIGIN_LABELS[report]}（错误）", counts.get((report.value, error.value), 0)),
            ("未读出数字的文件", n_unread),
            (f"{v.ORIGIN_LABELS[reading]}（错误）", counts.get((reading.value, error.value), 0)),
            ("缺表的报告", cut_short),
            ("2019年前旧格式报告", older),
            *((f"文件：{label}", n) for label, n in docs),
        ],
        coverage=(cov_cols, coverage),
        charts=_charts(con),
        imbalances=(imbalance_cols, imbalances),
        own=_findings(con, report, counts),
        unread=unread,
        n_unread=n_unread,
        unread_groups=unread_groups,
        reading=_findings(con, reading, counts),
        agencies=agencies,
        more_agencies=more_agencies,
    )


def write_report(con: duckdb.DuckDBPyConnection, out: Path, source: str = "") -> None:
    """Write the page to `out` (UTF-8 HTML, nothing fetched when opened) through `load.outputs.write_page`:
    only over a missing file or an earlier page, renamed into place at the end (OutputRefused, OSError)."""
    write_page(out, render_report(con, source))
