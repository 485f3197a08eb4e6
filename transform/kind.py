"""What a document says it is: an annual report (whether or not its tables survived), or which kind of
document about reports (issue 26; kinds in `transform.vocabulary.DOC_KINDS`).

Signs of a report, read on the simplified text (`transform.mirror`): the title words
(政府信息公开工作年度报告, 政务公开工作年度报告, 信息公开年报, …工作情况的报告), the opening sentence
(现公布/现发布/特公布/现编制…年度报告; 本报告根据《…条例》…), the six national headings or the older ones
(`transform.older`), the 统计期限 sentence, and readable disclosure tables. Signs of a document about a
report, read in its title lines: 解读/图解/一图读懂 of a report (an explanation), 关于…年度报告…的通知/公告
(a notice), 关于报送《…年度报告》的函 (a cover letter), a list of report titles of several years (an index
page). A notice or cover letter that holds its report (a report title line after it, headings, tables or
the 统计期限 sentence) is that report, read from where the report begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Block, Paragraph, Table
from transform.headings import heading_no
from transform.normalize import compact, digit_years, simplified
from transform.older import older_heading_no
from transform.vocabulary import DOC_KINDS, DocKind

HEAD_LINES = 5  # non-empty lines before the first heading that may be the title
MAX_TITLE_LINE = 120  # characters: a longer line is a paragraph, not a title
OPENING_PARAGRAPHS = 15
OPENING_CHARS = 2000
MIN_HEADINGS = 2  # distinct section headings (national or older) that make a report without other signs
MIN_LISTED = 3  # distinct report titles a list page holds

_REPORT_WORDS = r"(?:信息公开|政务公开)(?:工作)?(?:情况)?的?(?:年度)?(?:报告|年报)"
_REPORT_TITLE = re.compile(_REPORT_WORDS)
_HEADER_PREFIX = re.compile(r"^(?:标题|题目|文章标题|title)[:：]", re.IGNORECASE)
_INTERPRETATION = re.compile(
    r"(?:年度报告|年报|工作报告)》?的?(?:政策)?(?:解读|图解)|^(?:图解|解读|政策解读|一图读懂|一图看懂|图说|读懂)[:：《]?.{0,60}(?:年度报告|年报)"
)
_NOTICE = re.compile(r"关于.{0,60}(?:年度报告|年报).{0,30}(?:通知|公告|通报)$")
_WRAPPER = re.compile(
    r"关于(?P<verb>报送|呈报|上报|提交|报请|印发|公布|发布|转发)?[^《]{0,20}《(?P<title>[^》]{4,80})》的?"
    r"(?P<form>函|报告|请示|通知|公告|通报)?$"
)
_NOT_TITLE = re.compile(r"[《:]|^附件")  # a line quoting the title, or an attachment's label
_LETTER_VERBS = ("报送", "呈报", "上报", "提交", "报请")
_LETTER_FORMS = ("函", "请示")
_OPENING = re.compile(
    r"(?:(?:现予?公布|现予?发布|特公布|特发布|现编制|现将|向社会公布)[^。]{0,80}?"
    r"|(?:编制了?|编制完成了?|发布了?)(?:19|20)\d{2}年度?[^。]{0,40}?)(?:年度报告|年报)"
)
_REGULATION = re.compile(r"本(?:年度)?报告.{0,60}条例|条例.{0,80}(?:编制|发布)本(?:年度)?报告")
_PERIOD = re.compile(r"统计(?:数据)?(?:期限|时限|时间|区间|期间|时段)(?:为|自|从|是|:)?(?:19|20)\d{2}年")
_LISTED = re.compile(rf"(?:19|20)\d{{2}}年度?.{{0,30}}?{_REPORT_WORDS}")


@dataclass(frozen=True, slots=True)
class Recognition:
    """What a document is (`kind`), the signs it was told by (`evidence`, as a reader would check them),
    and for a report sent with a cover letter or notice: the block where the report begins (`start`)
    and, when no title line of its own follows the letter, the title the letter quotes (`title`)."""

    kind: DocKind
    evidence: tuple[str, ...] = field(default=())
    start: int = 0
    title: str | None = None

    @property
    def is_report(self) -> bool:
        return self.kind == DocKind.REPORT

    def explanation(self) -> str:
        """The one line stored as `documents.error` of a non-report: what it is and why."""
        evidence = f": {'; '.join(self.evidence)}" if self.evidence else ""
        return f"not a report, {DOC_KINDS[self.kind]}{evidence}"

    def report_blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """The blocks the report is read from: all of them, or those after a cover letter (headed by the
        title the letter quotes when the report prints none)."""
        if not self.start and self.title is None:
            return blocks
        head = (Paragraph(self.title),) if self.title is not None else ()
        return (*head, *blocks[self.start :])


def _key(text: str) -> str:
    return digit_years(_HEADER_PREFIX.sub("", simplified(compact(text))))


def _head_lines(blocks: tuple[Block, ...]) -> list[tuple[int, str]]:
    """(block index, line) of the first non-empty lines before the first heading: where a title is."""
    lines: list[tuple[int, str]] = []
    for i, block in enumerate(blocks):
        if len(lines) >= HEAD_LINES or isinstance(block, Table):
            break
        if heading_no(block.text) is not None or older_heading_no(block.text) is not None:
            break
        line = _key(block.text[: 4 * MAX_TITLE_LINE])
        if line and len(line) <= MAX_TITLE_LINE and "。" not in line:  # a sentence is not a title
            lines.append((i, line))
    return lines


def _headings(blocks: tuple[Block, ...]) -> tuple[set[int], set[int]]:
    """Distinct section numbers headed in the national grammar, and in the older one."""
    national, older = set(), set()
    for block in blocks:
        if isinstance(block, Paragraph):
            if (no := heading_no(block.text)) is not None:
                national.add(no)
            if (no := older_heading_no(block.text)) is not None:
                older.add(no)
    return national, older


def _opening_signs(blocks: tuple[Block, ...]) -> list[str]:
    signs: list[str] = []
    paragraphs = [b for b in blocks[:OPENING_PARAGRAPHS] if isinstance(b, Paragraph)]
    for block in paragraphs:
        text = _key(block.text[:OPENING_CHARS])
        if "opening" not in signs and (_OPENING.search(text) or _REGULATION.search(text)):
            signs.append("opening")
        if "period" not in signs and _PERIOD.search(text):
            signs.append("period")
    return signs


def _listed_reports(blocks: tuple[Block, ...]) -> set[str]:
    """Short lines (paragraphs or table cells) that are titles of annual reports with a year."""
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    texts += [c.text for b in blocks if isinstance(b, Table) for row in b.rows for c in row]
    found = set()
    for text in texts:
        if len(text) <= 2 * MAX_TITLE_LINE and (m := _LISTED.search(key := _key(text))) and len(key) <= 100:
            found.add(m.group())
    return found


def _report_start(blocks: tuple[Block, ...], after: int, quoted: str) -> tuple[int, bool] | None:
    """Where the report a letter sends begins: its own title line (True) or its first heading (False)."""
    core = _key(quoted)
    for i in range(after + 1, len(blocks)):
        block = blocks[i]
        if not isinstance(block, Paragraph):
            continue
        line = _key(block.text[: 4 * MAX_TITLE_LINE])
        if line == core or (len(line) <= MAX_TITLE_LINE and core in line and not _NOT_TITLE.search(line)):
            return i, True
        if heading_no(block.text) is not None or older_heading_no(block.text) is not None:
            return i, False
    return None


def recognise(blocks: tuple[Block, ...], tables_found: bool) -> Recognition:
    """The kind of a document from its (simplified) blocks and whether any disclosure table was read.
    Never `unrecognised` when any sign of a report is there; missing tables alone decide nothing."""
    head = _head_lines(blocks)
    national, older = _headings(blocks)
    opening = _opening_signs(blocks)
    body: list[str] = []
    if tables_found:
        body.append("disclosure tables read")
    if len(national) >= MIN_HEADINGS:
        body.append(f"{len(national)} of the six section headings")
    elif len(older | national) >= MIN_HEADINGS:
        body.append(f"{len(older | national)} section headings of the older reports")
    if "period" in opening:
        body.append("the 统计期限 sentence")

    for _, line in head:
        if _INTERPRETATION.search(line):
            return Recognition(DocKind.INTERPRETATION, (f"its title “{line}”",))
    for i, line in head:
        m = _WRAPPER.search(line)
        if m is None or not _REPORT_TITLE.search(m.group("title")):
            continue
        start = _report_start(blocks, i, m.group("title"))
        if start is not None or tables_found:
            at, own_title = start or (i + 1, False)
            evidence = (f"the report 《{m.group('title')}》 follows its cover letter “{line}”", *body)
            return Recognition(DocKind.REPORT, evidence, at, None if own_title else m.group("title"))
        letter = m.group("verb") in _LETTER_VERBS or m.group("form") in _LETTER_FORMS
        kind = DocKind.COVER_LETTER if letter or m.group("form") == "报告" else DocKind.NOTICE
        return Recognition(kind, (f"its title “{line}” sends 《{m.group('title')}》, which the file does not hold",))
    strong = body + (["the opening sentence"] if "opening" in opening else [])
    for _, line in head:
        if _NOTICE.search(line) and not strong:
            return Recognition(DocKind.NOTICE, (f"its title “{line}”", "no report text, headings or tables"))
    listed = _listed_reports(blocks)
    if len(listed) >= MIN_LISTED and not strong:
        shown = "、".join(sorted(listed)[:3])
        return Recognition(DocKind.INDEX_PAGE, (f"{len(listed)} report titles listed ({shown}…)", "no report text"))
    titles = [line for _, line in head if _REPORT_TITLE.search(line)]
    evidence = ([f"its title “{titles[0]}”"] if titles else []) + strong
    if evidence:
        return Recognition(DocKind.REPORT, tuple(evidence))
    return Recognition(DocKind.UNRECOGNISED)
