"""The format's section headings as a grammar (FORMAT.md §2): which of the six sections a printed line
heads, if any. Shared by the table reader (a heading ends a table), the identity reader (a heading ends
the title) and the section splitter."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from transform.normalize import INVISIBLE, blank_pinyin, compact, simplified
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


# --- headings inside running text (issue 28) -------------------------------------------------------
# The body of each section's heading (after its numeral), on text folded by `fold`: FORMAT.md §2's
# headings and the variants real reports print (行政复议与行政诉讼情况, 行政法复议, 存在的主要问题及明年
# 工作计划, 政府信息公开工作存在的主要问题…). A table-row label (一、本年新收…, 四、结转下年度继续办理) fits
# none of them.
_STOP = r"[^。，,；;：:！？!?\n\d\x1e|]"  # heading words: no sentence punctuation, digit, line or table
HEADING_BODIES: dict[int, re.Pattern[str]] = {
    1: re.compile(r"[^。，,；;：:！？!?\n\x1e|]{0,14}?(?:总体|基本)(?:工作)?(?:情况|概述|概况)|概述|概况"),
    2: re.compile(rf"(?:政府信息)?主动公开{_STOP}{{0,10}}?(?:情况|工作)|主动公开政府信息"),
    3: re.compile(
        rf"收到和处理{_STOP}{{0,14}}?申请(?:的)?(?:情况)?|(?:政府信息)?依申请公开{_STOP}{{0,10}}?(?:情况|工作)"
    ),
    4: re.compile(rf"{_STOP}{{0,16}}?行政法?复议{_STOP}{{0,14}}?诉讼(?:的)?(?:情况)?"),
    5: re.compile(
        rf"{_STOP}{{0,14}}?(?:存在的?|面临的)?(?:主要)?问题(?:及|和|与|以及)?{_STOP}{{0,12}}?"
        r"(?:情况|计划|措施|方向|打算|举措|思路|安排)"
    ),
    6: re.compile(r"其他(?:需要|须要|需)?报告的?(?:事项|情况)|其他事项"),
}
# where a numbered heading may begin inside a line: after a line or table break, a sentence end, a
# number (a table's last cell glued to it), a closing bracket or markdown marks — never inside a word
# (统一、主动公开 …)
_AFTER = "\n\x1e。；;！!？?：:)）】]」”\"'#*>|"
_NUMBER = re.compile(r"([一二三四五六])\s*[、.,，]|\(\s*([一二三四五六])\s*\)")
_HEADING_END = re.compile(r"[^。，,；;！？!?\n\d\x1e|]{0,12}(?=\n|\x1e|$)")
_LISTED = re.compile(r"[ \t\u3000]*[；;，,、]")  # a heading is not followed by list punctuation


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """One place in folded text that reads as a section heading: the section `no` its words name,
    the `numeral` printed (1–6; None when unnumbered), `paren` when numbered （一）-style, `start`/`end`
    offsets of the heading in the folded text."""

    no: int
    numeral: int | None
    paren: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Folded:
    """Text as the heading grammar reads it: `text` is the original with spaces and invisible
    characters removed (line breaks kept), full-width forms folded (（一）、． → ASCII) and Traditional
    read as Simplified where that keeps one character per character; `raw_at(i)` is the offset in the
    original of `text[i]`."""

    text: str
    starts: tuple[int, ...]  # where each kept run of characters starts in `text`
    raw_starts: tuple[int, ...]  # … and in the original
    raw_len: int

    def raw_at(self, i: int) -> int:
        """The original's offset of `text[i]` (`i == len(text)`: the original's length)."""
        if i >= len(self.text):
            return self.raw_len
        k = bisect.bisect_right(self.starts, i) - 1
        return self.raw_starts[k] + i - self.starts[k]


_KEPT = re.compile("[^ \t\r\f\v\u3000\xa0\x1c\x1d\x1f\u2028\u2029" + INVISIBLE + "]+")


# full-width ASCII forms → ASCII (（一）、：．１ → (一)、:.1), one character for one: NFKC's folds that
# matter to headings, at str.translate's speed on a long text
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold(text: str) -> Folded:
    """`text` folded for the heading grammar, with the offsets back into `text` (see `Folded`): a
    heading printed with spaces between its characters (`一、总 体 情 况`, PDF layout) reads whole.
    Linear in the length of `text`."""
    norm = blank_pinyin(text.translate(_FULL_WIDTH))  # a mirror's glosses (報(bào)告) read as spaces
    runs = [(m.start(), m.group(0)) for m in _KEPT.finditer(norm)]
    starts, at = [], 0
    for _raw, run in runs:
        starts.append(at)
        at += len(run)
    folded = "".join(run for _raw, run in runs)
    simple = simplified(folded)
    return Folded(simple if len(simple) == len(folded) else folded, tuple(starts), tuple(r for r, _ in runs), len(text))


# all six bodies in one pattern, tried in section order (one match per place, not six)
_ANY_BODY = re.compile("|".join(f"(?P<s{no}>{body.pattern})" for no, body in HEADING_BODIES.items()))
_LINE = re.compile(r"[^\n\x1e]+")


def _body(m: re.Match[str]) -> int:
    return int(m.lastgroup[1:]) if m.lastgroup else 0


@lru_cache(maxsize=4_096)
def _in_line(line: str) -> tuple[HeadingMatch, ...]:
    """The headings of one line (offsets within it); cached: padded and repeated lines cost once."""
    found: list[HeadingMatch] = []
    for m in _NUMBER.finditer(line):
        before = line[m.start() - 1] if m.start() else "\n"
        if before not in _AFTER and not before.isdigit():
            continue
        b = _ANY_BODY.match(line, m.end())
        if b is None:
            continue
        tail = _HEADING_END.match(line, b.end())
        end = tail.end() if tail else b.end()
        if _LISTED.match(line, end):  # 包括：一、总体情况；二、… lists the sections
            continue
        numeral = _NUMERALS.index(m.group(1) or m.group(2)) + 1
        found.append(HeadingMatch(_body(b), numeral, m.group(2) is not None, m.start(), end))
    key = line.lstrip("#*>").rstrip(":：。")
    if found or not key or len(key) > MAX_HEADING or key.startswith(("无", "没有", "未")):
        return tuple(found)
    b = _ANY_BODY.fullmatch(key)
    lead = len(line) - len(line.lstrip("#*>"))
    return (HeadingMatch(_body(b), None, False, lead, len(line)),) if b else ()


def find_headings(folded: str) -> list[HeadingMatch]:
    """Every place in `folded` (`fold(...).text`; Table blocks as `\\x1e`) that reads as a section heading
    (FORMAT.md §2): numbered ones anywhere a heading may begin (a line start, after table digits or a
    sentence end), unnumbered ones only as a whole short line. A numeral need not agree with the
    section its words name: the caller decides (reports renumber); sentences that list the section
    names (本报告包括总体情况、主动公开…) are neither numbered nor a line of their own. Of a run of
    identical lines that read as headings only the first and the last are listed (the others cannot
    differ from them by anything but place). Linear in the length of `folded`."""
    found: list[HeadingMatch] = []
    run_text, run_last = "", -1

    def add(text: str, at: int) -> None:
        found.extend(HeadingMatch(h.no, h.numeral, h.paren, at + h.start, at + h.end) for h in _in_line(text))

    for line in _LINE.finditer(folded):
        text = line.group(0)
        if text == run_text:
            run_last = line.start()
            continue
        if not _in_line(text):
            continue
        if run_last >= 0:
            add(run_text, run_last)
        add(text, line.start())
        run_text, run_last = text, -1
    if run_last >= 0:
        add(run_text, run_last)
    return found
