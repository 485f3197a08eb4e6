"""The six section texts (FORMAT.md §2), cut out of the report's running text by its headings.

The blocks are read as one text (a Table block as one placeholder line), so a heading is found wherever
it is printed: on its own line, inside a line, glued to a table's last digits (crawler dumps whose body is
one line). Which heading candidates head the sections is decided by order and content:
- headings ascend; of several candidates the best printed one is kept (`四、…` over `（四）…`, a numeral
  that agrees with the words over one that does not);
- a heading of sections 2–4 is the one its table follows (a sub-heading `（一）主动公开政府信息情况` in
  section 1 and a narrative chapter `二、主动公开情况` before the tables are not);
- sections 5 and 6 may be numbered one or two lower (a report that skips a number prints
  `五、其他需要报告的事项`);
- a chapter list before the tables (一、… 六、 of narrative with no 总体情况 heading) is section 1, stored
  with heading None; section 1 never runs into table 2 when no heading of section 2 is found;
- prose between table 4 and section 6 with no heading of its own is section 5 (a heading lost in
  conversion), stored with heading None.
Bug kinds: issue 28 (one-line dumps, lost and renumbered headings, table rows that look like headings).
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass

from extract.model import Block, Paragraph
from transform.headings import Folded, HeadingMatch, find_headings, fold
from transform.model import Section
from transform.sections.debris import TABLE_MARK, body_lines, cut_chrome, cut_trailing_footer
from transform.signature import Signature, find_signature
from transform.vocabulary import SECTIONS

TABLE_SECTIONS = (2, 3, 4)
TABLE_BONUS = 3  # a heading its table follows outranks any heading without (3 = the best printed)
TABLE_REACH = 400  # folded characters between a section 2–4 heading and its table's first words
# words that open or fill the three tables (FORMAT.md §3–5), or an extracted Table block
_TABLE_WORDS = re.compile(
    r"\x1e|第二十条|信息内容|本年制发件数|本年新制作|现行有效件数|本列数据|申请人情况|自然人|本年新收|"
    r"维持|尚未审结|复议后起诉|未经复议|\|"
)
_TABLE_TWO = re.compile(r"\x1e|第二十条第|信息内容")  # where table 2 begins
_NEXT_HEADING = re.compile(r"(?:^|\n)[ \t\u3000#*]*(?:[一二三四五六七八九十]+\s*[、.]|\([一二三四五六七八九十]+\))")
_CHAPTER_ONE = re.compile(r"(?:^|(?<=[\n。；;]))[#*]*一[、.][^\n。；;]{1,30}")
# where table 4 ends: a Table block, a line of numbers, or its last label run together with its digits
_TABLE_END = re.compile(r"\x1e|(?:\d[\d.,]*[ \t|]+){2,}\d[\d.,]*[ \t|]*|(?:审结|总计)[ \t|]*\d[\d \t|]*")
_NOTE = re.compile(r"\s*注[:：][^\n。]*[。\n]?")
_PROSE = re.compile(r"[\u4e00-\u9fff]{8}.*[。；]", re.S)


@dataclass(frozen=True, slots=True)
class SectionsRead:
    """What the section reader found: the sections in order (`transform.model.Section`) and the
    report's signature (`transform.signature.Signature`, None when none is printed)."""

    sections: tuple[Section, ...]
    signature: Signature | None


@dataclass(frozen=True, slots=True)
class _Cut:
    no: int
    heading: str | None  # as printed; None when lost in conversion
    start: int  # offset of the heading (or of the text, when lost)
    body: int  # offset of the section's own text


def flatten(blocks: tuple[Block, ...]) -> str:
    """The blocks as one text: paragraphs one per line, a Table block as one TABLE_MARK line."""
    return "\n".join(b.text if isinstance(b, Paragraph) else TABLE_MARK for b in blocks)


@dataclass(frozen=True, slots=True)
class _Marks:
    """Where table words and numbered line-start headings are in the folded text (sorted offsets)."""

    tables: tuple[int, ...]
    headings: tuple[int, ...]

    @classmethod
    def of(cls, folded: str) -> _Marks:
        return cls(
            tuple(m.start() for m in _TABLE_WORDS.finditer(folded)),
            tuple(m.start() for m in _NEXT_HEADING.finditer(folded)),
        )

    def table_follows(self, h: HeadingMatch) -> bool:
        """A table's words follow `h` within TABLE_REACH, with no numbered heading in between."""
        k = bisect.bisect_left(self.tables, h.end)
        if k == len(self.tables) or self.tables[k] > h.end + TABLE_REACH:
            return False
        j = bisect.bisect_left(self.headings, h.end)
        return j == len(self.headings) or self.headings[j] >= self.tables[k]


def _score(marks: _Marks, h: HeadingMatch) -> int | None:
    """How surely `h` heads its section; None when it cannot head it at all."""
    agrees = h.numeral == h.no
    base = 2 if h.numeral is None else 3 if agrees and not h.paren else 1
    if h.no in TABLE_SECTIONS:
        if marks.table_follows(h):
            return base + TABLE_BONUS
        return base if agrees or h.numeral is None else None
    if agrees or h.numeral is None:
        return base
    renumbered = h.no >= 5 and not h.paren and h.no - 2 <= h.numeral < h.no
    return 1 if renumbered else None


def _choose(folded: str, candidates: list[HeadingMatch]) -> list[HeadingMatch]:
    """The ascending sequence of candidates (in text order and section number) with the best total
    score; of equal ones the first printed. O(n log n) in the number of candidates: a candidate joins
    the running best of its section once the text reaches its end."""
    marks = _Marks.of(folded)
    scored = [(h, s) for h in candidates if (s := _score(marks, h)) is not None]
    total: list[int] = []
    previous: list[int] = []
    best_by_no: dict[int, tuple[int, int]] = {}  # section → (best total ending in it, -index of that candidate)
    pending: list[tuple[int, int]] = []  # (end, index) of candidates not yet released
    for i, (h, s) in enumerate(scored):
        while pending and pending[0][0] <= h.start:
            _end, j = heapq.heappop(pending)
            no = scored[j][0].no
            best_by_no[no] = max(best_by_no.get(no, (0, 1)), (total[j], -j))
        top = max((best_by_no[n] for n in best_by_no if n < h.no), default=(0, 1))
        total.append(top[0] + s)
        previous.append(-top[1])
        heapq.heappush(pending, (h.end, i))
    if not total:
        return []
    i = max(range(len(total)), key=lambda k: (total[k], -k))
    chosen = []
    while i >= 0:
        chosen.append(scored[i][0])
        i = previous[i]
    return chosen[::-1]


def _cuts(raw: str, folded: Folded, chosen: list[HeadingMatch]) -> list[_Cut]:
    """The chosen headings as cuts of `raw`, section 1 added from a chapter list when none was printed."""
    at = folded.raw_at
    cuts = [_Cut(h.no, raw[at(h.start) : at(h.end - 1) + 1].strip("#* \t"), at(h.start), at(h.end)) for h in chosen]
    if chosen and chosen[0].no > 1:  # a chapter list before the tables, with no 总体情况 heading
        one = _CHAPTER_ONE.search(folded.text, 0, chosen[0].start)
        if one:  # the chapters are the section's text: no heading of its own is printed
            start = at(one.start() + len(one.group(0)) - len(one.group(0).lstrip("\n#*")))
            cuts.insert(0, _Cut(1, None, start, start))
    return _lost_five(raw, cuts)


def _lost_five(raw: str, cuts: list[_Cut]) -> list[_Cut]:
    """Prose after table 4 that no heading opens, before section 6 (or the end): section 5. Table 4
    ends with its last Table block, line of numbers or 总计/审结 followed by digits (a dump); a note
    (注：…) after it is still the table's."""
    nos = [c.no for c in cuts]
    if 4 not in nos or 5 in nos:
        return cuts
    i = nos.index(4)
    end = cuts[i + 1].start if i + 1 < len(cuts) else len(raw)
    ends = [m.end() for m in _TABLE_END.finditer(raw, cuts[i].body, end)]
    if not ends:
        return cuts
    body = ends[-1]
    note = _NOTE.match(raw, body, end)
    if note:
        body = note.end()
    rest = raw[body:end]
    if not _PROSE.search(rest):
        return cuts
    body += len(rest) - len(rest.lstrip())
    return [*cuts[: i + 1], _Cut(5, None, body, body), *cuts[i + 1 :]]


def split_sections(blocks: tuple[Block, ...]) -> SectionsRead:
    """The report's sections (each text up to the next section's heading, page numbers and footers
    dropped; the last one also up to web-page chrome and the signature) and its signature."""
    raw = flatten(blocks)
    folded = fold(raw)
    cuts = _cuts(raw, folded, _choose(folded.text, find_headings(folded.text)))
    sections: list[Section] = []
    signature = None
    for k, cut in enumerate(cuts):
        last = k + 1 == len(cuts)
        end = cuts[k + 1].start if not last else len(raw)
        if cut.no == 1 and (last or cuts[k + 1].no != 2) and (table := _TABLE_TWO.search(raw, cut.body, end)):
            end = raw.rfind("\n", cut.body, table.start()) + 1 or table.start()
        text = raw[cut.body : end] if not last else cut_chrome(raw[cut.body : end])
        text = body_lines(text)
        if last:
            text = cut_trailing_footer(text)
            if (signature := find_signature(text)) is not None:
                text = cut_trailing_footer(text[: signature.start].rstrip())
        sections.append(Section(cut.no, SECTIONS[cut.no - 1].code, cut.heading, text))
    return SectionsRead(tuple(sections), signature)
