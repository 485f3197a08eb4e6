"""What a document says it is: an annual report (whether or not its tables survived), or which kind of
document about reports (issue 26; kinds in `transform.vocabulary.DOC_KINDS`).

Signs of a report, read on the simplified text (`transform.mirror`): the title words
(政府信息公开工作年度报告, 政务公开工作年度报告, 信息公开年报, …工作情况的报告), the opening sentence
(现公布/现发布/特公布/现编制…年度报告; 本报告根据《…条例》…), the six national headings or the older ones
(`transform.older`), the 统计期限 sentence, and readable disclosure tables. Signs of a document about a
report, read in its title lines: 解读/图解/一图读懂 of a report (an explanation), 关于…年度报告…的通知/公告
(a notice), 关于报送《…年度报告》的函 (a cover letter), a list of report titles of several years (an index
page). A cover letter or notice that holds its report (the report's title line after it, its headings or
tables) is that report, read from where the report begins; a notice's own sentences (统计期限为…,
向社会公布…年度报告) do not make it one. On a saved page, navigation lines above a title that names agency
and year are not read as the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Block, Paragraph, Table
from transform.headings import heading_no
from transform.normalize import compact, digit_years
from transform.older import older_heading_no
from transform.vocabulary import DOC_KINDS, DocKind

HEAD_LINES = 12  # non-empty lines before the first heading that may be the title
MAX_TITLE_LINE = 120  # characters: a longer line is a paragraph, not a title
OPENING_PARAGRAPHS = 15
OPENING_CHARS = 2000
MIN_HEADINGS = 2  # distinct national section headings that make a report without other signs
MIN_OLDER_HEADINGS = 3  # distinct older ones (their grammar reads topics alone, so it asks for more)
MIN_LISTED = 3  # distinct report titles a list page holds …
MANY_LISTED = 5  # … or, when its head holds one dated report title (a page with links to other years), this many

_REPORT_WORDS = r"(?:信息公开|政务公开)(?:工作)?(?:情况)?的?(?:年度)?(?:报告|年报)"
_REPORT_TITLE = re.compile(_REPORT_WORDS)
_HEADER_PREFIX = re.compile(r"^(?:标题|题目|文章标题|title)[:：]", re.IGNORECASE)
# The whole title line is about a report: 《…年度报告》解读, …年度报告图解, 一图读懂…年度报告 (a sidebar link such
# as 相关解读：… is not a title).
_INTERPRETATION = re.compile(
    r"^(?:关于)?《?[^《》:]{0,80}(?:年度报告|年报)》?\(?的?(?:政策)?(?:解读|图解)\)?$"
    r"|^(?:图解|解读|政策解读|一图读懂|一图看懂|图说)[:]?《?[^《》]{0,80}(?:年度报告|年报)》?$"
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
# A title line that names its agency before the year: lines above it on a saved page are the site's chrome.
_LISTED = re.compile(rf"(?:19|20)\d{{2}}年度?.{{0,30}}?{_REPORT_WORDS}")


OPENING_SIGNS = (("period", "the 统计期限 sentence"), ("opening", "the opening sentence"))


@dataclass(frozen=True, slots=True)
class Recognition:
    """What a document is (`kind`), the signs it was told by (`evidence`, as a reader would check them),
    the block where the report begins (`start`: after a cover letter or notice) and, when no title line
    of its own follows a letter, the title the letter quotes (`title`)."""

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
        """The blocks the report is read from: all of them, or those from its title line on (after a cover
        letter the title the letter quotes heads them when the report prints none)."""
        if not self.start and self.title is None:
            return blocks
        head = (Paragraph(self.title),) if self.title is not None else ()
        return (*head, *blocks[self.start :])


def _key(text: str) -> str:
    """A line as the rules match it; `text` is already simplified (`transform.mirror.reading_blocks`)."""
    return digit_years(_HEADER_PREFIX.sub("", compact(text)))


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
        if "报" not in text or len(text) > 2 * MAX_TITLE_LINE:  # most cells and paragraphs: a cheap no
            continue
        if (m := _LISTED.search(key := _key(text))) and len(key) <= 100:
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


def _structure(blocks: tuple[Block, ...], tables_found: bool) -> list[str]:
    """Signs in the document's structure: tables read, section headings (national, or the older ones)."""
    national, older = _headings(blocks)
    signs = ["disclosure tables read"] if tables_found else []
    if len(national) >= MIN_HEADINGS:
        signs.append(f"{len(national)} of the six section headings")
    elif len(older | national) >= MIN_OLDER_HEADINGS:
        signs.append(f"{len(older | national)} section headings of the older reports")
    return signs


def _letter(blocks: tuple[Block, ...], at: int, line: str, m: re.Match[str], structure: list[str]) -> Recognition:
    """A title line sending or announcing a report (关于报送《…》的函, 关于印发《…》的通知): the report from
    where it begins in the file, else the letter or notice itself."""
    title = m.group("title")
    start = _report_start(blocks, at, title)
    if start is not None or "disclosure tables read" in structure:
        begin, own_title = start or (at + 1, False)
        evidence = (f"the report 《{title}》 follows its cover letter “{line}”", *structure)
        return Recognition(DocKind.REPORT, evidence, begin, None if own_title else title)
    letter = m.group("verb") in _LETTER_VERBS or m.group("form") in _LETTER_FORMS or m.group("form") == "报告"
    return Recognition(
        DocKind.COVER_LETTER if letter else DocKind.NOTICE,
        (f"its title “{line}” sends 《{title}》, which the file does not hold",),
    )


def recognise(blocks: tuple[Block, ...], tables_found: bool) -> Recognition:
    """The kind of a document from its (simplified) blocks and whether any disclosure table was read.
    Never `unrecognised` when any sign of a report is there; missing tables alone decide nothing. A title
    saying the document is about a report decides first; a notice or list page that holds a report's
    structure (tables, headings) is that report."""
    head = _head_lines(blocks)
    structure = _structure(blocks, tables_found)
    for _, line in head:
        if _INTERPRETATION.search(line):
            return Recognition(DocKind.INTERPRETATION, (f"its title “{line}”",))
    for at, line in head:
        m = _WRAPPER.search(line)
        if m is not None and _REPORT_TITLE.search(m.group("title")):
            return _letter(blocks, at, line, m, structure)
    if not structure:
        for _, line in head:
            if _NOTICE.search(line):
                return Recognition(DocKind.NOTICE, (f"its title “{line}”", "no report headings or tables"))
    opening = _opening_signs(blocks)
    text_signs = [sign for key, sign in OPENING_SIGNS if key in opening]
    listed = _listed_reports(blocks)
    # one dated title line in the head (links such as 上一篇：… aside): the page is that report's
    titled = len({line for _, line in head if _LISTED.search(line) and ":" not in line}) == 1
    if len(listed) >= (MANY_LISTED if titled else MIN_LISTED) and not structure and not text_signs:
        shown = "、".join(sorted(listed)[:3])
        return Recognition(DocKind.INDEX_PAGE, (f"{len(listed)} report titles listed ({shown}…)", "no report text"))
    titles = [line for _, line in head if _REPORT_TITLE.search(line) and "《" not in line]
    evidence = ([f"its title “{titles[0]}”"] if titles else []) + structure + text_signs
    if evidence:  # read from the first block on: the page's chrome above the title is identity evidence
        return Recognition(DocKind.REPORT, tuple(evidence))
    return Recognition(DocKind.UNRECOGNISED)
