"""Reads during an ingest: `python -m benchmarks.readers [--files 300] [--repeats 3] [--baseline DIR]`.

Ingests N small text reports into a fresh warehouse, in rounds of: the ingest alone; the ingest while a
reader opens the warehouse every 0.1 s for the whole run (`load.warehouse.reader` and one count, as
`ogi query` does); and with `--baseline DIR`, the ingest alone run by the checkout at DIR with its own
.venv (the writer's throughput before and after). All report to one Prefect API (ogi's local server
unless PREFECT_API_URL is set). Prints median ingest wall times and the readers' waits (median, 99th
percentile, longest): a wait is from asking for the file to holding a connection.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.bench import ROOT, text_corpus


def fresh(db: Path) -> None:
    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def ingest(python: str, cwd: Path, root: Path, db: Path) -> float:
    """Wall seconds of one `ogi ingest` into a fresh warehouse."""
    fresh(db)
    start = time.perf_counter()
    subprocess.run(
        [python, "-m", "flows.cli", "ingest", str(root), "--db", str(db)], cwd=cwd, check=True, capture_output=True
    )
    return time.perf_counter() - start


def with_readers(root: Path, db: Path) -> tuple[float, list[float]]:
    """Ingest wall seconds, and each reader's wait in seconds, with a reader every 0.1 s."""
    from load.warehouse import reader

    waits: list[float] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            if db.exists():
                asked = time.perf_counter()
                with reader(db) as con:
                    waits.append(time.perf_counter() - asked)
                    con.execute("SELECT count(*) FROM documents").fetchall()
            stop.wait(0.1)

    fresh(db)  # before the reader starts looking for the file
    thread = threading.Thread(target=read)
    thread.start()
    try:
        wall = ingest(sys.executable, ROOT, root, db)
    finally:
        stop.set()
        thread.join()
    return wall, waits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout to compare with (uses DIR/.venv/bin/python)")
    args = parser.parse_args()

    from flows.server import prefect_api

    root = text_corpus(args.files)
    alone, readers, baseline, waits = [], [], [], []
    with prefect_api(), tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        for _ in range(args.repeats):  # interleaved rounds: this machine's speed drifts over minutes
            alone.append(ingest(sys.executable, ROOT, root, db))
            wall, round_waits = with_readers(root, db)
            readers.append(wall)
            waits += round_waits
            if args.baseline:
                python = str(args.baseline.resolve() / ".venv" / "bin" / "python")
                baseline.append(ingest(python, args.baseline.resolve(), root, db))
    print(f"ingest of {args.files} text reports, median of {args.repeats} rounds:")
    print(f"  alone:                         {statistics.median(alone):6.2f} s")
    if baseline:
        print(f"  alone, baseline {args.baseline}: {statistics.median(baseline):6.2f} s")
    print(f"  with a reader every 0.1 s:     {statistics.median(readers):6.2f} s")
    waits.sort()
    print(
        f"reader waits over {len(waits)} reads: median {statistics.median(waits) * 1000:.0f} ms, "
        f"99th percentile {waits[int(0.99 * (len(waits) - 1))] * 1000:.0f} ms, longest {waits[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
