"""Checks of the read cells (FORMAT.md §6–§7).

In: the long-format cells (`transform.model.CellValue`) and the section texts. Out: `Check` rows
(`transform.model.Check`, codes and severities from `transform.vocabulary.CHECK_CODES`):
`identities` evaluates the accounting identities (FORMAT.md §6) and flags blank and low-confidence
cells; `text` compares figures quoted in the section texts with the tables (X5) and hands them to the table
readers (`quoted_figures`), which decide cells run together by them.
"""

from transform.checks.identities import blank_cells, low_confidence, run_checks
from transform.checks.text import quoted_figures, text_checks

__all__ = ["blank_cells", "low_confidence", "quoted_figures", "run_checks", "text_checks"]
