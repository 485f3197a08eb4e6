"""Progress of an ingest, for whoever is watching (the CLI's progress bar): a context-local listener."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

# Called with (files done, files to parse); None when nobody listens.
listener: ContextVar[Callable[[int, int], None] | None] = ContextVar("ogi_progress", default=None)


def report(done: int, total: int) -> None:
    fn = listener.get()
    if fn is not None:
        fn(done, total)
