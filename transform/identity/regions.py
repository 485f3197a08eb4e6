"""Agency level and region from the agency name, with cnloc's administrative-division data.

cnloc matches province / city / county names (with adcodes, for the division year asked) and refuses
ambiguous matches, so a bare township name (城关镇) stays unresolved rather than guessed. The level
comes from how the name ends: a township suffix, the resolved county, city or province name itself, or
anything else (局, 委员会, 办公室 …) as a department of the resolved area.
"""

from __future__ import annotations

import math
import re

# Bump when the rules below change, so agencies resolved before are resolved again.
REGIONS_VERSION = 2
_TOWNSHIP = re.compile(r"(?:镇|乡|街道|街道办事处|苏木|民族乡|办事处)$")
_PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return str(int(value))
    return str(value)


def level_of(agency: str, province: str | None, city: str | None, county: str | None) -> str:
    if _TOWNSHIP.search(agency):
        return "township"
    if county and agency.endswith(county):
        return "county"
    if city and city not in _PLACEHOLDER_CITIES and agency.endswith(city):
        return "city"
    if province and agency.endswith(province):
        return "province"
    if province is None:  # not in the division data: the name's own suffix is all there is
        for suffix, level in (
            (("省", "自治区"), "province"),
            (("市", "州", "盟", "地区"), "city"),
            (("县", "区", "旗"), "county"),
        ):
            if agency.endswith(suffix):
                return level
    return "department"


def resolve_agencies(agencies: list[tuple[str, int | None]]) -> list[dict[str, str | int | None]]:
    """(agency, year) pairs → one row per agency (a dict keyed by the `agencies` table's columns, which
    `sql/tables/070_agencies.sql` declares and types) with level, region names and adcodes. Runs in a
    child process (see flows.ingest.resolve_regions), so the writer itself never loads cnloc."""
    if not agencies:
        return []
    import cnloc  # pandas underneath: imported only when there is something to resolve

    names = [a for a, _ in agencies]
    years = [y or 2024 for _, y in agencies]
    found = cnloc.getlocation(names, year=years)
    rows = []
    for (agency, year), rec in zip(agencies, found.to_dict("records"), strict=True):
        province, city, county = (_text(rec.get(f"{k}_name")) for k in ("province", "city", "county"))
        codes = {k: _text(rec.get(f"{k}_adcode")) for k in ("province", "city", "county")}
        city_name = None if city in _PLACEHOLDER_CITIES else city
        rows.append(
            {
                "agency": agency,
                "level": level_of(agency, province, city, county),
                "province": province,
                "city": city_name,
                "county": county,
                "adcode": codes["county"] or codes["city"] or codes["province"],
                "province_adcode": codes["province"],
                "city_adcode": codes["city"],
                "county_adcode": codes["county"],
                "division_year": int(rec["year"]) if _text(rec.get("year")) else year,
                "resolver_version": REGIONS_VERSION,
            }
        )
    return rows
