"""Each file parsed in a supervised child process with a memory and a time ceiling it cannot exceed.

A parse task (one Prefect task run per batch, in a thread or on a Dask worker) hands its files one at a
time to a long-lived worker process: started once per task slot with the parsing stack imported, then
reused for every file, so a file costs a pickle each way over a pipe, not a process start (measured:
0.5 ms a round trip, and ~1 ms to read back a text report's result, with the reducers below).

- memory: the worker's address space is capped (`RLIMIT_AS`) at what it holds idle plus
  `Limits.max_memory_bytes`; an allocation beyond it fails (MemoryError, or the process dies), the file
  is recorded `failed` with the limit, and the worker is replaced;
- time: the worker checks the deadline between PDF pages itself; a file that overruns it anyway (inside
  one page, or in text parsing) is killed by the watchdog here a little later (`HARD_GRACE`), recorded
  `failed` with the limit, and the worker is replaced.

Workers are plain subprocesses (`python -m flows.isolation`, started by flows/lifeline.py's
`child_command`) rather than forks: the flow process runs Prefect's and DuckDB's threads (a fork copies
their locks mid-use), and a Dask worker is a daemonic process, which `multiprocessing` forbids to have
children. Each worker has the kernel kill it when its parent ends, asked before it imports anything
(flows/lifeline.py), and sits in its own process group, so Ctrl-C at the terminal reaches only the
ingest, which ends it.
"""

from __future__ import annotations

import atexit
import copyreg
import dataclasses
import io
import os
import pickle
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from operator import attrgetter
from pathlib import Path

from flows.files import FileInfo, Limits, failed_file, parse_file
from flows.lifeline import child_command
from transform.model import CellValue, Check, ParsedFile, Report, Section

HARD_GRACE = (1.05, 3.0)  # the watchdog kills at max_seconds × 1.05 + 3 s (the worker's own check comes first)
_MEMORY_FAILURE = "memory"  # what a worker sends instead of a result when an allocation failed


def _limit_hint(limits: Limits) -> str:
    return f"more than {limits.max_memory_bytes / 2**20:.0f} MB (--max-memory-mb)"


class ParseWorker:
    """One task slot's worker process; started on first use and again after a kill."""

    def __init__(self, max_memory_bytes: int) -> None:
        self.max_memory_bytes = max_memory_bytes
        self.process: subprocess.Popen | None = None
        self.requests: Connection | None = None
        self.results: Connection | None = None

    def _start(self) -> None:
        to_child, from_parent = os.pipe()
        from_child, to_parent = os.pipe()
        args = (to_child, to_parent, self.max_memory_bytes)
        self.process = subprocess.Popen(
            child_command(__name__, *map(str, args)),
            pass_fds=(to_child, to_parent),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            process_group=0,
        )
        os.close(to_child)
        os.close(to_parent)
        self.requests = Connection(from_parent, readable=False)
        self.results = Connection(from_child, writable=False)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """End the worker process (if any) and close its pipes."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.requests.close()
            self.results.close()
        self.process = None

    def parse(self, root: str, work: list[tuple[FileInfo, str | None]], limits: Limits) -> list[ParsedFile]:
        """`flows.files.parse_file` of each (file, stored hash) in the worker, within `limits`, in order;
        never raises for a file's sake. The whole list goes over at once and the results stream back, so
        the worker starts the next file while this process reads the last result; after a kill the rest
        go to a new worker."""
        results: list[ParsedFile] = []
        while len(results) < len(work):
            if not self.alive:
                self.stop()
                self._start()
            rest = work[len(results) :]
            try:
                self.requests.send((root, rest, limits))
            except OSError:  # died while idle: start another
                self.stop()
                continue
            for info, _known in rest:
                results.append(self._result(info, limits))
                if self.process is None:  # stopped: the rest go to a new one
                    break
        return results

    def _result(self, info: FileInfo, limits: Limits) -> ParsedFile:
        """The next result, or `info` failed with the limit it hit (the worker then stopped)."""
        factor, grace = HARD_GRACE
        try:
            if not self.results.poll(limits.max_seconds * factor + grace):
                self.stop()
                return failed_file(info, f"time limit: still parsing after {limits.max_seconds:g} s (--max-seconds)")
            result = pickle.loads(self.results.recv_bytes())
        except (EOFError, OSError):  # the worker died mid-file
            code = self.process.wait()
            self.stop()
            how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exited with status {code}"
            return failed_file(info, f"parser process {how} (memory limit: {_limit_hint(limits)}?)")
        if result == _MEMORY_FAILURE:
            self.stop()
            return failed_file(info, f"memory limit: parsing needed {_limit_hint(limits)}")
        return result


_idle: list[ParseWorker] = []
_idle_lock = threading.Lock()


@contextmanager
def parse_worker(limits: Limits) -> Iterator[ParseWorker]:
    """A worker for one task's files: an idle one of this process if there is one, else a new one;
    handed back for the next task afterwards."""
    with _idle_lock:
        fits = [w for w in _idle if w.max_memory_bytes == limits.max_memory_bytes]
        worker = fits[0] if fits else ParseWorker(limits.max_memory_bytes)
        if fits:
            _idle.remove(worker)
    try:
        yield worker
    finally:
        with _idle_lock:
            _idle.append(worker)


@atexit.register
def stop_workers() -> None:
    """End this process's idle workers (the flow calls it when it ends; at exit it runs anyway)."""
    with _idle_lock:
        for worker in _idle:
            worker.stop()
        _idle.clear()


def parse_files(root: str, work: list[tuple[FileInfo, str | None]], limits: Limits) -> list[ParsedFile]:
    """Parse a batch of (file, stored hash) in one supervised worker, in order."""
    with parse_worker(limits) as worker:
        return worker.parse(root, work, limits)


# -- the worker process ---------------------------------------------------------------------------------
def _as_arguments(cls: type) -> Callable[[object], tuple]:
    fields = attrgetter(*(f.name for f in dataclasses.fields(cls)))
    return lambda obj: (cls, fields(obj))


# Results go back pickled as constructor calls: pickle's default for frozen slotted dataclasses sets each
# field through Python code, ~6 ms to read back one text report's 200 cells here, against ~1 ms this way.
_REDUCERS = copyreg.dispatch_table | {
    cls: _as_arguments(cls) for cls in (ParsedFile, Report, Section, CellValue, Check)
}


def _dumps(result: object) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(result)
    return out.getvalue()


def _address_space() -> int:
    """This process's current virtual memory size in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def serve(requests_fd: int, results_fd: int, max_memory_bytes: int) -> None:
    """The worker's loop: a request (root, [(file, stored hash)], limits) in, a ParsedFile out for each
    file as it is done, until the parent closes the pipe. After a failed allocation it answers
    `_MEMORY_FAILURE` and exits (its heap may be left in any state)."""
    import logging
    import warnings

    logging.disable(logging.CRITICAL)  # pdfminer's complaints about broken files: the result says it
    warnings.simplefilter("ignore")
    from flows.files import prepare_parsing

    prepare_parsing()
    if max_memory_bytes > 0:
        ceiling = _address_space() + max_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, resource.getrlimit(resource.RLIMIT_AS)[1]))
    requests = Connection(requests_fd, writable=False)
    results = Connection(results_fd, readable=False)
    while True:
        try:
            root, work, limits = requests.recv()
        except EOFError:
            return
        for info, known_doc_id in work:
            try:
                results.send_bytes(_dumps(parse_file(Path(root), info, known_doc_id, limits)))
            except MemoryError:
                results.send_bytes(_dumps(_MEMORY_FAILURE))
                return


if __name__ == "__main__":
    serve(*(int(arg) for arg in sys.argv[1:4]))
