"""Child processes never outlive the ingest that started them, even under kill -9, at any moment.

Linux's parent-death signal (`prctl(PR_SET_PDEATHSIG)`) has the kernel kill a child when the thread that
started it ends. A child must ask for it before anything slow: a child still importing when its parent
is killed would otherwise be left behind, and one blocked reading from a pipe it holds both ends of (a
`multiprocessing` worker) stays blocked for good. So every child ogi starts itself (the parse workers,
flows/isolation.py; the region lookup, flows/ingest.py) runs `child_command`: a bare interpreter that
sets the signal first, then checks its parent is still the one that started it (if the parent died in
between, the signal will never come: it exits), and only then imports its module. LibreOffice gets the
same through `setpriv --pdeathsig` (extract/sandbox.py); a local Dask cluster's workers end on their own
when the flow's scheduler goes.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

# Run by `python -c` before any module of ogi (or anything slow) is imported: PR_SET_PDEATHSIG (1) with
# SIGKILL, then the parent check, then `python -m MODULE ARGS...` as runpy does it.
_START = """\
import os, sys
if sys.platform.startswith("linux"):
    import ctypes, signal
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != int(sys.argv[1]):
        os._exit(1)
import runpy
sys.argv[:3] = [sys.argv[2]]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def child_command(module: str, *args: str) -> list[str]:
    """The command line that runs `python -m module args…` as a child of this process that the kernel
    kills when the thread starting it ends (Linux; elsewhere a plain child)."""
    return [sys.executable, "-c", _START, str(os.getpid()), module, *args]


def run_in_child(function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` in a short-lived child process started by `child_command` (for work whose memory
    should go when it is done: the region lookup's ~300 MB of division data). Arguments and result go
    pickled over the child's stdin and stdout; an exception in the child is raised here; a child that
    died without a result raises ChildProcessError with its exit status."""
    request = pickle.dumps((function.__module__, function.__qualname__, args))
    done = subprocess.run(child_command(__name__), input=request, capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        raise ChildProcessError(
            f"{function.__qualname__} process exited with status {done.returncode}" + (f": {said[-1]}" if said else "")
        )
    ok, value = pickle.loads(done.stdout)
    if not ok:
        raise value
    return value


def _serve_one_call() -> None:
    """The child's side of `run_in_child`: one pickled call from stdin, its (ok, result or exception) to
    stdout; anything the call itself prints goes to stderr."""
    module, name, args = pickle.load(sys.stdin.buffer)
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    function = import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    try:
        outcome = pickle.dumps((True, function(*args)))
    except Exception as exc:  # handed to the parent, which raises it
        try:
            outcome = pickle.dumps((False, exc))
        except Exception:  # an exception that cannot be pickled: its text
            outcome = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    results.write(outcome)
    results.close()


def stop_on_interrupt(message: str, status: int = 130, before_exit: Callable[[], None] | None = None) -> None:
    """Make Ctrl-C end this process within moments, with `message` as its one line, taking every child
    process along (but ogi's local Prefect server, which outlives commands on purpose); `before_exit`
    runs first (e.g. to record the run as cancelled; the children, which ignore SIGINT, go on quietly
    meanwhile), then the children are killed and the process ends at once. A second Ctrl-C while it
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
        if before_exit is not None:  # first: a local Dask cluster would restart workers killed before it ends
            before_exit()
        kill_children()  # then at once, so none of them writes to the terminal after the message
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


if __name__ == "__main__":
    _serve_one_call()
