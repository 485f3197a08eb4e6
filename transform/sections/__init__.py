"""The six section texts of a report (FORMAT.md §2).

In: the extracted blocks (`extract.model.Block`). Out: `split_sections(blocks) -> tuple[Section, ...]`
(`transform.model.Section`: number 1–6, FORMAT.md section code, heading as printed, text), found by the
heading grammar of `transform.headings`.
"""

from transform.sections.split import split_sections

__all__ = ["split_sections"]
