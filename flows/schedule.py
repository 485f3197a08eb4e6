"""The nightly deployment of the ingestion flow, and serving it (`ogi serve`)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from prefect import Flow
from prefect.client.schemas.objects import FlowRun
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Interval

from flows.ingest import DEFAULT_DB, DEFAULT_ROOT, ingest
from flows.runners import task_runner

NAME = "nightly"
NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "Asia/Shanghai"
# A transient failure (a network share that blinked, the disk full for a moment) is retried.
RETRIES = 2
RETRY_DELAY_SECONDS = 600


def nightly_flow(workers: int = 1, dask_address: str | None = None) -> Flow:
    """The ingestion flow as the schedule runs it: retried, on the given workers, one line per run."""
    return ingest.with_options(
        retries=RETRIES,
        retry_delay_seconds=RETRY_DELAY_SECONDS,
        task_runner=task_runner(workers, dask_address),
        on_completion=[say_run],
        on_failure=[say_run],
        on_crashed=[say_run],
    )


def _schedule(root: str, db: str, cron: str, timezone: str, interval: float | None) -> dict[str, Any]:
    return {
        "schedules": [Interval(timedelta(seconds=interval)) if interval else Cron(cron, timezone=timezone)],
        "parameters": {"root": root, "db": db, "wait": True},
        "description": f"Nightly ingestion of {root} into {db}",
        "tags": ["ogi", "nightly"],
    }


def nightly_deployment(
    root: str = DEFAULT_ROOT,
    db: str = DEFAULT_DB,
    cron: str = NIGHTLY_CRON,
    timezone: str = NIGHTLY_TIMEZONE,
    workers: int = 1,
    dask_address: str | None = None,
    interval: float | None = None,
) -> RunnerDeployment:
    """`ogi-ingest` on `root` every night at `cron` (02:00 by default), or every `interval` seconds if
    given; one run at a time, and a run that finds another ingest writing waits for it rather than failing."""
    flow = nightly_flow(workers, dask_address)
    return flow.to_deployment(name=NAME, concurrency_limit=1, **_schedule(root, db, cron, timezone, interval))


def serve_nightly(
    root: str,
    db: str,
    cron: str = NIGHTLY_CRON,
    timezone: str = NIGHTLY_TIMEZONE,
    workers: int = 1,
    dask_address: str | None = None,
    interval: float | None = None,
) -> None:
    """Serve the nightly deployment until stopped. Served from the flow object (`Flow.serve`), not with
    `prefect.serve(deployment)`: that one runs each run from the flow's entrypoint, i.e. the plain flow
    without its retries, workers and per-run line; this one runs the object itself."""
    flow = nightly_flow(workers, dask_address)
    flow.serve(name=NAME, global_limit=1, print_starting_message=False, **_schedule(root, db, cron, timezone, interval))


def say_run(flow: Flow, flow_run: FlowRun, state) -> None:
    """One line per finished run on `ogi serve`'s terminal (a served run executes in a child process that
    shares it): what the ingest did, the warehouse's open checks by origin and how many files are still
    unread, or why it did not finish."""
    if state.is_completed():
        summary = state.result()
        what = "; ".join([summary.counts_line(), *summary.checks_lines(), *summary.unread_lines()[:1]])
    else:
        what = f"{state.name}: {next(iter((state.message or '').strip().splitlines()), 'no message')}"
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {flow.name}/{flow_run.name}: {what}", flush=True)
