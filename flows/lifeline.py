"""Child processes never outlive the ingest that started them, even under kill -9.

Linux's parent-death signal (`prctl(PR_SET_PDEATHSIG)`) has the kernel kill a child when the thread that
started it ends; a child asks for it first thing. Used by the parse workers (flows/isolation.py), the
region lookup (flows/ingest.py) and, as a Dask preload module, by the workers of a local Dask cluster.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

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


def dask_setup(_service: object) -> None:
    """Dask's preload hook (`distributed.nanny.preload` / `distributed.worker.preload`)."""
    die_with_parent()
