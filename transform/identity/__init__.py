"""Whose report and which year (FORMAT.md §8 `reports.agency`, `agency_raw`, `year`, and where each was
found: `agency_source`, `year_source`), and where the agency sits among China's administrative divisions.

In: the extracted blocks, the file's path under the crawled root, and readings found elsewhere (the
signature). Out: `read_metadata(blocks, path, extra) -> Metadata` (agency as printed and as a key, year,
title, where each was found, the identity checks), from `metadata`; `Reading(source, agency, year)`, one
place's reading, from `sources`; `resolve_agencies([(agency, year)])` → one row per agency with level,
region names and adcodes (the `agencies` table), from `regions` (run in a child process by `flows.ingest`).
"""

from transform.identity.metadata import Metadata, normalise_agency, read_metadata
from transform.identity.regions import REGIONS_VERSION, resolve_agencies
from transform.identity.sources import OPENING_CHARS, OPENING_PARAGRAPHS, Reading

__all__ = [
    "OPENING_CHARS",
    "OPENING_PARAGRAPHS",
    "REGIONS_VERSION",
    "Metadata",
    "Reading",
    "normalise_agency",
    "read_metadata",
    "resolve_agencies",
]
