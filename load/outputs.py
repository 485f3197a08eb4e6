"""Where `ogi export` and `ogi report` may write, and writing there so that nothing is lost.

Nothing the user did not ask to change is deleted or overwritten (issue 27):

- an export goes into a new or empty folder, or one holding an earlier ogi export (its manifest
  `ogi-export.json` says so); anything else is refused in one line. It is written into a hidden staging
  folder beside OUT and swapped in at the end (Linux `renameat2(RENAME_EXCHANGE)`, one atomic step), so
  an export killed part-way leaves the previous one whole;
- a page goes over a missing file or an earlier ogi page only (marked by `PAGE_MARK`), never over the
  warehouse or anything else; it is written under a hidden temporary name and renamed at the end.

The hidden names (`.OUT.ogi-…`) keep a crawl of the same folder from reading half-written files.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

MANIFEST = "ogi-export.json"
# Marks a page `ogi report` wrote; a page of an ogi before the mark is known by its title.
PAGE_MARK = '<meta name="generator" content="ogi report">'
_OLD_PAGE_TITLE = "<title>政府信息公开年度报告 数据质量与概览</title>"
_STAGING = ".ogi-staging-"  # infix of an export's staging folder and of a page's temporary file
_RENAME_EXCHANGE = 2  # linux/fs.h


class OutputRefused(ValueError):
    """The output path holds something ogi did not write; the message is one line saying what to do."""


def _staging_prefix(out: Path) -> str:
    return f".{out.name}{_STAGING}"


def _remove_stale_staging(out: Path) -> None:
    """Staging folders or files left beside `out` by an export or report that was killed (its pid gone)."""
    prefix = _staging_prefix(out)
    with contextlib.suppress(OSError):
        for entry in os.scandir(out.parent):
            pid = entry.name.removeprefix(prefix)
            if entry.name.startswith(prefix) and pid.isdigit() and not _alive(int(pid)):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_export_folder(out: Path) -> None:
    """Raise OutputRefused unless `out` is missing, an empty folder, or an earlier ogi export."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise OutputRefused(f"{out} is a file, not a folder: give a new or empty folder, e.g. {out.parent / 'export'}")
    if (out / MANIFEST).is_file() or not any(out.iterdir()):
        return
    raise OutputRefused(
        f"{out} is not empty and holds no earlier ogi export (no {MANIFEST}); nothing was written: "
        f"give a new or empty folder, e.g. {out / 'export'}"
    )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: a file system or kernel without it
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextmanager
def staged_export(out: Path, fmt: str) -> Iterator[Path]:
    """A hidden folder beside `out` to write the export into; on success it gets the manifest and
    replaces `out` in one step (the previous export is deleted after the swap). On any failure, or
    a kill, `out` stays as it was and the staging folder is removed (a killed one by the next export).
    Raises OutputRefused (before anything is written) when `out` holds something else."""
    check_export_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(out)
    staging = out.parent / f"{_staging_prefix(out)}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
        manifest = {"written_by": "ogi export", "format": fmt, "at": datetime.now(UTC).isoformat()}
        (staging / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
        check_export_folder(out)  # still ours (nothing else put there while we wrote)
        if out.exists() and _exchange(staging, out):
            shutil.rmtree(staging, ignore_errors=True)  # the previous export, now under the staging name
            return
        if out.exists():  # no atomic exchange here: the old one is moved aside for the moment of the swap
            old = out.parent / f"{_staging_prefix(out)}{os.getpid()}-old"
            os.rename(out, old)
            os.rename(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def is_ogi_page(path: Path) -> bool:
    """Whether `path` holds a page `ogi report` wrote (its mark, or the title of a page from before it)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    return PAGE_MARK in head or _OLD_PAGE_TITLE in head


def check_page_target(out: Path, db: Path | None = None) -> None:
    """Raise OutputRefused unless `out` is missing or an earlier ogi page (never the warehouse `db`)."""
    if db is not None and out.exists() and db.exists() and out.resolve() == db.resolve():
        raise OutputRefused(f"{out} is the warehouse; nothing was written: give the page a name such as report.html")
    if not out.exists() and not out.is_symlink():
        return
    if out.is_dir():
        raise OutputRefused(f"{out} is a folder: give the page a file name such as {out / 'report.html'}")
    if not is_ogi_page(out):
        raise OutputRefused(
            f"{out} is not a page ogi report wrote; nothing was written: give a new file name such as "
            f"{out.with_name('report.html') if out.name != 'report.html' else out.with_name('ogi-report.html')}"
        )


def write_page(out: Path, page: str) -> None:
    """Write the HTML `page` to `out` (UTF-8), marked as ogi's (`PAGE_MARK` after `<head>`), through a
    hidden temporary file renamed over `out` at the end: a failure or kill leaves the old page whole.
    Raises OutputRefused when `out` holds something ogi did not write; OSError for storage failures."""
    check_page_target(out)
    if PAGE_MARK not in page:
        page = re.sub(r"(<head[^>]*>)", lambda m: m[1] + PAGE_MARK, page, count=1, flags=re.IGNORECASE)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(out)
    temporary = out.parent / f"{_staging_prefix(out)}{os.getpid()}"
    try:
        with temporary.open("w", encoding="utf-8") as f:
            f.write(page)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
