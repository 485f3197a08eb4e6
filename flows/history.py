"""A run's history in Prefect when the command ends out of the ordinary (issue 27).

- Ctrl-C: the ingest ends at once (flows/lifeline.py), so Prefect's engine never reports the run's end
  and its flow run stayed `Running` in the UI for good. `mark_cancelled` sets it `Cancelled` first.
- The Prefect server lost mid-run (killed, out of memory): the warehouse is written by then, yet every
  later API call waited through the client's retries and Prefect's event queue tried each of hundreds
  of events again (minutes), then the command failed with tracebacks. The flow tells `finished` its
  summary before its last API calls; the command checks the API there and, if it is gone, ends with the
  summary and one line instead (`lost`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from flows.server import HOST, healthy

_run_id: str | None = None  # the flow run of this process's ingest, once its body started
# Called with the run's IngestSummary when the body is done and before its last API calls.
on_finished: ContextVar[Callable[[Any], None] | None] = ContextVar("ogi_finished", default=None)
CANCEL_SECONDS = 5.0  # how long Ctrl-C waits to record the cancellation


def started() -> None:
    """In the flow's body: remember its flow run, for `mark_cancelled`."""
    from prefect.runtime import flow_run

    global _run_id
    _run_id = flow_run.get_id()


def finished(summary: Any) -> None:
    """In the flow's body, once the warehouse is written: hand the summary to the command."""
    fn = on_finished.get()
    if fn is not None:
        fn(summary)


def api_answers() -> bool:
    """Whether the Prefect API in use (PREFECT_API_URL, set by flows.server.prefect_api) answers. Only a
    server on this machine is asked (ogi's own, or one at 127.0.0.1/localhost); another one (Prefect
    Cloud, a shared server) is taken to answer, and Prefect's own retries deal with it."""
    url = os.environ.get("PREFECT_API_URL", "")
    host = urlsplit(url).hostname
    if host not in (HOST, "localhost"):
        return True
    return healthy(url.removesuffix("/api"))


def mark_cancelled(message: str) -> None:
    """Set this process's flow run Cancelled (forced: a Running run may always be cancelled), waiting
    at most CANCEL_SECONDS; nothing happens if no run started or the API does not answer."""
    run_id = _run_id
    if run_id is None or not os.environ.get("PREFECT_API_URL") or not api_answers():
        return

    def cancel() -> None:
        from prefect.client.orchestration import get_client
        from prefect.states import Cancelled

        try:
            with get_client(sync_client=True) as client:
                client.set_flow_run_state(run_id, Cancelled(message=message), force=True)
        except Exception:  # best effort: the command ends either way
            return

    worker = threading.Thread(target=cancel, name="ogi-cancel", daemon=True)
    worker.start()
    worker.join(CANCEL_SECONDS)
