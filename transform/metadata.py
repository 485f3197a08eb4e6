"""Report metadata from the title: the agency (printed and normalised) and the year reported on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Block, Paragraph
from transform.normalize import compact, simplified
from transform.sections import heading_no

_YEAR = r"((?:19|20)\d{2})年度?"
# "XX人民政府2023年度…报告" or "2023年XX镇政府信息公开…报告"
_AGENCY_FIRST = re.compile(rf"^(?P<agency>.*?){_YEAR}")
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<agency>.*?(?:人民政府)?)(?:政府)?(?:信息公开|政务公开)")
_TITLE_END = ("报告", "年报")
MAX_TITLE_LINES = 3


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    agency_raw: str | None
    agency: str | None
    year: int | None


def normalise_agency(raw: str) -> str:
    """The agency key: no whitespace, no trailing 人民政府 (so XX镇人民政府 and XX镇 are one agency);
    XX市政府 is the same body as XX市人民政府."""
    name = simplified(compact(raw))
    name = re.sub(r"人民政府$", "", name)
    name = re.sub(r"(?<=[省市县区镇乡旗])政府$", "", name)
    return name or compact(raw)


def find_title(blocks: tuple[Block, ...]) -> str | None:
    """The title is the first lines before the first section, up to the one ending in 报告; titles
    are often split over two lines (agency / year and report name)."""
    lines: list[str] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        text = compact(block.text)
        if not text:
            continue
        if heading_no(block.text) is not None or len(lines) >= MAX_TITLE_LINES:
            break
        lines.append(text)
        if text.endswith(_TITLE_END) or "报告" in text:
            return "".join(lines)
    return lines[0] if lines else None


def _agency_and_year(title: str) -> tuple[str | None, int | None]:
    m = _AGENCY_FIRST.match(title)
    if m and m.group("agency"):
        return m.group("agency"), int(m.group(2))
    m = _YEAR_FIRST.match(title)
    if m:
        return m.group("agency") or None, int(m.group(1))
    return None, None


def _year_from_body(blocks: tuple[Block, ...]) -> int | None:
    """When the title has no year: the statistics period or "20XX年政府信息公开" in the opening text,
    never a publication date."""
    for block in blocks[:15]:
        if not isinstance(block, Paragraph):
            continue
        text = compact(block.text)
        m = re.search(r"统计期限自((?:19|20)\d{2})年", text) or re.search(
            rf"{_YEAR}(?:政府)?(?:信息公开|政务公开)工作年度报告", text
        )
        if m:
            return int(m.group(1))
    return None


def read_metadata(blocks: tuple[Block, ...]) -> Metadata:
    title = find_title(blocks)
    agency_raw, year = _agency_and_year(title) if title else (None, None)
    if year is None:
        year = _year_from_body(blocks)
    agency = normalise_agency(agency_raw) if agency_raw else None
    return Metadata(title, agency_raw, agency, year)
