"""Where the parse tasks run: threads in this process, a local Dask cluster, or an existing one.

Parsing is CPU-bound Python (pdfplumber above all), so more than one worker means more processes: a
local Dask cluster of `workers` single-threaded processes, or the cluster at `dask_address`. Either way
the results come back to the flow, which alone writes the warehouse.
"""

from __future__ import annotations

import sys

from prefect.context import FlowRunContext
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner


def task_runner(workers: int = 1, dask_address: str | None = None) -> TaskRunner:
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    # one worker: parse the next batch in a thread while the flow writes the previous one
    return ThreadPoolTaskRunner(max_workers=1)


def parse_slots() -> int:
    """How many batches the running flow's task runner parses at once: its Dask workers' threads, or 1
    for threads in this process (the GIL lets one parse at a time)."""
    context = FlowRunContext.get()
    dask = sys.modules.get("prefect_dask")  # not imported: not a Dask runner
    if context is None or dask is None or not isinstance(context.task_runner, dask.DaskTaskRunner):
        return 1
    return max(1, sum(context.task_runner.client.nthreads().values()))
