"""Storage failures told apart, each as one line saying what to do (exit status 5 at the command line).

A full disk, a read-only folder, a file that is not a DuckDB warehouse and a damaged one (a checksum
mismatch, a file cut short) each get their own sentence; a file another process holds is not one of
them (that is `load.lock.WarehouseBusy`). Bug kind: before issue 27 a damaged or foreign file was
reported as "busy" (exit 3) with a traceback, and a reader created lock files beside any file.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

DUCKDB_MAGIC = b"DUCK"  # at offset 8 of every DuckDB database file
_HEADERS = 3 * 4096  # DuckDB's main and two database headers, before the first block
_DISK_FULL = ("No space left on device", "File too large", "Disk quota exceeded")
_READ_ONLY = ("Read-only file system", "Permission denied")
_DAMAGED = ("checksum", "Corrupt", "corrupt", "not a valid DuckDB database file", "Could not read enough bytes")
_RESTORE = "restore it from a backup, or move it aside and ingest again to rebuild it"


class StorageError(RuntimeError):
    """The warehouse (or an output) cannot be written or read; the message is one line saying what to do."""


def is_duckdb_file(path: Path, new_ok: bool = True) -> bool:
    """Whether `path` starts as a DuckDB database file does (`DUCK` at offset 8). With `new_ok`, a
    missing or empty file counts too (an ingest creates the warehouse there); readers pass False."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except FileNotFoundError:
        return new_ok
    except OSError:  # not a file (a folder): DuckDB says what it is
        return True
    return (new_ok and not head) or head[8:12] == DUCKDB_MAGIC


def not_a_warehouse(db: Path) -> StorageError:
    """The error for a file that is not a DuckDB database (checked before any lock file is made)."""
    return StorageError(
        f"{db} is not a DuckDB warehouse: give the file `ogi ingest --db` wrote, or move it aside and ingest again"
    )


def own_file(db: Path) -> Callable[[str], bool]:
    """A test for the warehouse's own files, for a crawl of a folder that holds it: the `.duckdb`
    itself and whatever is named after it beside it (`.wal`, `.lock`, `.readers`, DuckDB's `.tmp`)."""
    real = os.path.realpath(db)
    folder, base = os.path.split(real)

    def own(path: str) -> bool:
        name = os.path.basename(path)
        if name != base and not name.startswith(base + "."):
            return False
        return os.path.realpath(os.path.dirname(path)) == folder

    return own


def require_warehouse_file(db: Path) -> None:
    """Raise StorageError unless `db` starts as a DuckDB database file (checked before any lock file
    is made beside it: `ogi query --db README.md` leaves nothing behind)."""
    if not is_duckdb_file(db, new_ok=False):
        raise not_a_warehouse(db)


def check_intact(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Raise StorageError when the file is shorter than the last block its tables' data is stored in
    (cut short by a copy or a full disk): DuckDB answers from the intact part and fails only on reading
    a missing block. Free blocks at the end may be left out of the file, so only data blocks count."""
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = current_schema()"
    ).fetchall()
    if not tables:
        return
    blocks = " UNION ALL ".join(
        f"SELECT max(block_id) AS b FROM pragma_storage_info('{name}') WHERE persistent" for (name,) in tables
    )
    last = con.execute(f"SELECT max(b) FROM ({blocks})").fetchone()
    block_size = con.execute("PRAGMA database_size").fetchone()
    if not last or last[0] is None or not block_size:
        return
    expected = _HEADERS + int(block_size[2]) * (int(last[0]) + 1)
    actual = db.stat().st_size
    if actual < expected:
        raise StorageError(f"{db} is damaged (cut short: {actual:,} of at least {expected:,} bytes): {_RESTORE}")


def storage_problem(db: Path, exc: BaseException | None, writing: Path | None = None) -> str | None:
    """The one-line advice for a storage failure anywhere in `exc`'s chain, or None if it is not one.
    `writing`: the output being written (an export or page) when it is not the warehouse itself."""
    target = writing or db
    folder = target.resolve().parent
    while exc is not None:
        text = str(exc)
        code = exc.errno if isinstance(exc, OSError) else None
        if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or any(s in text for s in _DISK_FULL):
            if writing is not None:
                return f"disk full writing {target}: nothing was replaced; free space on {folder} and run it again"
            return (
                f"disk full writing {db}: the batch being written was not kept; free space on {folder} "
                "and run ogi ingest again"
            )
        if code in (errno.EROFS, errno.EACCES, errno.EPERM) or any(s in text for s in _READ_ONLY):
            hint = "give another path" if writing is not None else "make it writable or pass --db"
            return f"cannot write {target}: {folder} is read-only or not writable by this user; {hint}"
        if isinstance(exc, duckdb.Error) and any(s in text for s in _DAMAGED):
            if "not a valid DuckDB database" in text:
                return str(not_a_warehouse(db))
            what = "checksum mismatch" if "checksum" in text else text.splitlines()[0]
            return f"{db} is damaged ({what}): {_RESTORE}"
        exc = exc.__cause__ or exc.__context__
    return None


@contextmanager
def storage_errors(db: str | Path, writing: Path | None = None) -> Iterator[None]:
    """Turn a full disk, a read-only folder or a damaged file under this block into StorageError
    (`writing`: the output written, when it is not the warehouse)."""
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        problem = storage_problem(Path(db), exc, writing)
        if problem is None:
            raise
        raise StorageError(problem) from exc
