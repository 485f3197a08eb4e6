"""Fixed cost of `ogi ingest` with no PREFECT_API_URL: `python -m benchmarks.fixed_cost [--repeats 3]`.

Ingests one text report into a fresh warehouse, then reruns it with nothing changed, each in a fresh
`ogi` process, in three situations: ogi's local Prefect server already running (the usual case), not
running (this command starts it: the first run on a machine, or after `ogi server stop`), and, with
`--temporary`, the design it replaced (the flow started without any API, so Prefect starts a temporary
server inside the command). Prints medians of wall and CPU seconds (the CPU of the `ogi` process and
its children; the server runs in its own process group and is not counted once started), and the parse
time of the same file in-process, so "beyond parsing" can be read off. Uses its own server home, so a
server you run is left alone, and stops the server it started.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reports"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float] | None:
    """Wall and CPU seconds of one command (CPU of it and its waited-for children); None if it failed
    with Prefect's "Timed out while attempting to connect to ephemeral Prefect API server"."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = process.stdout.read().decode(errors="replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0 and "Timed out while attempting to connect to ephemeral" in out:
        return None
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def parse_seconds(path: Path, repeats: int) -> float:
    from flows.files import FileInfo, parse_file

    info = FileInfo(path.name, path.stat().st_size, path.stat().st_mtime)
    parse_file(path.parent, info)  # imports and first-use caches are fixed costs, not parsing
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        parse_file(path.parent, info)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--temporary", action="store_true", help="also time Prefect's temporary server")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        one = tmpdir / "one"
        one.mkdir()
        report = sorted(SAMPLE.glob("*.txt"))[0]
        shutil.copy(report, one)
        db = tmpdir / "w.duckdb"
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env |= {"OGI_SERVER_HOME": str(tmpdir / "server"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        ogi = [sys.executable, "-m", "flows.cli"]
        ingest = [*ogi, "ingest", str(one), "--db", str(db)]
        temporary = [
            sys.executable,
            "-c",
            f"from flows.ingest import ingest; ingest(root={str(one)!r}, db={str(db)!r})",
        ]

        def fresh() -> None:
            for suffix in ("", ".wal"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)

        def stop_server() -> None:
            subprocess.run([*ogi, "server", "stop"], cwd=ROOT, env=env, capture_output=True, check=True)

        results: dict[str, list[tuple[float, float] | None]] = {}
        situations = [("server running", ingest, None), ("server not running", ingest, stop_server)]
        if args.temporary:
            situations.append(("Prefect's temporary server", temporary, None))
        try:
            subprocess.run([*ogi, "server", "start"], cwd=ROOT, env=env, capture_output=True, check=True)
            for _ in range(args.repeats):  # rounds: this machine's speed drifts over minutes
                for name, cmd, before in situations:
                    for run in ("one file", "no-change rerun"):
                        if run == "one file":
                            fresh()
                        if before:
                            before()
                        results.setdefault(f"{name}: {run}", []).append(timed(cmd, env))
                subprocess.run([*ogi, "server", "start"], cwd=ROOT, env=env, capture_output=True, check=True)
        finally:
            stop_server()

    print(f"parse of the file in-process: {parse_seconds(report, args.repeats) * 1000:.0f} ms")
    print(f"fixed cost of ogi ingest (median of {args.repeats}; wall s / CPU s):")
    for label, runs in results.items():
        done = [r for r in runs if r is not None]
        failed = f"; {len(runs) - len(done)} of {len(runs)} timed out" if len(done) < len(runs) else ""
        if done:
            wall, cpu = (statistics.median(r[i] for r in done) for i in (0, 1))
            print(f"  {label:48s} {wall:6.2f} s wall  {cpu:5.2f} s CPU{failed}")
        else:
            print(f"  {label:48s} {failed[2:]}")


if __name__ == "__main__":
    main()
