"""A section not found is said, never silently absent (issue 28): one `missing_section` warning each."""

from __future__ import annotations

from collections.abc import Collection

from transform import vocabulary as v
from transform.model import Check, Section


def missing_sections(sections: tuple[Section, ...], tables_missing: Collection[str] = ()) -> list[Check]:
    """One `missing_section` check per section of FORMAT.md §2 that `sections` lacks, naming it; a
    section 2–4 whose table is missing too is left to that table's `missing_table` check (its code is
    the table's code)."""
    found = {s.no for s in sections} | {spec.no for spec in v.SECTIONS if spec.code in tables_missing}
    severity = v.CHECK_CODES[v.MISSING_SECTION].severity
    return [
        Check(v.MISSING_SECTION, severity, f"未找到第{spec.no}部分“{spec.heading}”")
        for spec in v.SECTIONS
        if spec.no not in found
    ]
