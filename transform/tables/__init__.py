"""The three standard tables (FORMAT.md §3–§5), read by the format's grammar, not their layout.

In: the extracted blocks (`extract.model.Block`: paragraphs and table grids in reading order) and the
figures the section texts quote by cell (`transform.checks.quoted_figures`).
Out: `read_tables(blocks, quoted) -> TableRead`: long-format cells (`transform.model.CellValue`), the reading
checks raised while reading (`ambiguous_digits`, `unaligned_row`, …) and the format markers seen.

Stages inside, in order: `tokens` (every grid, pipe-line stream, run of one-cell paragraphs, line of
label and spaced numbers and running-text paragraph → one stream
of label and value tokens; `glued` finds the format's labels inside running text), `reader` (routes the
tokens to one reader per table: `read_active`, `read_requests`, `read_review`, on the shared
`rowreader`; printed text → `values`, labels → codes by `labels`), then `resolve` and `orphans` settle
the rows left open (by the format, the identities of FORMAT.md §6 through `align`; digits run together
by `readings`, the figures the section texts quote and `propagate`), `tableout` holds the shared result
types. A row the text ends in (a page cut short) is flagged `cut_row`, its complete rows kept.
"""

from transform.tables.reader import read_tables
from transform.tables.tableout import TableRead

__all__ = ["TableRead", "read_tables"]
