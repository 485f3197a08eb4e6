"""The nightly deployment of the ingestion flow."""

from __future__ import annotations

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.ingest import DEFAULT_DB, DEFAULT_ROOT, ingest
from flows.runners import task_runner

NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "Asia/Shanghai"
# A transient failure (a network share that blinked, the disk full for a moment) is retried.
RETRIES = 2
RETRY_DELAY_SECONDS = 600


def nightly_deployment(
    root: str = DEFAULT_ROOT,
    db: str = DEFAULT_DB,
    cron: str = NIGHTLY_CRON,
    timezone: str = NIGHTLY_TIMEZONE,
    workers: int = 1,
    dask_address: str | None = None,
) -> RunnerDeployment:
    """`ogi-ingest` on `root` every night at `cron` (02:00 by default); one run at a time, and a run
    that finds another ingest writing waits for it rather than failing."""
    flow = ingest.with_options(
        retries=RETRIES, retry_delay_seconds=RETRY_DELAY_SECONDS, task_runner=task_runner(workers, dask_address)
    )
    return flow.to_deployment(
        name="nightly",
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"root": root, "db": db, "wait": True},
        concurrency_limit=1,
        description=f"Nightly ingestion of {root} into {db}",
        tags=["ogi", "nightly"],
    )
