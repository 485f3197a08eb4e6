"""ogi's local Prefect server: one `prefect server start` in the background, started on first use and reused.

Every Prefect flow run reports to an API. Without one configured, Prefect starts a temporary server for
each command (~15 s here, and a failure when the machine is too busy for it to answer within 20 s), and
its history ends with the command. So `ogi` keeps one server for the user instead: `ogi ingest` and
`ogi serve` start it in the background when none answers (once, ~10-20 s), every later command reuses it
(~0 s), every run shows in its UI, and it keeps running until `ogi server stop`. A configured
PREFECT_API_URL (environment or Prefect profile) always wins.

Its home (`OGI_SERVER_HOME`, default `$XDG_DATA_HOME/ogi/prefect-server`, i.e.
`~/.local/share/ogi/prefect-server`) holds the server's PREFECT_HOME (`prefect/`, its SQLite database of
runs), `server.json` (pid and address), `server.log`, and `server.lock` (one starter at a time).
This module does not import Prefect: `ogi server status` answers in milliseconds.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

HOST = "127.0.0.1"
PREFERRED_PORT = 4200  # Prefect's own default; another free port when it is taken
# Starting takes ~10 s on a quiet 2-core machine, ~17 s the first time (database migrations), and
# several times that on a busy one: slowness alone never fails a command.
START_TIMEOUT = 300.0
STOP_TIMEOUT = 15.0


class ServerError(RuntimeError):
    """The local server could not be started or reached; the message is one line saying what to do."""


@dataclass(frozen=True)
class Server:
    pid: int
    url: str  # http://127.0.0.1:PORT

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"


def home() -> Path:
    """The server's folder: OGI_SERVER_HOME, else the user's data folder."""
    if explicit := os.environ.get("OGI_SERVER_HOME"):
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "ogi" / "prefect-server"


def _state_file() -> Path:
    return home() / "server.json"


def log_file() -> Path:
    return home() / "server.log"


def _recorded() -> Server | None:
    try:
        state = json.loads(_state_file().read_text())
        return Server(int(state["pid"]), str(state["url"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_server(pid: int) -> bool:
    """Whether `pid` is alive and a Prefect server (not an unrelated process that reused the pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"prefect" in b" ".join(cmdline) and b"server" in cmdline and b"start" in cmdline


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether the Prefect API at `url` (without /api) answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/api/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False


def running() -> Server | None:
    """The recorded server, if it is alive and answers."""
    server = _recorded()
    if server is None or not is_server(server.pid) or not healthy(server.url):
        return None
    return server


@contextmanager
def _exclusive() -> Iterator[None]:
    """One ogi process at a time starts or stops the server (two first runs at once start one server)."""
    home().mkdir(parents=True, exist_ok=True)
    with open(home() / "server.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _free_port() -> int:
    wanted = int(os.environ.get("OGI_SERVER_PORT", PREFERRED_PORT))
    for port in (wanted, 0):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise ServerError(f"no free port on {HOST} for the local Prefect server")


def _last_log_line(since: int) -> str:
    """The last error line (else the last line) the server logged after byte `since` (this start's)."""
    try:
        with open(log_file(), "rb") as log:
            log.seek(since)
            lines = [ln.strip() for ln in log.read().decode(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    errors = [ln for ln in lines if "error" in ln.lower()]
    return (errors or lines or [""])[-1][:200]


def _kill(pid: int) -> None:
    """End the server's process group: SIGTERM, then SIGKILL after STOP_TIMEOUT."""
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while is_server(pid) and time.monotonic() < deadline:
            with suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.1)
        if is_server(pid):
            os.killpg(pid, signal.SIGKILL)


def start(on_start: Callable[[str], None] | None = None, timeout: float = START_TIMEOUT) -> Server:
    """The running server, or a new one started in the background and waited for (up to `timeout`
    seconds; `on_start` is told once, in one line, that it is starting). Raises ServerError."""
    if server := running():
        return server
    with _exclusive():
        log_start = log_file().stat().st_size if log_file().exists() else 0
        server = _recorded()
        if server is not None and is_server(server.pid):
            # alive but not answering yet: starting (its starter was killed) or slow on a busy machine;
            # waited for like a new one, and ended only if it never answers
            alive = partial(is_server, server.pid)
        else:
            server, process = _spawn(on_start)
            alive = partial(_no_exit_status, process)  # its /proc entry shows this command until it execs
        deadline = time.monotonic() + timeout
        while not healthy(server.url, timeout=5.0):
            if not alive():
                last = _last_log_line(log_start) or "no output"
                raise ServerError(
                    f"ogi's local Prefect server exited while starting ({last}); "
                    f"see {log_file()}, or set PREFECT_API_URL to a running Prefect server"
                )
            if time.monotonic() > deadline:
                _kill(server.pid)
                raise ServerError(
                    f"ogi's local Prefect server did not answer within {timeout:.0f} s; see {log_file()}, "
                    "try `ogi server start` again, or set PREFECT_API_URL to a running Prefect server"
                )
            time.sleep(0.25)
        return server


def _no_exit_status(process: subprocess.Popen) -> bool:
    return process.poll() is None


def _spawn(on_start: Callable[[str], None] | None) -> tuple[Server, subprocess.Popen]:
    """`prefect server start` in its own session (it outlives this command, Ctrl-C included), recorded."""
    port = _free_port()
    url = f"http://{HOST}:{port}"
    if on_start:
        on_start(f"starting ogi's local Prefect server at {url} (once; it stays up, `ogi server stop` ends it)")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"PREFECT_HOME": str(home() / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with open(log_file(), "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=home(),
            start_new_session=True,
        )
    server = Server(process.pid, url)
    _state_file().write_text(json.dumps({"pid": server.pid, "url": server.url}))
    return server, process


def stop() -> Server | None:
    """Stop the recorded server; returns it, or None if none was running."""
    with _exclusive():
        server = _recorded()
        _state_file().unlink(missing_ok=True)
        if server is None or not is_server(server.pid):
            return None
        _kill(server.pid)
        return server


@contextmanager
def prefect_api(on_start: Callable[[str], None] | None = None) -> Iterator[str]:
    """Run the body against a Prefect API and yield its URL: the configured PREFECT_API_URL (environment
    or Prefect profile) if any, else ogi's local server (started if needed). The URL is also put in the
    environment for the body's child processes (Dask workers, served runs), and taken out after."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = PREFECT_API_URL.value()
    server = None if url else start(on_start)
    url = url or server.api_url
    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
