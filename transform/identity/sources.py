"""Every place a report names itself, read separately: the title, the opening sentence, the statistics
period, a `来源:` line (or a disclosure page's field table: 发布机构：…), the breadcrumb, a `栏目:` line, a body
sentence, the file name and the folders; for a saved web page also what it prints outside its body
(extract.model.PageField: ArticleTitle / <title>, ContentSource, ColumnName, SiteName, the lines before the
report). Each gives a `Reading` (its source, the agency string as printed, the year); `metadata` weighs
them.

Sources and their trust order are data in `transform/vocabulary.py` (`IDENTITY_SOURCES`). Nothing here
decides: a reading's agency is what that place prints, checked by `names.agency_name` later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from extract.model import (
    PAGE_COLUMN,
    PAGE_FOOTER,
    PAGE_HEADER,
    PAGE_SITE,
    PAGE_SOURCE,
    PAGE_TITLE,
    Block,
    PageField,
    Paragraph,
)
from transform.headings import heading_no
from transform.identity.names import agency_name, name_at_start, places
from transform.normalize import clean, compact, digit_years

_YEAR = r"((?:19|20)\d{2})年度?"
# "XX人民政府2023年度…报告" or "2023年XX镇政府信息公开…报告"
_AGENCY_FIRST = re.compile(rf"^(?P<agency>.*?){_YEAR}")
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<agency>.*?(?:人民政府)?)(?<!人民)(?:政府)?(?:信息公开|政务公开)")
# "XX局政府信息公开工作年度报告（2021年度）", or no year at all: "XX镇政府信息公开工作年度报告"
_REPORT_FIRST = re.compile(
    rf"^(?P<agency>[^0-9]+?(?:人民政府)?)(?<!人民)(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
    rf"(?:[（(]{_YEAR})?"
)
_HEADER_PREFIX = re.compile(r"^(?:标题|题目|文章标题|title)[:：]", re.IGNORECASE)
_TITLE_END = ("报告", "年报")
MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80  # a longer line is the opening paragraph of a report printed without its title
OPENING_PARAGRAPHS = 15
OPENING_CHARS = 2000  # of each opening paragraph: a crawler dump may hold the whole report on one line
FOOTER_PARAGRAPHS = 8

_FREE = r"[^，,。；;、《》()（）:：]"  # an agency printed inside a sentence: no punctuation
_REPORT = r"(?:政府)?(?:信息公开|政务公开)"
_OPENING = (  # the sentence that names the report: its agency run (cut by _last_name) and its year
    re.compile(rf"({_FREE}{{0,60}}?){_YEAR}{_REPORT}(?:工作)?(?:情况)?(?:年度)?(?:报告|年报)"),
    re.compile(rf"({_FREE}{{2,40}}?(?:编制了?|编制完成了?|发布了?))《?{_YEAR}"),
)
# a document the opening cites (根据《XX办公厅关于编制公布2021年…报告有关事项的通知》): not this report
_CITED = re.compile(r"《[^《》]{0,80}(?:通知|意见|办法|规定|要点|方案|函)》")
# the words before an agency's name in an opening sentence: 现公布 / 由 / 编制的 / 关于 …
_LEAD_IN = re.compile(r"(的|由|根据|按照|依据|关于|公布|发布了?|编制完成了?|编制了?|印发|予以|现将|特此|兹将)")
_NAME_TAIL = re.compile(r"[\u4e00-\u9fa5（）Xx]+$")
_SUBJECT_VERBS = frozenset({"编制", "编制了", "编制完成", "编制完成了", "发布", "发布了"})
_PERIOD = (
    re.compile(rf"统计(?:数据)?的?(?:期限|时限|时间|区间|周期|期间|范围|期)(?:为|自|从|是|均为)?{_YEAR}"),
    re.compile(r"((?:19|20)\d{2})年1月1日(?:起|零时)?(?:至|到|—|-|~|－)(?:(?:19|20)\d{2}年)?12月31日"),
    re.compile(r"统计(?:数据)?(?:时间)?截至((?:19|20)\d{2})年12月31日"),
)
_BODY_YEAR = (re.compile(rf"^{_YEAR}[，,]"), re.compile(rf"{_YEAR}{_REPORT}工作"))
# what follows the subject of a body sentence: a verb or adverb (2022年，XX局坚持…)
_VERB = (
    r"坚持|认真|深入|紧紧|紧扣|紧跟|紧盯|围绕|严格|按照|根据|进一步|全面|持续|始终|继续|在|以|积极|高度|切实|聚焦"
    r"|扎实|不断|全力|共|主动|把|将|对|着力|大力|立足|深化|贯彻|落实|强化|加强|依法|紧密|牢固|结合|秉持|锚定"
    r"|政府信息公开|政务公开|信息公开|全年|累计|精心|健全|完善|稳步|注重|重视|狠抓|遵循|推进|有序|高标准|$"
)
MAX_BODY_CLAUSES = 3
# a name in a body sentence starts with its place (长春市…, 广东从化经济开发区…, XX街道…)
_PLACE_START = re.compile(r"^[\u4e00-\u9fa5Xx]{2,10}?(?:省|自治区|市|州|盟|县|旗|区|镇|乡|街道)")
_SOURCE_LINE = re.compile(
    r"(?:信息来源|来源单位|来源|发布机构|发布单位|发布部门|发文机关|发文单位)\s*[:：]\s*([\u4e00-\u9fa5（）()]{2,40})"
)
_FIELD_RUN_IN = re.compile(r"(?:发布时间|发布日期|时间|日期|浏览|点击|字号|作者|索引号|分类|访问|打印|来源).*$")
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|你的位置|所在位置|您现在的位置|当前的位置|位置)\s*[:：]\s*(.+)")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>|->|→|»|>|＞|》|/|\\)\s*")
_PAGE_CHROME = re.compile(
    r"^(?:当前位置|您的位置|你的位置|所在位置|您现在的位置|首页[>＞»/])|(?:来源|发布机构|发布单位|发布时间|发布日期|"
    r"信息提供日期|浏览次数|点击数|字号|索引号)[:：]"
)
_CHROME = re.compile(r"人民政府|网站|门户|主办|承办|版权所有|主管")
_COLUMN_LINE = re.compile(r"^(?:所属栏目|栏目名称|栏目)\s*[:：]\s*([\u4e00-\u9fa5（）()]{2,40})")
# how a site's name ends after the body's name: XX县人民政府门户网站, XX市政府网站, XX局官网
_SITE_WORDS = re.compile(r"(?:门户网站|官方网站|网站|门户网|门户|官网|网)$")


@dataclass(frozen=True, slots=True)
class Reading:
    """What one place prints: `source` (a key of vocabulary.IDENTITY_SOURCES), the agency string as
    printed there (not yet checked to be a name) and the year (None: not printed there)."""

    source: str
    agency: str | None
    year: int | None


def _title_text(text: str) -> str:
    return digit_years(_HEADER_PREFIX.sub("", compact(text)))


def find_title(blocks: tuple[Block, ...]) -> str | None:
    """The title is the first lines before the first section, up to the one holding 报告; titles are
    often split over two lines (agency / year and report name). Of the lines up to it, the shortest
    tail that names both an agency and a year (a page header such as 正文 above it is not the title)."""
    lines: list[str] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        text = _title_text(block.text[: 4 * MAX_TITLE_CHARS])
        if not text:
            continue
        if _PAGE_CHROME.search(text):
            continue  # a breadcrumb, a 来源 / 发布时间 line above or below the title
        sentence = len(text) > MAX_TITLE_CHARS or "。" in text or "《" in text  # the opening paragraph
        if heading_no(block.text) is not None or len(lines) >= MAX_TITLE_LINES or sentence:
            break
        lines.append(text)
        if text.endswith(_TITLE_END) or "报告" in text:
            tails = ["".join(lines[i:]) for i in range(len(lines) - 1, -1, -1)]
            return next((t for t in tails if all(agency_and_year(t))), tails[-1])
    return lines[0] if lines else None


def agency_and_year(title: str) -> tuple[str | None, int | None]:
    """A title's agency (as printed) and year: `XX局2021年度…报告` or `2021年XX镇政府信息公开…报告`."""
    m = _REPORT_FIRST.match(title)
    if m:
        return m.group("agency"), int(m.group(2)) if m.group(2) else None
    m = _AGENCY_FIRST.match(title)
    if m and m.group("agency"):  # XX局关于2021年… / XX办公室关于印发XX市2021年…: the report's own
        return _last_name(m.group("agency"), tail=False), int(m.group(2))
    m = _YEAR_FIRST.match(title)
    if m:
        return m.group("agency") or None, int(m.group(1))
    return None, None


def _paragraphs(blocks: tuple[Block, ...]) -> list[tuple[int, str]]:
    """(index, text) of the opening paragraphs, at most OPENING_CHARS of each."""
    return [(i, b.text[:OPENING_CHARS]) for i, b in enumerate(blocks[:OPENING_PARAGRAPHS]) if isinstance(b, Paragraph)]


def _last_name(run: str, tail: bool = True) -> str | None:
    """The words after the last lead-in (现公布XX局 → XX局; 由县政府办公室编制的XX县 → XX县), or before a
    closing verb (XX局编制了 → XX局; XX局关于 → XX局); None when nothing is left (现将; 我局 is left to the
    name check). `tail`: keep only the Chinese words at the end (a crawler's path before them is no part
    of the name)."""
    parts = _LEAD_IN.split(run)  # text, lead-in, text, …
    if not parts[-1] and len(parts) >= 3 and parts[-2] in (*_SUBJECT_VERBS, "关于"):
        parts = parts[:-2]
    if not tail:
        return parts[-1] or None
    m = _NAME_TAIL.search(parts[-1])
    return m.group(0) if m else None


def _opening(texts: list[str]) -> list[Reading]:
    """现公布XX局2021年…年度报告 / XX局编制了2021年度… / 编制《XX镇2022年度…》: agency and year."""
    found = []
    for text in texts:
        text = _CITED.sub("，", text)
        for pattern in _OPENING:
            for m in pattern.finditer(text):
                found.append(Reading("opening", _last_name(m.group(1)), int(m.group(2))))
    return found


def _period(texts: list[str]) -> list[Reading]:
    """统计期限自2022年1月1日起至2022年12月31日止: the year only, never a publication date."""
    return [Reading("period", None, int(m.group(1))) for t in texts for p in _PERIOD if (m := p.search(t))]


def _body(texts: list[str]) -> list[Reading]:
    """2022年，XX局坚持… (the subject after an opening clause such as 在区委区政府的正确领导下, never 我局);
    2021年政府信息公开工作…: the year."""
    found = []
    for text in texts:
        m = _BODY_YEAR[0].match(text)
        if m:
            agency = None
            for clause in re.split(r"[，,]", text[m.end() :])[:MAX_BODY_CLAUSES]:
                if clause.startswith(("我", "本")):
                    break  # the report speaks of itself: no name follows
                agency = name_at_start(clause, _VERB)
                if agency and not _PLACE_START.match(agency):
                    agency = None  # 共受理政府…: a sentence's words, not a body's name
                if agency:
                    break
            found.append(Reading("body", agency, int(m.group(1))))
        elif m := _BODY_YEAR[1].search(text):
            found.append(Reading("body", None, int(m.group(1))))
    return found


def _source_lines(texts: list[str]) -> list[Reading]:
    """来源 : 深圳市福田区集体经济发展服务署 (fields run together on one line are cut off)."""
    found = []
    for text in texts:
        for m in _SOURCE_LINE.finditer(text):
            name = _FIELD_RUN_IN.sub("", m.group(1))
            if name:
                found.append(Reading("source_line", name, None))
    return found


def breadcrumbs(texts: list[str]) -> list[list[str]]:
    """The crumbs of each breadcrumb line: 当前位置：首页 > 政务公开 > XX镇 → [首页, 政务公开, XX镇]."""
    out = []
    for text in texts:
        m = _BREADCRUMB.search(text)
        if m:
            out.append([c for c in _CRUMB_SPLIT.split(m.group(1).strip()) if c])
        elif text.startswith("首页") and len(_CRUMB_SPLIT.findall(text)) >= 2:
            out.append([c for c in _CRUMB_SPLIT.split(text.strip()) if c])
    return out


def _breadcrumb(texts: list[str]) -> list[Reading]:
    """The deepest crumb that is an agency's name."""
    found = []
    for crumbs in breadcrumbs(texts):
        named = [c for c in crumbs if agency_name(c)]
        if named:
            found.append(Reading("breadcrumb", named[-1], None))
    return found


def _columns(texts: list[str]) -> list[Reading]:
    """A crawler's `栏目: XX镇` line (the page's ColumnName): a column named for an agency."""
    return [Reading("column", m.group(1), None) for t in texts if (m := _COLUMN_LINE.match(t))]


def site_name(text: str) -> str:
    """The body a site is named for: `沭阳县人民政府门户网站` → 沭阳县人民政府 (中国政府网 → 中国政府, no name)."""
    return _SITE_WORDS.sub("", compact(text))


def field_readings(fields: tuple[PageField, ...]) -> list[Reading]:
    """What a saved web page prints about itself outside its body (extract.model.PageField): a title
    (`ArticleTitle`, <title>: agency and year), `ContentSource`, `ColumnName`, the site's name; no year
    but a title's (a page's PubDate is its publication). Header lines are read as the text's lines are
    (`page_readings`)."""
    found = []
    for f in fields:
        if f.kind == PAGE_TITLE:
            found.append(Reading("title", *agency_and_year(_title_text(f.text))))
        elif f.kind == PAGE_SOURCE:
            found.append(Reading("meta_source", clean(f.text), None))
        elif f.kind == PAGE_COLUMN:
            found.append(Reading("column", clean(f.text), None))
        elif f.kind == PAGE_SITE:
            found.append(Reading("site", site_name(f.text), None))
    return found


def _field_rows(blocks: tuple[Block, ...]) -> list[str]:
    """The rows of a table printed before the first section heading, each as one line of its cells: an
    information-disclosure page's field table (索引号：… | 发布机构：XX局 | 生成日期：…; a label printed
    without its colon or spaced out, `发 布 机 构 | XX局`, is read as `发布机构：XX局`)."""
    rows = []
    for block in blocks[:OPENING_PARAGRAPHS]:
        if isinstance(block, Paragraph):
            if heading_no(block.text) is not None:
                break
            continue
        for row in block.rows:
            cells = [compact(c.text) for c in row if not c.merged_left]
            rows.append("".join(c if c.endswith((":", "：")) else f"{c}：" for c in cells if c))
    return rows


def _chrome(fields: tuple[PageField, ...], kinds: tuple[str, ...]) -> list[str]:
    return [clean(f.text) for f in fields if f.kind in kinds]


# how a report speaks of itself (我镇, 我局 …) → how its agency's name ends
_TOWNSHIP = ("镇", "乡", "街道", "街道办事处", "办事处", "苏木")  # a 乡 calls itself 我镇 too
_SELF = {
    "镇": _TOWNSHIP,
    "乡": _TOWNSHIP,
    "街道": _TOWNSHIP,
    "局": ("局",),
    "委": ("委员会", "委"),
    "办": ("办公室", "办公厅", "办"),
    "署": ("署",),
    "区": ("区",),
    "县": ("县",),
    "市": ("市",),
    "院": ("院",),
    "中心": ("中心",),
    "厅": ("厅",),
}
_SELF_REFERENCE = re.compile(r"我(" + "|".join(_SELF) + r")(?!们)")


def self_references(blocks: tuple[Block, ...]) -> tuple[tuple[str, ...], ...]:
    """How the agency's name may end, for each way the opening paragraphs speak of it (我署 → (署,); 我局
    and 我县 → (局,), (县,)); empty when they never do. Read by the resolver to refuse a 来源 line or a path
    that names another body (a department's report published by the county government: 我局 …
    来源：XX县人民政府), and to take a site's name only where every one fits it."""
    texts = [compact(t) for _, t in _paragraphs(blocks)]
    kinds = {m.group(1) for t in texts for m in _SELF_REFERENCE.finditer(t)}
    return tuple(_SELF[kind] for kind in sorted(kinds))


def page_readings(blocks: tuple[Block, ...], title: str | None, fields: tuple[PageField, ...] = ()) -> list[Reading]:
    """Every reading the page itself gives, in no particular order (the resolver sorts by trust); `fields`:
    what a saved web page prints outside its body (its header lines are read as the opening lines are)."""
    found = []
    if title:
        agency, year = agency_and_year(title)
        found.append(Reading("title", agency, year))
    paragraphs = _paragraphs(blocks)
    # spaces kept: they end a 来源 name or a crumb
    lines = [*_chrome(fields, (PAGE_HEADER,)), *_field_rows(blocks), *(clean(t) for _, t in paragraphs)]
    texts = [digit_years(compact(t)) for _, t in paragraphs]
    first_section = next((n for n, (i, t) in enumerate(paragraphs) if heading_no(t) is not None), None)
    if first_section is None:  # no heading found (a crawler dump on one line): every opening paragraph
        opening, body = texts, []
    else:  # before the first heading, and the first paragraph under it (本报告是根据…汇报我镇2023年…)
        opening, body = texts[: first_section + 2], texts[first_section + 1 :]
    return [
        *found,
        *field_readings(fields),
        *_opening(opening),
        *_period(texts),
        *_source_lines(lines),
        *_breadcrumb(lines),
        *_columns(lines),
        *_body(body),
    ]


_PLACE_SOURCES = ("title", "opening", "source_line", "meta_source", "column", "site")


def page_places(
    blocks: tuple[Block, ...], readings: list[Reading], fields: tuple[PageField, ...] = ()
) -> list[list[str]]:
    """The runs of division names the page prints where it names itself: its header and footer lines
    (site names, 主办 …), breadcrumb, 来源 line, the site, column and source a saved page's meta tags
    name, and the opening sentence — `[[长沙市, 天心区], [天心区]]`."""
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    chrome = [
        *_chrome(fields, (PAGE_HEADER,)),
        *(clean(t) for t in (*paragraphs[:OPENING_PARAGRAPHS], *paragraphs[-FOOTER_PARAGRAPHS:])),
        *_chrome(fields, (PAGE_FOOTER,)),
    ]
    texts = [t for t in chrome if _CHROME.search(t) and len(t) <= MAX_TITLE_CHARS]
    texts += [crumb for crumbs in breadcrumbs(chrome) for crumb in crumbs]
    texts += [r.agency for r in readings if r.agency and r.source in _PLACE_SOURCES]
    return [run for t in texts if (run := places(t))]


_PATH_AGENCY = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|局|厅|镇|乡|街道|县|区|市)$")
_NOT_AGENCY = ("我", "本", "全", "各")


def path_readings(path: str | None) -> list[Reading]:
    """The file name (`XX局2021年….docx`) and its folders, nearest first (`XX局/2021年度报告.pdf`)."""
    if not path:
        return []
    p = PurePosixPath(path)
    found = []
    for source, name in (("file_name", p.stem), *(("folder", n) for n in reversed(p.parent.parts))):
        name = digit_years(compact(name))
        m = re.search(r"((?:19|20)\d{2})年", name)
        agency, _ = agency_and_year(name)
        candidate = agency or (name if not re.search(r"\d", name) else None)
        if not (candidate and _PATH_AGENCY.search(candidate) and not candidate.startswith(_NOT_AGENCY)):
            candidate = None
        if candidate or m:
            found.append(Reading(source, candidate, int(m.group(1)) if m else None))
    return found
