"""Generated reports for the section reader (issue 28), one per kind of layout real reports print:
a crawler dump whose body is one line, a heading lost in conversion, chapters numbered the report's own
way, page footers / chrome / a signature among the text, and the traps (table rows, sentences and
sub-headings that read like headings, heading variants and typos). Each is the sample report of
tests/reportgen.py with its parts changed; `SECTION_TEXT` holds what each section's text must be."""

from __future__ import annotations

from tests.reportgen import (
    LOSSY_LAYOUTS,
    SECTION_TEXT,
    TEXT_LAYOUTS,
    SampleReport,
    active_grid,
    document,
    requests_grid,
    review_grid,
)

HEADINGS = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}
CHROME = "附件下载 打印本页 关闭窗口"
LISTING = (
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项。"
)
CHAPTERS = (
    ("一、加强组织领导", "成立政务公开工作领导小组，明确分管领导。"),
    ("二、主动公开情况", "全年主动公开政府信息若干条，及时更新专栏。"),
    ("三、依申请公开情况", "依法依规办理政府信息公开申请。"),
    ("四、政府信息管理", "严格执行公开前保密审查制度。"),
    ("五、平台建设", "持续优化政府网站信息公开专栏。"),
    ("六、监督保障", "将政务公开纳入年度绩效考核。"),
)
CHAPTER_TEXT = "\n".join(f"{h}\n{t}" for h, t in CHAPTERS)


def _render(parts: list[str | list[list[str]]], sep: str, layout: str = "tab") -> str:
    table = {**TEXT_LAYOUTS, **LOSSY_LAYOUTS}[layout]
    return sep.join(table(p) if isinstance(p, list) else p for p in parts)


NUMBERED_LISTING = "本报告包括：" + "；".join(HEADINGS.values()) + "。"


def one_line_dump(r: SampleReport, listing: str = LISTING, lost: tuple[str, ...] = ()) -> str:
    """A crawler's header block, then the whole body on one line: headings glued to the table digits
    before them and the text after them, the page's links after the body. `listing`: the opening
    sentence that names the sections; `lost`: headings the conversion dropped."""
    header = f"标题: {r.title}\n发布机构: {r.agency_raw}\n==================== 正文 ===================="
    body = [p.replace("\n", "") if isinstance(p, str) else p for p in document(r)[1:-2] if p not in lost]
    body.insert(1, listing)  # no title, no signature
    return f"{header}\n{_render(body, '', 'run_together')} {CHROME}\n"


def lost_heading(r: SampleReport) -> str:
    """A conversion that dropped the heading of section 5: its text follows table 4 directly."""
    parts = [p for p in document(r) if p != HEADINGS[5]]
    return _render(parts, "\n\n") + "\n"


def renumbered(r: SampleReport) -> str:
    """Narrative chapters 一、…六、 before the tables (no 总体情况 heading), tables under （一）…（三）,
    then 四、存在的主要问题… and section 6 printed as 五、其他需要报告的事项."""
    parts: list[str | list[list[str]]] = [
        r.title,
        f"根据《中华人民共和国政府信息公开条例》，现公布{r.agency_raw}{r.year}年政府信息公开工作年度报告。",
        CHAPTER_TEXT,
        "（一）主动公开政府信息情况",
        active_grid(r),
        "（二）收到和处理政府信息公开申请情况",
        requests_grid(r),
        "（三）政府信息公开行政复议、行政诉讼情况",
        review_grid(r),
        "四、存在的主要问题及改进情况",
        SECTION_TEXT[5],
        "五、其他需要报告的事项",
        SECTION_TEXT[6],
    ]
    return _render(parts, "\n\n") + "\n"


SPACED_HEADING = "一、总 体 情 况"


def with_debris(r: SampleReport) -> str:
    """A PDF-to-text page: section 1's heading spread with spaces, footers `— n —` and a lone page
    number inside sections 1 and 5, the signature (agency, date) after section 6, a footer after it,
    the web page's links at the end."""
    parts = document(r)
    at1, at5 = parts.index(SECTION_TEXT[1]), parts.index(SECTION_TEXT[5])
    first, second = SECTION_TEXT[1].split("\n")
    parts[at1] = f"{first}\n— 1 —\n{second}"
    problems, changes = SECTION_TEXT[5].split("\n")
    parts[at5] = f"{problems}\n3\n{changes}"
    parts[parts.index(HEADINGS[1])] = SPACED_HEADING  # a PDF layout spreads a short heading
    return _render(parts, "\n\n") + "\n— 7 —\n" + CHROME + "\n"


TRAP_SECTION_1 = (
    "（一）主动公开政府信息情况\n本年度主动公开政府信息若干条。\n（二）收到和处理政府信息公开申请情况\n依法办理申请。"
)
TRAP_SECTION_6 = "无其他需要报告的事项。"
TRAP_HEADINGS = {4: "四、政府信息公开行政法复议、行政诉讼情况", 5: "五、存在的主要问题及明年工作计划"}


def traps(r: SampleReport) -> str:
    """A sentence that lists the section names, sub-headings inside section 1 worded like sections 2
    and 3, heading variants and a typo, section 6 saying 无其他需要报告的事项 (table rows 一、本年新收…
    四、结转下年度继续办理 come with the requests table)."""
    parts = document(r)[:-2]
    parts.insert(2, LISTING)
    parts[parts.index(SECTION_TEXT[1])] = TRAP_SECTION_1
    parts[parts.index(SECTION_TEXT[6])] = TRAP_SECTION_6
    parts = [
        TRAP_HEADINGS.get(next((n for n, h in HEADINGS.items() if h == p), 0), p) if isinstance(p, str) else p
        for p in parts
    ]
    return _render(parts, "\n\n") + "\n"


def without_section_5(r: SampleReport) -> str:
    """A report that prints no section 5 at all (neither heading nor text)."""
    parts = [p for p in document(r) if p not in (HEADINGS[5], SECTION_TEXT[5])]
    return _render(parts, "\n\n") + "\n"
