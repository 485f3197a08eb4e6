"""Child processes never outlive the ingest that started them, even under kill -9.

Linux's parent-death signal (`prctl(PR_SET_PDEATHSIG)`) has the kernel kill a child when the thread that
started it ends; a child asks for it first thing. Used by the parse workers (flows/isolation.py) and the
region lookup (flows/ingest.py); a local Dask cluster's workers end on their own when the flow's
scheduler goes.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int | None = None) -> None:
    """Ask the kernel to SIGKILL this process when its parent ends. If the parent (`parent_pid`, when
    given) is already gone, exit now. A no-op where prctl does not exist (not Linux)."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def stop_on_interrupt(message: str, status: int = 130, before_exit: Callable[[], None] | None = None) -> None:
    """Make Ctrl-C end this process within moments, with `message` as its one line, taking every child
    process along (but ogi's local Prefect server, which outlives commands on purpose); `before_exit`
    runs after the children are gone (e.g. to record the run as cancelled). A second Ctrl-C while it
    ends does nothing. Call it before any thread or child exists.

    Ctrl-C sends SIGINT to the terminal's whole process group: Dask's workers, the region lookup and
    Prefect's server would each print a traceback and linger. Here SIGINT is ignored (children inherit
    that through exec, so they stay quiet) and blocked in every thread of this process (a blocked signal
    is kept pending, not ignored); one thread waits for it, kills the children and ends the process."""
    import threading

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # inherited by every thread started later
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def wait() -> None:
        signal.sigwait({signal.SIGINT})
        kill_children()  # first, so none of them writes to the terminal after the message
        if before_exit is not None:
            before_exit()
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
        os._exit(status)

    threading.Thread(target=wait, name="ogi-interrupt", daemon=True).start()


def kill_children() -> None:
    """SIGKILL every descendant of this process (deepest first is not needed: each is killed), except
    a Prefect server this command started (and its own children): it is meant to outlive the command."""
    import psutil

    from flows.server import is_server

    children = psutil.Process().children(recursive=True)
    spared: set[int] = set()
    for child in children:
        if is_server(child.pid):
            with contextlib.suppress(psutil.NoSuchProcess):
                spared |= {child.pid, *(c.pid for c in child.children(recursive=True))}
    for child in children:
        if child.pid not in spared:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
