"""Whose report and which year (FORMAT.md §8 `reports.agency`, `agency_raw`, `year`), and where the
agency sits among China's administrative divisions.

In: the extracted blocks and the file's path under the crawled root. Out: `read_metadata(blocks, path)
-> Metadata` (agency as printed and normalised, year, title, conflicts between sources), from `metadata`;
`resolve_agencies([(agency, year)])` → one row per agency with level, region names and adcodes (the
`agencies` table), from `regions` (run in a child process by `flows.ingest`).
"""

from transform.identity.metadata import OPENING_CHARS, OPENING_PARAGRAPHS, normalise_agency, read_metadata
from transform.identity.regions import REGIONS_VERSION, resolve_agencies

__all__ = [
    "OPENING_CHARS",
    "OPENING_PARAGRAPHS",
    "REGIONS_VERSION",
    "normalise_agency",
    "read_metadata",
    "resolve_agencies",
]
