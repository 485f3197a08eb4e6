"""Who holds the warehouse: one writer per run (`<db>.lock`), and readers served between its commits
(`<db>.readers`).

DuckDB lets one process open a file for writing, and then no other process may open it at all. So the
ingest holds the file only between two points where it may let go (after a batch is committed, or while
it waits for parsing), and lets go as soon as a reader announces itself with a shared lock on
`<db>.readers`; it opens the file again once every such reader is done. The kernel drops all these
locks when a process dies, even under kill -9, so none goes stale.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another ingest holds the warehouse, or another program holds its file for longer than we wait."""


_held: dict[Path, int] = {}  # writer locks held for this process's later takers: lock file → depth
_held_guard = threading.Lock()


def _lock_path(db: str | Path, suffix: str) -> Path:
    return Path(f"{os.path.abspath(db)}{suffix}")


@contextmanager
def writer_lock(
    db: str | Path,
    wait: bool = False,
    on_wait: Callable[[str], None] | None = None,
    share_in_process: bool = False,
) -> Iterator[None]:
    """Hold `<db>.lock` for the duration; a second run waits (wait=True, telling `on_wait` once why) or
    raises WarehouseBusy. With `share_in_process`, later takers in this process enter without waiting:
    `ogi ingest` takes it before Prefect starts, and the flow it then runs takes it again."""
    path = _lock_path(db, ".lock")
    with _held_guard:
        if path in _held:
            _held[path] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            message = f"another ingest (pid {handle.read().strip() or '?'}) is writing {db}"
            if not wait:
                raise WarehouseBusy(f"{message}; try again later or pass --wait") from None
            if on_wait:
                on_wait(f"{message}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        with _held_guard:
            if share_in_process:
                _held[path] = 1
        try:
            yield
        finally:
            with _held_guard:
                _held.pop(path, None)
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def ingest_running(db: str | Path) -> bool:
    """Whether an ingest holds `<db>.lock` now (a probe: the answer may change right after)."""
    try:
        with open(_lock_path(db, ".lock")) as handle:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # no lock file: no ingest ever ran here
        return False
    return False


def _readers_handle(db: str | Path) -> int | None:
    """An open descriptor of `<db>.readers` (created if the folder is writable), or None if it cannot be
    had (a reader with read-only access to a folder where no writer ever ran: nobody to coordinate with)."""
    path = _lock_path(db, ".readers")
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None


@contextmanager
def _readers_lock(db: str | Path, mode: int) -> Iterator[None]:
    """Hold the readers' lock file in `mode` (fcntl.LOCK_SH or LOCK_EX, blocking) for the duration."""
    fd = _readers_handle(db)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # releases the lock


def reading(db: str | Path) -> AbstractContextManager[None]:
    """Announce a reader for the duration: a running ingest lets go of the file at its next commit or
    pause, and does not take it again until every announced reader is done."""
    return _readers_lock(db, fcntl.LOCK_SH)


def readers_waiting(db: str | Path) -> bool:
    """Whether a reader holds or waits for the file (writer side; two system calls)."""
    fd = _readers_handle(db)
    if fd is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def writers_turn(db: str | Path) -> AbstractContextManager[None]:
    """Writer side: wait until no announced reader holds the file, and keep new ones out while opening it."""
    return _readers_lock(db, fcntl.LOCK_EX)
