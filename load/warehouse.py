"""The DuckDB warehouse: schema and views from `sql/`, rows handed over as Arrow, one transaction per batch.

Writes come in batches (a parse task's files): each batch is one transaction, so a killed run leaves
the warehouse as it was before the batch being written, never with half a file. Per statement DuckDB
costs ~1.4 ms plus a few µs per row here, so one statement per table per batch (instead of per file)
is what keeps writing small next to parsing.

DuckDB lets one process open a file for writing and then no other open it at all, so the writer lets go
of the file whenever a reader announces itself (`load/lock.py`) and reopens it when the reader is done;
readers (`reader`) open it read-only between two commits.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import duckdb

from load.dictionary import write_comments
from load.lock import WarehouseBusy, readers_waiting, reading, writers_turn
from load.schema import ensure_schema, latest_version, polars_schemas, sql_files, write_codes
from load.storage import check_intact, require_warehouse_file
from transform import vocabulary as v
from transform.model import ParsedFile

_CREATES_VIEW = re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?VIEW\b", re.IGNORECASE)

if TYPE_CHECKING:  # polars is loaded only when there is something to write (not on a no-change run)
    import polars as pl

REPORT_TABLES = ("reports", "sections", "cells", "checks")
ROW_GROUP_SIZE = 32_768  # rows; a quarter of DuckDB's default (see Warehouse.__init__)
OWNING = v.OWNING  # statuses of the document that owns a report's rows
ROOTS_QUERY = (
    "SELECT root, count(*) FILTER (WHERE status <> 'removed'), count(*) FROM documents GROUP BY root ORDER BY root"
)


class TooManyGone(RuntimeError):
    """The crawl missed too many known files to mark them removed (see `flows.ingest.check_removals`)."""


# Waiting for the file (see the module docstring): how often to try again, and how long a reader waits
# for a running ingest to let go (it does so at its next commit or pause: milliseconds to seconds).
RETRY_SECONDS = 0.05
READ_PATIENCE = 120.0
WRITE_PATIENCE = 30.0  # how long `ogi ingest` without --wait waits for another program holding the file
T = TypeVar("T")


def holder(exc: duckdb.Error) -> str:
    """Who holds the file, from DuckDB's lock-conflict message: 'PID 123 (/usr/bin/python3), reading'."""
    found = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
    who = f"PID {found[2]} ({found[1]})" if found else "another program"
    return f"{who}, {'reading' if 'read-only mode' in str(exc) else 'writing'}"


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB's refusal to open a file another process holds (an IOException naming the lock)."""
    return isinstance(exc, duckdb.IOException) and "Could not set lock" in str(exc)


def retry_while_held(
    connect: Callable[[], T], patience: float | None, on_wait: Callable[[duckdb.Error], None] | None = None
) -> T:
    """`connect()` again every RETRY_SECONDS while another process holds the file; `on_wait` is told
    once, at the first refusal. After `patience` seconds (None: never) the last refusal is raised."""
    deadline = None if patience is None else time.monotonic() + patience
    told = False
    while True:
        try:
            return connect()
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc) or (deadline is not None and time.monotonic() >= deadline):
                raise
            if on_wait and not told:
                on_wait(exc)
                told = True
        time.sleep(RETRY_SECONDS)


def _open_as_writer(
    path: Path, connect: Callable[[], T], patience: float | None, on_wait: Callable[[str], None] | None
) -> T:
    """`connect()` once no announced reader holds the file, waiting (and telling `on_wait` once, in one
    line) while another program holds it; WarehouseBusy after `patience` seconds (None: never)."""

    def attempt() -> T:
        with writers_turn(path):
            return connect()

    def tell(exc: duckdb.Error) -> None:
        if on_wait:
            on_wait(f"waiting for {path}: {holder(exc)} has it open; the ingest goes on once it is closed")

    try:
        return retry_while_held(attempt, patience, tell)
    except duckdb.IOException as exc:
        if not is_lock_conflict(exc):
            raise
        raise WarehouseBusy(
            f"{path} is held by {holder(exc)}; close it there and try again (ogi ingest --wait waits for it)"
        ) from None


def wait_until_free(path: str | Path, patience: float | None, on_wait: Callable[[str], None] | None = None) -> None:
    """Before an ingest (and before Prefect starts): wait while another program (a notebook, DBeaver)
    holds the warehouse file, as `Warehouse` would, so that a busy file ends the command in one line."""
    if Path(path).exists():
        con = _open_as_writer(Path(path), lambda: duckdb.connect(str(path)), patience, on_wait)
        try:
            check_intact(con, Path(path))  # a file cut short fails here, in one line, not mid-run
        finally:
            con.close()


@contextmanager
def reader(path: str | Path, patience: float = READ_PATIENCE) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse, also while an ingest writes it: the reader announces
    itself, the ingest lets go of the file at its next commit or pause, and takes it again only when the
    reader is done. Raises WarehouseBusy (one line) when the file stays held for `patience` seconds, and
    StorageError when the file is not a DuckDB warehouse (before any lock file is made beside it) or is
    cut short."""
    require_warehouse_file(Path(path))
    with reading(path):
        try:
            con = retry_while_held(lambda: duckdb.connect(str(path), read_only=True), patience)
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc):
                raise
            raise WarehouseBusy(
                f"{path} stayed busy for {patience:.0f} s ({holder(exc)}); try again when it is done"
            ) from None
        try:
            check_intact(con, Path(path))
            yield con
        finally:
            con.close()


class KnownFile(NamedTuple):
    size_bytes: int | None
    mtime: float | None
    doc_id: str | None
    parser_version: str | None
    status: str


class Warehouse:
    """A DuckDB file holding the contract tables of FORMAT.md §8 and the views of `sql/views`."""

    def __init__(
        self,
        path: str | Path,
        memory_limit: str | None = None,
        on_wait: Callable[[str], None] | None = None,
        patience: float | None = None,
    ) -> None:
        """`memory_limit` caps DuckDB's buffer pool (it caches the growing tables otherwise, up to 80% of
        RAM): the nightly writer sets it so its memory stays flat however large the warehouse grows.
        While another program (a notebook, DBeaver) holds the file, opening waits, telling `on_wait` once
        in one line who holds it; after `patience` seconds (None: never) WarehouseBusy is raised."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._config = {"memory_limit": memory_limit} if memory_limit else {}
        self._on_wait = on_wait
        self._patience = patience
        self._con: duckdb.DuckDBPyConnection | None = None
        check_intact(self.con, self.path)
        self.upgraded_from = ensure_schema(self.con)
        write_codes(self.con)
        self.create_views()
        write_comments(self.con)
        self._schemas: dict[str, dict] | None = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again if the writer let go of the file for a reader."""
        if self._con is None:
            self._con = self._open()
        return self._con

    def _open(self) -> duckdb.DuckDBPyConnection:
        return _open_as_writer(self.path, self._connect, self._patience, self._on_wait)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(config=self._config)
        # Attached under its own name (as a plain connect would) with smaller row groups: a checkpoint
        # re-compresses the partly filled last row group, and at DuckDB's default (122,880 rows) that
        # costs ~80 MB of writer memory every time.
        path, alias = str(self.path).replace("'", "''"), self.path.stem.replace('"', '""')
        try:
            con.execute(f"""ATTACH '{path}' AS "{alias}" (ROW_GROUP_SIZE {ROW_GROUP_SIZE})""")
            con.execute(f'USE "{alias}"')
        except BaseException:
            con.close()
            raise
        return con

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the file (DuckDB checkpoints it); the next use of `con` opens it again."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def yield_to_readers(self) -> None:
        """Between commits: if a reader waits for the file, let go of it now (the next write reopens it
        once the readers are done). Two system calls when nobody waits."""
        if self._con is not None and readers_waiting(self.path):
            self.close()

    # -- plumbing ------------------------------------------------------------------------------------
    def _insert(self, table: str, frame: pl.DataFrame) -> None:
        import polars as pl

        if frame.height == 0:
            return
        # polars' newest Arrow layout (string views) hands over without a copy; DuckDB reads it as is
        arrow = frame.to_arrow(compat_level=pl.CompatLevel.newest())  # noqa: F841 (scanned by DuckDB)
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")

    def schemas(self) -> dict[str, dict]:
        """Every table's columns and their polars types, as declared in `sql/tables` (read once)."""
        if self._schemas is None:
            self._schemas = polars_schemas(self.con)
        return self._schemas

    def _transaction(self, work) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
            self.con.execute("COMMIT")
        except BaseException:
            # a failed COMMIT (disk full) has already ended the transaction: keep its error, not this one
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise

    def create_views(self) -> None:
        """The views of `sql/views`, layered in file-name order (staging first, marts after), in one
        transaction; only when they may differ from the stored ones: the fingerprint of the view files and
        the schema version (`state` key `views`) changed, or the number of views did. Replacing a view
        drops its comments, which `load.dictionary.write_comments` then writes again: skipping both when
        nothing changed saves ~0.2 s of every open (measured on a loaded 2-core machine)."""
        files = sql_files("views")
        fingerprint = hashlib.sha256(repr((latest_version(), files)).encode()).hexdigest()
        stored = self.con.execute("SELECT value FROM state WHERE key = 'views'").fetchall()
        held = self.con.execute(
            "SELECT count(*) FROM duckdb_views() WHERE database_name = current_database() AND NOT internal"
        ).fetchall()[0][0]
        views = sum(bool(_CREATES_VIEW.search(sql)) for _name, sql in files)  # macros are in sql/views too
        if stored == [(fingerprint,)] and held == views:
            return

        def work() -> None:
            for _name, sql in files:
                self.con.execute(sql)
            self.con.execute("INSERT OR REPLACE INTO state VALUES ('views', ?)", [fingerprint])

        self._transaction(work)

    # -- what is known ---------------------------------------------------------------------------------
    def known_files(self, root: str) -> dict[str, KnownFile]:
        """What the warehouse holds for every path under `root`: the incremental run's baseline."""
        rows = self.con.execute(
            "SELECT path, size_bytes, mtime, doc_id, parser_version, status FROM documents WHERE root = ?", [root]
        ).fetchall()
        return {r[0]: KnownFile(*r[1:]) for r in rows}

    def _owners(self, doc_ids: Iterable[str]) -> tuple[dict[str, str], set[str]]:
        """For these hashes: the path owning each one's report rows, and which have report rows at all."""
        ids = sorted(set(doc_ids))
        owners = dict(
            self.con.execute(
                f"SELECT doc_id, min(path) FROM documents WHERE status IN {OWNING} "
                "AND doc_id IN (SELECT unnest(?)) GROUP BY doc_id",
                [ids],
            ).fetchall()
        )
        reported = self.con.execute(
            "SELECT DISTINCT report_id FROM reports WHERE report_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return owners, {r[0] for r in reported}

    # -- writing ---------------------------------------------------------------------------------------
    def write_batch(self, files: list[ParsedFile], root: str) -> list[str]:
        """Write a batch of files in one transaction; returns the stored status of each. A file at a new
        path goes through the bulk path; a path already stored (a changed file) is replaced row by row.
        Identical bytes at a second path are a `duplicate`; `unchanged` bytes only refresh the stat."""
        statuses: list[str] = []

        def work() -> None:
            known = set(
                self.con.execute(
                    "SELECT path FROM documents WHERE root = ? AND path IN (SELECT unnest(?))",
                    [root, [f.path for f in files]],
                ).fetchall()
            )
            pending: list[ParsedFile] = []
            for file in files:
                if file.status == "unchanged" or (file.path,) in known:
                    statuses.extend(self._write_new(pending, root))
                    pending = []
                    statuses.append(self._write_known(file, root))
                else:
                    pending.append(file)
            statuses.extend(self._write_new(pending, root))
            self._cross_checks_stale()

        self._transaction(work)
        return statuses

    def _write_new(self, files: list[ParsedFile], root: str) -> list[str]:
        """Files at paths the warehouse has never stored: bulk inserts, one statement per table."""
        if not files:
            return []
        owners, reported = self._owners(f.doc_id for f in files if f.doc_id)
        from load.rows import BatchRows

        rows, stale, statuses = BatchRows(), [], []
        for file in files:
            status, error = file.status, file.error
            owner = owners.get(file.doc_id) if file.doc_id else None
            if owner is not None and file.report is not None:
                status, error = "duplicate", f"same bytes as {owner}"
            rows.add_document(file, root, status, error)
            if status in OWNING and file.report is not None:
                if file.doc_id in reported:  # rows left by a removed copy of the same bytes
                    stale.append(file.doc_id)
                rows.add_report(file)
                owners[file.doc_id] = file.path
                reported.add(file.doc_id)
            statuses.append(status)
        for doc_id in stale:
            self._delete_report(doc_id)
        for table, frame in rows.frames(self.schemas()).items():
            self._insert(table, frame)
        return statuses

    def _write_known(self, file: ParsedFile, root: str) -> str:
        """A path already stored: refresh its stat (same bytes) or replace its rows (changed file)."""
        con = self.con
        if file.status == "unchanged":
            con.execute(
                "UPDATE documents SET size_bytes = ?, mtime = ? WHERE root = ? AND path = ?",
                [file.size_bytes, file.mtime, root, file.path],
            )
            return "unchanged"
        old = con.execute(
            "SELECT doc_id, status FROM documents WHERE root = ? AND path = ?", [root, file.path]
        ).fetchall()
        con.execute("DELETE FROM documents WHERE root = ? AND path = ?", [root, file.path])
        for old_id, old_status in old:
            if old_id and old_id != file.doc_id and old_status in OWNING:
                self._release(old_id)
        if file.doc_id and file.doc_id not in self._owners([file.doc_id])[0]:
            self._delete_report(file.doc_id)
        return self._write_new([file], root)[0]

    def mark_removed(self, root: str, paths: list[str]) -> None:
        """Files that disappeared: status `removed`, their rows kept but out of the views (a duplicate
        copy still on disk takes the report over). One transaction."""
        if not paths:
            return

        def work() -> None:
            for path in paths:
                owned = self.con.execute(
                    f"SELECT doc_id FROM documents WHERE root = ? AND path = ? AND status IN {OWNING}", [root, path]
                ).fetchall()
                self.con.execute(
                    "UPDATE documents SET status = 'removed', error = 'file no longer in the crawled folder' "
                    "WHERE root = ? AND path = ?",
                    [root, path],
                )
                for (doc_id,) in owned:
                    self._release(doc_id, delete=False)
            self._cross_checks_stale()

        self._transaction(work)

    def _release(self, doc_id: str, delete: bool = True) -> None:
        """The path owning a report's rows no longer holds those bytes: a duplicate copy takes the rows
        over; without one the rows are deleted (the file changed) or kept out of the views (removed)."""
        heir = self.con.execute(
            "SELECT root, path FROM documents WHERE doc_id = ? AND status = 'duplicate' ORDER BY root, path LIMIT 1",
            [doc_id],
        ).fetchall()
        if heir:
            (root, path), status = heir[0], self._report_status(doc_id)
            self.con.execute(
                "UPDATE documents SET status = ?, error = NULL WHERE root = ? AND path = ?", [status, root, path]
            )
            self.con.execute("UPDATE reports SET path = ? WHERE report_id = ?", [path, doc_id])
        elif delete:
            self._delete_report(doc_id)

    def _report_status(self, doc_id: str) -> str:
        missing = self.con.execute(
            "SELECT count(*) FROM checks WHERE report_id = ? AND check_code = 'missing_table'", [doc_id]
        ).fetchall()[0][0]
        return "partial" if missing else "parsed"

    def _delete_report(self, doc_id: str) -> None:
        for table in REPORT_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [doc_id])

    # -- roots -----------------------------------------------------------------------------------------
    def roots(self) -> list[tuple[str, int, int]]:
        """(root, files in the views, all rows) for every crawled folder the warehouse holds files of."""
        return self.con.execute(ROOTS_QUERY).fetchall()

    def forget_root(self, root: str) -> int:
        """Drop every row of files crawled under `root` (a folder that moved or went), in one
        transaction; a report also held by a copy under another root passes to that copy. Returns the
        number of files dropped."""
        dropped = 0

        def work() -> None:
            nonlocal dropped
            held = self.con.execute(
                f"SELECT doc_id, bool_or(status IN {OWNING}) FROM documents WHERE root = ? AND doc_id IS NOT NULL "
                "GROUP BY doc_id",
                [root],
            ).fetchall()
            dropped = self.con.execute("SELECT count(*) FROM documents WHERE root = ?", [root]).fetchall()[0][0]
            self.con.execute("DELETE FROM documents WHERE root = ?", [root])
            for doc_id, owned in held:
                if owned:
                    self._release(doc_id)  # to a copy under another root, else deleted
                elif not self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchall():
                    self._delete_report(doc_id)  # rows kept for a removed file, now of no file at all
            self._cross_checks_stale()

        self._transaction(work)
        return dropped

    # -- after a run -----------------------------------------------------------------------------------
    def checkpoint(self) -> None:
        """Write the WAL into the database file now, so a run ends with everything in the file and a
        full disk shows here, as an error, rather than in a silent checkpoint at close."""
        self.con.execute("CHECKPOINT")

    def _cross_checks_stale(self) -> None:
        """Written with every change that may alter the checks across reports (in its transaction)."""
        self.con.execute("INSERT OR REPLACE INTO state VALUES ('cross_checks', 'stale')")

    def cross_checks_stale(self) -> bool:
        """Whether the checks across reports may not match the stored reports: a write since they were
        last recomputed (say a kill between the last batch and the refresh), or never computed."""
        value = self.con.execute("SELECT value FROM state WHERE key = 'cross_checks'").fetchall()
        return value != [("fresh",)]

    def refresh_cross_checks(self) -> None:
        """Checks across reports (X1), recomputed over the whole warehouse in one transaction, which
        also marks them fresh."""

        def work() -> None:
            for _name, sql in sql_files("checks"):
                self.con.execute(sql)
            self.con.execute("INSERT OR REPLACE INTO state VALUES ('cross_checks', 'fresh')")

        self._transaction(work)

    def unresolved_agencies(self, version: int) -> list[tuple[str, int | None]]:
        """Agencies of loaded reports not yet resolved (by this resolver version), with their latest year."""
        return self.con.execute(
            "SELECT agency, max(year) FROM reports WHERE agency IS NOT NULL AND agency NOT IN "
            "(SELECT agency FROM agencies WHERE resolver_version = ?) GROUP BY agency ORDER BY agency",
            [version],
        ).fetchall()

    def write_agencies(self, rows: list[dict]) -> None:
        """Replace the `agencies` rows of the agencies in `rows` (dicts keyed by column name, typed here
        as the warehouse declares the table)."""
        import polars as pl

        if not rows:
            return
        frame = pl.DataFrame(rows, schema={c: self.schemas()["agencies"][c] for c in rows[0]})

        def work() -> None:
            resolved = frame.select("agency").to_arrow()  # noqa: F841 (scanned by DuckDB)
            self.con.execute("DELETE FROM agencies WHERE agency IN (SELECT agency FROM resolved)")
            self._insert("agencies", frame)

        self._transaction(work)
