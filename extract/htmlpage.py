"""What a saved web page says about itself outside the report body: its meta tags, the parts of its
<title>, and the text lines printed before the report begins and after its body (breadcrumb, 来源 /
发布机构 line, footer).

Portals wrap a report in page chrome that names the site, the column and often the agency
(`<meta name="ContentSource" content="泰兴市审计局">`, `来源：泰兴市审计局`, `当前位置：首页 > 政务公开 >
泰兴市审计局`). The HTML reader keeps the body alone in its blocks, so no section text holds chrome; this
module keeps the chrome as `PageField`s for the report's identity (transform/identity), as printed. Meta
tag names follow the national government-website specification (政府网站发展指引, 国办发〔2017〕47号,
appendix: SiteName, ColumnName, ArticleTitle, ContentSource, PubDate …), matched case-insensitively;
PubDate is left out (a publication date is not the year reported on).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.model import (
    PAGE_COLUMN,
    PAGE_FOOTER,
    PAGE_HEADER,
    PAGE_SITE,
    PAGE_SOURCE,
    PAGE_TITLE,
    PageField,
)

# meta tag name (lower case) → what it says (the specification's names, and Open Graph's site name)
META_FIELDS = {
    "sitename": PAGE_SITE,
    "og:site_name": PAGE_SITE,
    "columnname": PAGE_COLUMN,
    "articletitle": PAGE_TITLE,
    "contentsource": PAGE_SOURCE,
}
TITLE_SPLIT = re.compile(r"\s*[_|｜—–-]\s*")  # 2024年…年度报告_政务公开_XX县人民政府
# a breadcrumb's container, by a class or id word portals give it, ending in the keyword (current-position,
# breadcrumb, dqwz: 当前位置 in pinyin initials; not position-relative)
_CRUMB_WORD = re.compile(
    r"[a-z]*[-_]?(?:bread-?crumbs?|crumbs?|position|location|dqwz|weizhi|curpos|path|lujing)", re.I
)
MAX_CRUMBS = 8  # a trail longer than this, or with a long item, is a menu
MAX_CRUMB = 30
_CRUMB_LABEL = re.compile(r"^.{0,6}位置\s*[:：]\s*")
_SEPARATOR = re.compile(r"^[\s>»›→/\\|＞-]*$")
HEADER_LINES = 30  # lines right before the report: the breadcrumb and 来源 line sit there, menus further up
FOOTER_LINES = 10  # lines at the page's end: 主办 / 版权所有
MAX_LINE = 200  # a longer line is prose, not chrome


def meta_fields(root) -> list[PageField]:
    """The page's meta tags that name the site, column, article or its source, in page order."""
    found = []
    for meta in root.iter("meta"):
        kind = META_FIELDS.get((meta.get("name") or meta.get("property") or "").strip().lower())
        content = (meta.get("content") or "").strip()
        if kind and content:
            found.append(PageField(kind, content))
    return found


def title_fields(root) -> list[PageField]:
    """The parts of <title>: the one naming the report (报告) is a title, the others name the site or
    column (`…年度报告_政务公开_XX县人民政府`)."""
    title = root.find(".//title")
    if title is None or not title.text:
        return []
    parts = [p for p in TITLE_SPLIT.split(title.text.strip()) if p]
    return [PageField(PAGE_TITLE if "报告" in p else PAGE_SITE, p) for p in parts]


def _lines(texts: list[str]) -> list[str]:
    return [line.strip() for t in texts for line in t.split("\n") if line.strip() and len(line.strip()) <= MAX_LINE]


def _texts(elements, text_of: Callable) -> list[str]:
    """Each element's text and the text after it; the <head> is no part of what the page prints."""
    return [t for e in elements if isinstance(e.tag, str) and e.tag != "head" for t in (text_of(e), e.tail or "")]


def lines_before(el, text_of: Callable) -> list[str]:
    """The page's text lines printed before element `el`, in reading order. `text_of(element)`: an
    element's text with block breaks as newlines (the HTML reader's)."""
    levels: list[list[str]] = []
    node = el
    while node.getparent() is not None:
        parent = node.getparent()
        levels.append([parent.text or "", *_texts(list(node.itersiblings(preceding=True))[::-1], text_of)])
        node = parent
    return _lines([t for level in reversed(levels) for t in level])


def lines_after(el, text_of: Callable) -> list[str]:
    """The page's text lines printed after element `el` (its subtree excluded), in reading order."""
    levels: list[list[str]] = []
    node = el
    while node.getparent() is not None:
        levels.append([node.tail or "", *_texts(node.itersiblings(), text_of)])
        node = node.getparent()
    return _lines([t for level in levels for t in level])


def crumb_lines(root, body) -> list[str]:
    """Breadcrumbs outside `body` drawn as separate items (`<ul class="breadcrumb"><li>首页</li>…`, the
    separators drawn by CSS), each as one line `当前位置：首页 > 政务公开 > …` as a text dump prints it."""
    found = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and any(_CRUMB_WORD.fullmatch(w) for w in f"{el.get('class') or ''} {el.get('id') or ''}".split())
        and el is not body
        and body not in el.iterancestors()
        and el not in body.iterancestors()
    ]
    outermost = [el for el in found if not any(a in found for a in el.iterancestors())]
    lines = []
    for el in outermost:
        items = [_CRUMB_LABEL.sub("", t.strip()) for t in el.itertext() if not _SEPARATOR.match(t)]
        items = [i for i in items if i]
        if 2 <= len(items) <= MAX_CRUMBS and all(len(i) <= MAX_CRUMB for i in items):
            lines.append("当前位置：" + " > ".join(items))
    return lines


def page_fields(root, body, start, text_of: Callable) -> tuple[PageField, ...]:
    """Every `PageField` of a parsed page (scripts and comments already dropped) whose report body is
    `body` and begins at element `start` (the 总体情况 heading; None: at `body`): meta tags, <title> parts, the
    last HEADER_LINES lines printed before the report begins (inside a body drawn too wide too: a long
    menu never hides the 来源 line), its breadcrumbs as lines, and the last FOOTER_LINES of the page after
    the body. `body` the root itself: no chrome lines."""
    fields = [*meta_fields(root), *title_fields(root)]
    if body is not root:
        before = lines_before(body if start is None else start, text_of)
        header = [*before[-HEADER_LINES:], *crumb_lines(root, body)]
        fields += [PageField(PAGE_HEADER, line) for line in header]
        fields += [PageField(PAGE_FOOTER, line) for line in lines_after(body, text_of)[-FOOTER_LINES:]]
    return tuple(fields)
