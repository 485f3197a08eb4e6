"""The Prefect ingestion flow: crawl → parse batches of new or changed files (tasks) → one writer.

Incremental: a file whose path, size and mtime match the warehouse is not read; one whose stat changed
is hashed, and re-parsed only if its bytes (or the parser version) changed. Files that disappeared are
marked `removed`. Each batch is written in one transaction, so a killed run leaves the warehouse as it
was before the batch being written (never half a file), and the next run picks up where it stopped.
"""

from __future__ import annotations

import resource
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from flows import history, progress
from flows.files import MAX_FILE_MB, MAX_MEMORY_MB, MAX_SECONDS, FileInfo, Limits, crawl
from flows.isolation import parse_files, stop_workers
from flows.lifeline import run_in_child
from flows.names import printable
from flows.runners import parse_slots
from load.findings import Unread, count_by_origin, open_findings, unread_files, unread_lines
from load.lock import writer_lock
from load.storage import storage_errors
from load.warehouse import KnownFile, TooManyGone, Warehouse
from transform import PARSER_VERSION
from transform.identity import REGIONS_VERSION, resolve_agencies
from transform.model import ParsedFile
from transform.vocabulary import CHECK_CODES, OWNING, PRE2019, DocStatus, Origin

DEFAULT_ROOT = "data/reports"
DEFAULT_DB = "data/warehouse.duckdb"
# A task run has a fixed cost: ~30 ms in a thread, ~0.2 s of CPU through Dask (Prefect serializes its
# settings on every submit and the worker restores them). Batches keep it small against the parsing.
THREAD_BATCH = (20, 512 * 1024)  # (files, bytes) per batch when parsing in this process
DASK_BATCH = (100, 2 * 2**20)  # ... and when parsing on Dask workers
BATCHES_PER_WORKER = 4  # at least this many batches per worker, so none waits idle at the end
# DuckDB's buffer pool while ingesting: enough for batch inserts (the X1 join spills to disk if it must),
# flat as the warehouse grows (at 192 MB the RSS drifted up ~40 MB over 10,000 reports).
WRITER_MEMORY = "96MB"
# While the writer waits for parse results it looks this often for readers waiting for the file (s).
IDLE_SECONDS = 0.1
# More than this share of the files known under a root gone at once is not believed: an unmounted share
# (its mount point an empty folder) or a moved folder, not a night of deletions.
MAX_REMOVED = 0.5


def check_removals(root: str, gone: int, known: int, max_removed: float) -> None:
    """Refuse to mark files removed when more than `max_removed` (a share) of the `known` files under
    `root` are gone: raises TooManyGone with the one line to show, before anything is written."""
    if gone and gone > max_removed * known:
        raise TooManyGone(
            f"{gone} of the {known} files known under {printable(root)} are gone; nothing was marked removed. "
            f"Is the folder mounted? If it moved, `ogi forget` the old root; if they really went, "
            f"run with --max-removed 1"
        )


@dataclass
class IngestSummary:
    """What a run did (files by status, reports by year, checks by origin and severity) and what the
    warehouse holds that needs a person (open checks, files no number was read from)."""

    files_seen: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    reports_per_year: Counter[int | None] = field(default_factory=Counter)
    new_checks: Counter[tuple[str, str]] = field(default_factory=Counter)  # (origin, severity) → this run's
    open_checks: Counter[tuple[str, str]] = field(default_factory=Counter)  # ... of the current reports after it
    failures: list[Unread] = field(default_factory=list)  # files under the root no number was read from
    written: set[str] = field(default_factory=set)  # paths this run wrote
    peak_rss_mb: float = 0.0  # of the flow process (the writer), not of workers or helpers
    cut_short: int = 0  # reports stored without some of their tables (partial: a page cut short, …)
    older_format: int = 0  # free-format reports on 2008–2018 (pre2019): no national tables to miss
    not_reports: Counter[str] = field(default_factory=Counter)  # kind of each non-report (DocKind)

    def add(self, parsed: ParsedFile, stored_status: str) -> None:
        self.statuses[stored_status] += 1
        if stored_status == "unchanged":
            return
        self.written.add(parsed.path)
        if stored_status not in OWNING:
            if parsed.report is not None and stored_status == DocStatus.NOT_A_REPORT:
                self.not_reports[parsed.report.kind] += 1
            return
        report = parsed.report
        assert report is not None
        self.cut_short += stored_status == DocStatus.PARTIAL
        self.older_format += report.format_version == PRE2019
        self.reports_per_year[report.year] += 1
        self.new_checks.update((CHECK_CODES[c.check_code].origin.value, c.severity) for c in report.checks)

    def checks_lines(self) -> list[str]:
        """This run's new checks beside those open in the warehouse (a no-change run adds none), the
        reports' own imbalances apart from what ogi could not read."""
        return [
            f"{what}: {count_by_origin(self.new_checks, origin)} this run; open in the warehouse's current "
            f"reports: {count_by_origin(self.open_checks, origin)}"
            for origin, what in (
                (Origin.REPORT, "checks the reports fail (report)"),
                (Origin.READING, "checks of what ogi could not read (reading)"),
            )
        ]

    def unread_lines(self) -> list[str]:
        """The files no number was read from, named with their reasons (grouped when many)."""
        return unread_lines(self.failures, sum(f.path in self.written for f in self.failures))

    def counts_line(self) -> str:
        """What became of the files seen, in one line."""
        s = self.statuses
        return (
            f"files seen {self.files_seen}: parsed {s['parsed']}, partial {s['partial']}, failed {s['failed']}, "
            f"not a report {s['not_a_report']}, duplicate {s['duplicate']}, unchanged {s['unchanged']}, "
            f"removed {s['removed']}"
        )

    def kinds_line(self) -> str:
        """Reports read without some tables and old-format reports, apart from failures; non-reports by kind."""
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.not_reports.items())) or "none"
        return (
            f"reports cut short (tables missing) {self.cut_short}, old-format reports (pre2019) "
            f"{self.older_format}; not reports by kind: {kinds}"
        )

    def markdown(self, root: str, db: str) -> str:
        s = self.statuses
        lines = [
            f"# ogi ingest of `{root}` into `{db}`",
            "",
            "| files seen | parsed | partial | failed | not a report | duplicate | unchanged | removed |",
            "|---|---|---|---|---|---|---|---|",
            f"| {self.files_seen} | {s['parsed']} | {s['partial']} | {s['failed']} | {s['not_a_report']} "
            f"| {s['duplicate']} | {s['unchanged']} | {s['removed']} |",
            "",
            f"Reports per year: {', '.join(f'{y}: {n}' for y, n in sorted(self.reports_per_year.items(), key=str))}",
            "",
            *(f"- {line}" for line in self.checks_lines()),
            f"Kinds: {self.kinds_line()}",
            "",
        ]
        unread = self.unread_lines()
        if unread:
            lines += [unread[0], "", *(f"- {line.strip()}" for line in unread[1:])]
        return "\n".join(lines)


def batch_limits(
    work: list[tuple[FileInfo, str | None]], workers: int, size: int | None, max_bytes: int | None
) -> tuple[int, int]:
    """Files and bytes per batch: given ones win; otherwise as large as the runner's per-task cost
    asks for, yet small enough that every worker gets `BATCHES_PER_WORKER` of them."""
    default_size, default_bytes = THREAD_BATCH if workers <= 1 else DASK_BATCH
    size, max_bytes = size or default_size, max_bytes or default_bytes
    if workers > 1 and work:
        parts = BATCHES_PER_WORKER * workers
        size = min(size, -(-len(work) // parts))
        max_bytes = min(max_bytes, max(1, sum(info.size for info, _ in work) // parts))
    return size, max_bytes


def batches(work: list[tuple[FileInfo, str | None]], size: int, max_bytes: int) -> list[list]:
    """Consecutive runs of at most `size` files and about `max_bytes`: parse time follows file size, so
    a run of PDFs is cut into more batches than a run of text files and workers share the load evenly.
    Batches keep path order, so identical files are still written first-path-first."""
    out: list[list] = []
    current: list = []
    weight = 0
    for item in work:
        if current and (len(current) >= size or weight + item[0].size > max_bytes):
            out.append(current)
            current, weight = [], 0
        current.append(item)
        weight += item[0].size
    if current:
        out.append(current)
    return out


def needs_parsing(info: FileInfo, known: KnownFile | None) -> bool:
    """The fast check: anything but the same path, size and mtime under the current parser is work."""
    return not (
        known is not None
        and info.error is None
        and known.status != "removed"
        and known.parser_version == PARSER_VERSION
        and known.size_bytes == info.size
        and known.mtime == info.mtime
    )


def reusable_doc_id(known: KnownFile | None) -> str | None:
    """The stored hash a changed stat is confirmed against (only if the stored parse is current)."""
    if known is None or known.status == "removed" or known.parser_version != PARSER_VERSION:
        return None
    return known.doc_id


@task(name="parse-batch", cache_policy=NO_CACHE, retries=0)
def parse_batch(root: str, work: list[tuple[FileInfo, str | None]], limits: Limits) -> list[ParsedFile]:
    """Extract and transform a batch of files, each in a supervised worker process within `limits`;
    per-file failures (a limit hit included) are results, not exceptions."""
    return parse_files(root, work, limits)


def in_order(
    submit: Callable[[Any], PrefectFuture],
    items: Iterable[Any],
    running: int,
    held: int,
    idle: Callable[[], None] = lambda: None,
) -> Iterator[Any]:
    """Results of `submit(item)` in item order, while up to `running` items are being worked on at once
    and at most `held` submitted items are not yet handed back. The writer takes batches in path order
    (so the first path of identical files always owns the report), but a long batch at the head no
    longer leaves the workers idle: later ones keep being submitted while it runs. `idle()` is called
    every IDLE_SECONDS while waiting (the writer lets a reader in then)."""
    todo = deque(items)
    window: deque[tuple[int, PrefectFuture]] = deque()  # submitted, in item order, not yet handed back
    done: set[int] = set()
    changed = threading.Condition()

    def mark(number: int) -> None:
        with changed:
            done.add(number)
            changed.notify()

    def can_submit() -> bool:
        return bool(todo) and len(window) < held and len(window) - len(done) < running

    number = 0
    while todo or window:
        while can_submit():
            future = submit(todo.popleft())
            window.append((number, future))
            future.add_done_callback(lambda _future, n=number: mark(n))
            number += 1
        head, future = window[0]
        with changed:
            waited = changed.wait_for(lambda head=head: head in done or can_submit(), timeout=IDLE_SECONDS)
            taken = head in done
            done.discard(head)
        if not taken:
            if not waited:
                idle()  # outside the condition's lock: letting go of the file may take a checkpoint
            continue
        window.popleft()
        yield future.result()


@flow(name="ogi-ingest")
def ingest(
    root: str = DEFAULT_ROOT,
    db: str = DEFAULT_DB,
    batch_size: int | None = None,
    batch_bytes: int | None = None,
    max_file_mb: float = MAX_FILE_MB,
    max_seconds: float = MAX_SECONDS,
    max_memory_mb: float = MAX_MEMORY_MB,
    max_removed: float = MAX_REMOVED,
    wait: bool = False,
    only: list[str] | None = None,
    follow_links: bool = False,
) -> IngestSummary:
    """Ingest every report file under `root` into the DuckDB file `db`, doing only the new work (`only`:
    just these paths relative to `root`; the folder's other files are neither read nor marked removed;
    `follow_links`: read what symbolic links leading outside `root` point to, instead of recording them
    `skipped`).
    Batches are sized for the task runner's workers, each worker has its next batch queued, and the
    single writer takes the results in path order."""
    root_path = Path(root).resolve()
    if not root_path.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    limits = Limits(int(max_file_mb * 2**20), max_seconds, int(max_memory_mb * 2**20))
    logger = get_run_logger()
    history.started()
    with (
        storage_errors(db),
        writer_lock(db, wait=wait, on_wait=logger.warning),
        Warehouse(db, memory_limit=WRITER_MEMORY, on_wait=logger.warning) as warehouse,
    ):
        crawled = crawl(root_path, Path(db), follow_links)
        files = crawled if only is None else [f for f in crawled if f.path in only]
        known = warehouse.known_files(str(root_path))
        summary = IngestSummary(files_seen=len(files))
        work = [(f, reusable_doc_id(known.get(f.path))) for f in files if needs_parsing(f, known.get(f.path))]
        summary.statuses["unchanged"] = len(files) - len(work)
        present = {f.path for f in files}
        gone = sorted(p for p, k in known.items() if k.status != "removed" and p not in present and only is None)
        check_removals(str(root_path), len(gone), sum(k.status != "removed" for k in known.values()), max_removed)
        warehouse.mark_removed(str(root_path), gone)
        summary.statuses["removed"] = len(gone)
        warehouse.yield_to_readers()  # the first open and the crawl took a while (schema, labels, views)
        done = 0
        progress.report(done, len(work))
        workers = parse_slots() if work else 1
        plan = batches(work, *batch_limits(work, workers, batch_size, batch_bytes))
        running = 2 * max(workers, 2)  # each worker has the next batch waiting when it finishes one
        submit = partial(parse_batch.submit, str(root_path), limits=limits)
        try:
            for parsed in in_order(submit, plan, running, held=2 * running, idle=warehouse.yield_to_readers):
                for file, status in zip(parsed, warehouse.write_batch(parsed, str(root_path)), strict=True):
                    summary.add(file, status)
                warehouse.yield_to_readers()
                done += len(parsed)
                progress.report(done, len(work))
        finally:
            stop_workers()  # those of this process (threads); Dask workers end theirs at exit
        if warehouse.cross_checks_stale():  # written by this run, or by one killed before it got here
            warehouse.refresh_cross_checks()
        resolve_regions(warehouse)
        warehouse.checkpoint()
        summary.open_checks = open_findings(warehouse.con)
        summary.failures = unread_files(warehouse.con, str(root_path))
    summary.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    history.finished(summary)  # the warehouse is written: the command may end here if the API is gone
    create_markdown_artifact(
        key="ogi-ingest-summary", markdown=summary.markdown(str(root_path), db), description="What this run did"
    )
    return summary


def resolve_regions(warehouse: Warehouse) -> None:
    """Level and region of agencies seen for the first time (a missing region never fails the run).
    The division data takes ~300 MB once loaded, so it is loaded in a short-lived child process."""
    pending = warehouse.unresolved_agencies(REGIONS_VERSION)
    if not pending:
        return
    warehouse.close()  # readers may open the file while the division data loads (seconds)
    try:
        warehouse.write_agencies(run_in_child(resolve_agencies, pending))
    except Exception as exc:  # the division data is an enrichment: report it and keep the loaded reports
        get_run_logger().warning("could not resolve regions of %d agencies: %s", len(pending), exc)
