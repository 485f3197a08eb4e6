"""The six section texts (FORMAT.md §2), found by their headings among the paragraphs."""

from __future__ import annotations

import re
from functools import lru_cache

from extract.model import Block, Paragraph
from transform.model import Section
from transform.normalize import compact, simplified
from transform.vocabulary import SECTIONS

_NUMERALS = "一二三四五六"
_NUMBERED = re.compile(r"^(?:([一二三四五六])[、.]|\(([一二三四五六])\))(.*)$")
MAX_HEADING = 40
MAX_HEADING_RAW = 200  # characters as printed, spaces and debris included


@lru_cache(maxsize=65_536)
def heading_no(text: str) -> int | None:
    """The section a line heads, or None. A printed numeral must agree with the section's keywords;
    an unnumbered heading must be short and end like a heading (…情况, …事项)."""
    if len(text) > MAX_HEADING_RAW:  # not normalised at all: a long paragraph (or a whole page on one line)
        return None
    key = simplified(compact(text))
    if not key or len(key) > MAX_HEADING:
        return None
    m = _NUMBERED.match(key)
    if m:
        no = _NUMERALS.index(m.group(1) or m.group(2)) + 1
        body = m.group(3)
        return no if any(k in body for k in SECTIONS[no - 1].keywords) else None
    if re.match(r"^[\d(（①-⑳]", key) or not key.endswith(("情况", "事项")) or len(key) > 25:
        return None
    return next((s.no for s in SECTIONS if any(k in key for k in s.keywords)), None)


def split_sections(blocks: tuple[Block, ...]) -> tuple[Section, ...]:
    """Section texts are the paragraphs after a heading, up to the next; headings must ascend, so a
    sub-heading such as （一）主动公开情况 inside section 1 is not taken for section 2."""
    found: list[tuple[int, str, list[str]]] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        no = heading_no(block.text)
        if no is not None and (not found or no > found[-1][0]):
            found.append((no, block.text.strip(), []))
        elif found:
            found[-1][2].append(block.text.strip())
    return tuple(Section(no, SECTIONS[no - 1].code, heading, "\n".join(lines).strip()) for no, heading, lines in found)
