"""What is printed among a section's text but is not the report's: page numbers and footers (`— 7 —`,
`-6-`, a lone `1`, `第 3 页 共 7 页`) and web-page chrome after the body (`附件下载`, `打印本页`,
`关闭窗口`). Bug kinds: PDF-to-text and PDF-to-markdown conversions keep page footers inline; crawler
dumps keep the page's links after the body. Word's bookmark markers (`[bookmark: _GoBack]`) are kept as
printed: the section truths of ../shared/cases/sections count them as the section's text.
"""

from __future__ import annotations

import re

TABLE_MARK = "\x1e"  # where an extracted Table block stood in the flattened text
_SP = r"[ \t\u3000\xa0\r\f]"  # spaces within a line
# a line that is only a page number or footer: `— 7 —`, `-6-`, `1`, `第3页共7页`, `3/7`
_PAGE_LINE = (
    rf"(?=[^\n]*\d)[-—–－~_={_SP[1:-1]}]*(?:第{_SP}*)?\d{{1,3}}{_SP}*页?"
    rf"(?:{_SP}*/{_SP}*\d{{1,3}}|{_SP}*[,，]?{_SP}*共{_SP}*\d{{1,3}}{_SP}*页)?[-—–－~_={_SP[1:-1]}]*"
)
# links and buttons of a web page around the report's body
_CHROME = re.compile(
    r"附件下载|相关附件[:：]?$|[【\[]?\s*(?:打印本页|关闭窗口)|【\s*打印\s*】|【\s*关闭\s*】|分享到[:：]?|扫一扫|上一篇|下一篇"
    r"|责任编辑|网站地图|版权所有|主办单位|相关链接[:：]|字号[:：]|【\s*字体|【\s*我要打印|在手机(?:上)?打开"
)


_TRAILING_FOOTER = re.compile(r"(?<=[。；！？!?)）])[ \t\u3000]*[-—–－]*[ \t\u3000]*\d{1,3}[ \t\u3000]*[-—–－]*\s*$")


def cut_trailing_footer(text: str) -> str:
    """`text` without a page number glued after its last sentence (`…处理费情况。 — 7 —` in a dump)."""
    return _TRAILING_FOOTER.sub("", text)


def cut_chrome(text: str) -> str:
    """`text` up to the first web-page chrome phrase (the page's links follow the report's body)."""
    m = _CHROME.search(text)
    return text[: m.start()] if m else text


_DROPPED_LINES = re.compile(rf"(?m)^(?:[^\n]*{TABLE_MARK}[^\n]*|{_PAGE_LINE})$\n?")


def body_lines(text: str) -> str:
    """`text` without table placeholders and page-number/footer lines, outer whitespace trimmed."""
    return _DROPPED_LINES.sub("", text).strip()
