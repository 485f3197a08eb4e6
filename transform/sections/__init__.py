"""The six section texts of a report (FORMAT.md §2).

In: the extracted blocks (`extract.model.Block`). Out: `split_sections(blocks) -> SectionsRead`
(`.sections`: `transform.model.Section` — number 1–6, FORMAT.md section code, heading as printed or None
when lost, text; `.signature`: `transform.signature.Signature` or None), found by the heading grammar of
`transform.headings`; `missing_sections(sections) -> list[Check]` names each section not found.
"""

from transform.sections.missing import missing_sections
from transform.sections.split import SectionsRead, split_sections

__all__ = ["SectionsRead", "missing_sections", "split_sections"]
