"""One writer at a time: an advisory lock next to the warehouse file, held for a whole ingest."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another ingest holds the warehouse."""


@contextmanager
def writer_lock(db: str | Path, wait: bool = False) -> Iterator[None]:
    """Hold `<db>.lock` for the duration; a second run waits (wait=True) or raises WarehouseBusy.
    The kernel drops the lock when the process dies, even under kill -9, so it never goes stale."""
    path = Path(f"{db}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise WarehouseBusy(
                f"another ingest (pid {holder}) is writing {db}; try again later or pass --wait"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
