"""Run a converter (LibreOffice) with no network at all, dying with the process that started it.

`unshare` (util-linux) starts the command in new network and PID namespaces: the network namespace has
only a loopback device that is down, so nothing — not even 127.0.0.1 — can be reached; the PID
namespace ends every process the command leaves behind when it ends. As root `unshare --net` is
allowed; an unprivileged user gets the same through a user namespace (`--user --map-current-user`,
or `--map-root-user` on util-linux before 2.38) where the kernel allows them. `setpriv --pdeathsig
KILL` in front makes the kernel kill `unshare` (and with `--kill-child`, the namespace) when the parse
worker that started it dies, even by kill -9.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

from extract.model import ExtractError

_NAMESPACES = ("--net", "--pid", "--fork", "--kill-child")
# Tried in order: as root; an unprivileged user in a user namespace (util-linux ≥ 2.38, then older).
_USERS = ((), ("--user", "--map-current-user"), ("--user", "--map-root-user"))
NO_SANDBOX = (
    "LibreOffice is only run without network, and no network namespace can be made here (`unshare --net`): "
    "run ogi as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)"
)


@functools.cache
def offline_command() -> tuple[str, ...]:
    """The words to put in front of a command so it runs without network, in its own PID namespace, and
    is killed when this process dies. Probed once per process (a few milliseconds). ExtractError with
    NO_SANDBOX when neither root nor a user namespace can make one."""
    unshare = shutil.which("unshare")
    if unshare is None:
        raise ExtractError(NO_SANDBOX.replace("(`unshare --net`)", "(`unshare` from util-linux is not installed)"))
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []
    for users in _USERS:
        command = [*prefix, unshare, *users, *_NAMESPACES, "--"]
        try:
            made = subprocess.run([*command, "true"], stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if made.returncode == 0:
            return tuple(command)
    raise ExtractError(NO_SANDBOX)
