"""Reports on 2008–2018 (FORMAT.md §1, `pre2019`): their own headings, and their section texts mapped to
the six section codes by meaning.

Before the national templates of 2019 and 2021 a report was free-format: numbered headings such as
一、概述, 二、主动公开政府信息情况, 三、依申请公开政府信息情况, 四、政府信息公开的收费及减免情况,
五、因政府信息公开申请行政复议、提起行政诉讼的情况, 六、…存在的主要问题及改进措施, 七、其他需要报告的事项,
and the figures in sentences. The national grammar (`transform.headings`) refuses most of them because
its numeral must agree with the topic (四 is 复议/诉讼 there). This grammar reads the topic alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.model import Block, Paragraph
from transform.headings import heading_no
from transform.model import Section
from transform.normalize import compact, simplified
from transform.vocabulary import SECTIONS

# A top-level heading: a Chinese numeral and 、 (or a dot), or 第一部分, then a short topic.
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,2}[、.．]|第[一二三四五六七八九十]{1,2}部分[、.:]?)\s*(.+)$")
MAX_OLDER_HEADING = 40  # characters of the topic after normalisation
MAX_RAW = 200
FIRST_NATIONAL_YEAR = 2019  # reports on 2019 and later follow a national template (FORMAT.md §1)

# Topic words → section number (FORMAT.md §2), tried in this order: 因…申请行政复议 is about review, not
# requests; 收费及减免 (fees) is told in section 6 of the national format.
OLDER_TOPICS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (6, ("其他需要报告", "其他事项", "需要说明的事项", "其他需要说明")),
    (4, ("行政复议", "行政诉讼", "复议", "诉讼", "申诉")),
    (5, ("问题", "改进", "不足")),
    (6, ("收费", "减免")),
    (3, ("依申请", "申请公开", "申请的办理", "申请情况", "公开申请", "申请的情况")),
    (2, ("主动公开",)),
    (1, ("概述", "总体情况", "基本情况", "概况", "总体概述")),
)


@lru_cache(maxsize=65_536)
def older_heading_no(text: str) -> int | None:
    """The section (1–6) a top-level heading of a free-format report is about, or None when the line is
    not such a heading (or is about none of the six, such as 二、组织领导和制度建设情况)."""
    if len(text) > MAX_RAW:
        return None
    m = _NUMBERED.match(simplified(compact(text)))
    if not m or len(m.group(1)) > MAX_OLDER_HEADING or "。" in m.group(1):
        return None
    return next((no for no, words in OLDER_TOPICS if any(w in m.group(1) for w in words)), None)


def is_older_heading(text: str) -> bool:
    """A numbered top-level heading of the older reports that names one of their topics."""
    return older_heading_no(text) is not None


def older_format(blocks: tuple[Block, ...], year: int | None) -> bool:
    """A report printed without any label of the national tables is `pre2019` (FORMAT.md §1) when its
    year is before 2019, or, with no year found, when it prints a heading only the older reports have
    (四、政府信息公开的收费及减免情况, 五、因政府信息公开申请行政复议…). Never for a year of 2019 on: the
    national templates apply, and their missing tables are errors."""
    if year is not None:
        return year < FIRST_NATIONAL_YEAR
    return any(
        isinstance(b, Paragraph) and older_heading_no(b.text) is not None and heading_no(b.text) is None for b in blocks
    )


def split_older_sections(blocks: tuple[Block, ...]) -> tuple[Section, ...]:
    """Section texts under the report's own headings, each mapped to the section code of its topic.
    Headings need not ascend (older reports print fees as their fourth section, mapped to 6); a second
    heading of a section already open continues that section's text with its heading line kept, and a
    numbered heading about none of the six topics stays in the text it interrupts, so no text is lost.
    Heading as printed (the first of its section)."""
    found: dict[int, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        line = block.text.strip()
        no = older_heading_no(line)
        if no is not None:
            if no in found:
                found[no][1].append(line)
            else:
                found[no] = (line, [])
            current = found[no][1]
        elif current is not None and line:
            current.append(line)
    return tuple(
        Section(no, SECTIONS[no - 1].code, heading, "\n".join(lines).strip())
        for no, (heading, lines) in sorted(found.items())
    )
