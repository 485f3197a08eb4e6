"""Report metadata: the agency (printed and normalised) and the year reported on, wherever printed.

Sources, most trusted first: the title line (a page or crawler header such as `标题: …`, an HTML
<title> or ArticleTitle the extractor put first, a markdown `#` title); the opening sentences
(`…XX局编制了2021年度政府信息公开工作年度报告`, `本报告…统计期限为2024年1月1日至…`, `2024年，XX办公厅坚持…`);
the file name and its folders (`XX局/2021年度报告.pdf`). Years in Chinese numerals (二〇二二年) count.
Where two sources disagree the most trusted is kept and the disagreement reported (`metadata_conflict`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from extract.model import Block, Paragraph
from transform.headings import heading_no
from transform.normalize import compact, digit_years, simplified

_YEAR = r"((?:19|20)\d{2})年度?"
# "XX人民政府2023年度…报告" or "2023年XX镇政府信息公开…报告"
_AGENCY_FIRST = re.compile(rf"^(?P<agency>.*?){_YEAR}")
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<agency>.*?(?:人民政府)?)(?:政府)?(?:信息公开|政务公开)")
_HEADER_PREFIX = re.compile(r"^(?:标题|题目|文章标题|title)[:：]", re.IGNORECASE)
_TITLE_END = ("报告", "年报")
MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80  # a longer line is the opening paragraph of a report printed without its title
OPENING_PARAGRAPHS = 15
OPENING_CHARS = 2000  # of each opening paragraph: a crawler dump may hold the whole report on one line

_PLACE = r"[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区|镇|乡|街道)"
_DEPARTMENT = r"(?:[\u4e00-\u9fa5]{0,12}?(?:办公厅|办公室|委员会|管理局|局|厅))?"
_NOT_AGENCY = ("我", "本", "全", "各")
_OPENING = (  # (pattern, group of the agency or None, group of the year or None)
    (re.compile(rf"([^，,。；;、《》()（）:：]{{2,40}}?)(?:编制了?|编制完成了?|发布了?){_YEAR}"), 1, 2),
    (re.compile(rf"现将([^，,。；;、《》()（）]{{2,40}}?){_YEAR}(?:政府)?(?:信息公开|政务公开)"), 1, 2),
    (re.compile(rf"^{_YEAR}[，,]((?:{_PLACE})+(?:人民政府)?{_DEPARTMENT})"), 2, 1),
    (re.compile(rf"统计(?:数据)?(?:期限|时限|时间|区间)(?:为|自|从|是)?{_YEAR}"), None, 1),
    (re.compile(rf"{_YEAR}(?:政府)?(?:信息公开|政务公开)工作"), None, 1),
)
_PATH_AGENCY = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|局|厅|镇|乡|街道|县|区|市)$")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    agency_raw: str | None
    agency: str | None
    year: int | None
    conflicts: tuple[str, ...] = field(default=())  # messages naming two sources that disagree


def normalise_agency(raw: str) -> str:
    """The agency key: no whitespace, no trailing 人民政府 (so XX镇人民政府 and XX镇 are one agency);
    XX市政府 is the same body as XX市人民政府."""
    name = simplified(compact(raw))
    name = re.sub(r"人民政府$", "", name)
    name = re.sub(r"(?<=[省市县区镇乡旗])政府$", "", name)
    return name or compact(raw)


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
        sentence = len(text) > MAX_TITLE_CHARS or "。" in text or "《" in text  # the opening paragraph
        if heading_no(block.text) is not None or len(lines) >= MAX_TITLE_LINES or sentence:
            break
        lines.append(text)
        if text.endswith(_TITLE_END) or "报告" in text:
            tails = ["".join(lines[i:]) for i in range(len(lines) - 1, -1, -1)]
            return next((t for t in tails if all(_agency_and_year(t))), tails[-1])
    return lines[0] if lines else None


def _agency_and_year(title: str) -> tuple[str | None, int | None]:
    m = _AGENCY_FIRST.match(title)
    if m and m.group("agency"):
        return m.group("agency"), int(m.group(2))
    m = _YEAR_FIRST.match(title)
    if m:
        return m.group("agency") or None, int(m.group(1))
    return None, None


def _opening(blocks: tuple[Block, ...]) -> tuple[str | None, int | None]:
    """Agency and year from the opening sentences, never from a publication date."""
    agency: str | None = None
    year: int | None = None
    for block in blocks[:OPENING_PARAGRAPHS]:
        if not isinstance(block, Paragraph):
            continue
        text = digit_years(compact(block.text[:OPENING_CHARS]))
        for pattern, agency_group, year_group in _OPENING:
            m = pattern.search(text)
            if m is None:
                continue
            found = m.group(agency_group) if agency_group else None
            if agency is None and found and not found.startswith(_NOT_AGENCY) and "报告" not in found:
                agency = found
            if year is None and year_group:
                year = int(m.group(year_group))
        if agency and year:
            break
    return agency, year


def _from_path(path: str | None) -> tuple[str | None, int | None]:
    """The file name and its folders, nearest first: `XX局/2021年度报告.pdf`, `XX局2021年….docx`."""
    if not path:
        return None, None
    p = PurePosixPath(path)
    names = [digit_years(compact(n)) for n in (p.stem, *reversed(p.parent.parts))]
    year = next((int(m.group(1)) for n in names if (m := re.search(r"((?:19|20)\d{2})年", n))), None)
    agency = None
    for name in names:
        found, _ = _agency_and_year(name)
        candidate = found or (name if not re.search(r"\d", name) else None)
        if candidate and _PATH_AGENCY.search(candidate) and not candidate.startswith(_NOT_AGENCY):
            agency = candidate
            break
    return agency, year


def _pick(found: Iterable[tuple[str, str | int | None]], what: str, same) -> tuple[str | int | None, list[str]]:
    """The most trusted value, and a message for each less trusted source that disagrees with it."""
    chosen: tuple[str, str | int] | None = None
    conflicts = []
    for source, value in found:
        if value is None:
            continue
        if chosen is None:
            chosen = (source, value)
        elif not same(chosen[1], value):
            conflicts.append(f"{what}：{chosen[0]}为“{chosen[1]}”，{source}为“{value}”；取{chosen[0]}")
    return (chosen[1] if chosen else None), conflicts


def _same_agency(a: str, b: str) -> bool:
    ka, kb = normalise_agency(a), normalise_agency(b)
    return ka in kb or kb in ka


def read_metadata(blocks: tuple[Block, ...], path: str | None = None) -> Metadata:
    """Agency and year from every place they are printed, most trusted first. `path`: the file's path
    relative to the crawled folder, when known."""
    title = find_title(blocks)
    title_agency, title_year = _agency_and_year(title) if title else (None, None)
    opening_agency, opening_year = _opening(blocks)
    path_agency, path_year = _from_path(path)
    agency_raw, agency_conflicts = _pick(
        (("标题", title_agency), ("正文开头", opening_agency), ("文件路径", path_agency)), "机关", _same_agency
    )
    year, year_conflicts = _pick(
        (("标题", title_year), ("正文开头", opening_year), ("文件路径", path_year)), "年度", lambda a, b: a == b
    )
    assert agency_raw is None or isinstance(agency_raw, str)
    assert year is None or isinstance(year, int)
    agency = normalise_agency(agency_raw) if agency_raw else None
    return Metadata(title, agency_raw, agency, year, tuple(agency_conflicts + year_conflicts))
