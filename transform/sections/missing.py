"""A section not found is said, never silently absent (issue 28): one `missing_section` warning each."""

from __future__ import annotations

from transform import vocabulary as v
from transform.model import Check, Section


def missing_sections(sections: tuple[Section, ...]) -> list[Check]:
    """One `missing_section` check per section of FORMAT.md §2 that `sections` lacks, naming it."""
    found = {s.no for s in sections}
    severity = v.CHECK_CODES[v.MISSING_SECTION].severity
    return [
        Check(v.MISSING_SECTION, severity, f"未找到第{spec.no}部分“{spec.heading}”")
        for spec in v.SECTIONS
        if spec.no not in found
    ]
