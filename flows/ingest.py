"""The Prefect ingestion flow: crawl → parse batches of files (tasks) → write each file (one writer)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.files import crawl, parse_file
from load.warehouse import Warehouse
from transform.model import ParsedFile
from transform.regions import REGIONS_VERSION, resolve_agencies

DEFAULT_ROOT = "data/reports"
DEFAULT_DB = "data/warehouse.duckdb"
# A task run costs ~30 ms of orchestration; a batch keeps that small against the parsing itself.
DEFAULT_BATCH = 20


@dataclass
class IngestSummary:
    files_seen: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, status, reason)
    reports_per_year: Counter[int | None] = field(default_factory=Counter)
    error_checks: int = 0
    warning_checks: int = 0

    def add(self, parsed: ParsedFile, stored_status: str) -> None:
        self.statuses[stored_status] += 1
        if stored_status not in ("parsed", "partial"):
            self.failures.append((parsed.path, stored_status, parsed.error or ""))
            return
        report = parsed.report
        assert report is not None
        self.reports_per_year[report.year] += 1
        self.error_checks += sum(c.severity == "error" for c in report.checks)
        self.warning_checks += sum(c.severity == "warning" for c in report.checks)


def batches(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@task(name="parse-batch", cache_policy=NO_CACHE, retries=0)
def parse_batch(root: str, paths: list[str]) -> list[ParsedFile]:
    """Extract and transform a batch of files; per-file failures are results, not exceptions."""
    return [parse_file(Path(root), rel) for rel in paths]


@flow(name="ogi-ingest")
def ingest(root: str = DEFAULT_ROOT, db: str = DEFAULT_DB, batch_size: int = DEFAULT_BATCH) -> IngestSummary:
    """Ingest every report file under `root` into the DuckDB file `db`."""
    root_path = Path(root).resolve()
    if not root_path.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    files = crawl(root_path)
    summary = IngestSummary(files_seen=len(files))
    futures = [parse_batch.submit(str(root_path), batch) for batch in batches(files, batch_size)]
    with Warehouse(db) as warehouse:
        for future in futures:
            for parsed in future.result():
                summary.add(parsed, warehouse.write(parsed))
        warehouse.refresh_cross_checks()
        resolve_regions(warehouse)
    return summary


def resolve_regions(warehouse: Warehouse) -> None:
    """Level and region of agencies seen for the first time (a missing region never fails the run)."""
    pending = warehouse.unresolved_agencies(REGIONS_VERSION)
    try:
        warehouse.write_agencies(resolve_agencies(pending))
    except Exception as exc:  # the division data is an enrichment: report it and keep the loaded reports
        get_run_logger().warning("could not resolve regions of %d agencies: %s", len(pending), exc)
