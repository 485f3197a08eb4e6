"""Per-file work: crawl a directory, and turn one file into a ParsedFile (never raising)."""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from transform.model import ParsedFile

_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


@dataclass(frozen=True, slots=True)
class FileInfo:
    """A crawled path with what `stat` said of it (or why it could not be read)."""

    path: str  # relative to the crawled root, with / separators
    size: int = 0
    mtime: float = 0.0
    error: str | None = None


MAX_FILE_MB = 200
MAX_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits, so one file cannot hold up a night."""

    max_bytes: int = MAX_FILE_MB * 2**20
    max_seconds: float = MAX_SECONDS


def _info(entry: os.DirEntry, rel: str) -> FileInfo:
    try:
        st = entry.stat()  # follows a symbolic link, as reading the file will
    except OSError as exc:
        return FileInfo(rel, error=f"cannot read file: {exc.strerror or exc}")
    kind = _KINDS.get(stat.S_IFMT(st.st_mode))
    if kind:
        return FileInfo(rel, error=f"not a regular file: {kind}")
    return FileInfo(rel, st.st_size, st.st_mtime)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:  # a link loop between files: reported when its target is read
        return False


def crawl(root: Path) -> list[FileInfo]:
    """Every non-hidden file under root, recursively, sorted by path. Symlinked folders are followed
    once: a link back into a folder already crawled (a loop) is recorded as an error, not walked, and so
    is a folder that cannot be listed. Plain strings and `os.scandir` keep a no-change night cheap."""
    found: list[FileInfo] = []
    seen: set[tuple[int, int]] = set()

    def walk(folder: str, rel: str) -> None:
        try:
            st = os.stat(folder)
            entries = list(os.scandir(folder)) if (st.st_dev, st.st_ino) not in seen else None
        except OSError as exc:
            found.append(FileInfo(rel or ".", error=f"cannot read folder: {exc.strerror or exc}"))
            return
        if entries is None:
            found.append(FileInfo(rel, error=f"symbolic link loop: {rel} leads back to a folder already crawled"))
            return
        seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = f"{rel}/{entry.name}" if rel else entry.name
            if _is_folder(entry):
                walk(entry.path, path)
            else:
                found.append(_info(entry, path))

    walk(str(root), "")
    return sorted(found, key=lambda f: f.path)


@cache
def prepare_parsing() -> None:
    """Once per process, before its first file: load the parsing stack, then move everything alive into
    the collector's permanent generation. pdfminer allocates objects by the million, so full collections
    run often; in a process that has Prefect, DuckDB and the parsers loaded each one would walk ~200,000
    long-lived objects again (measured: collections over 100 PDFs 1.2 → 0.8 s; 500 mixed reports on two
    Dask workers 21.1 → 20.2 s). Objects frozen this way are still freed by reference counting; only
    cycles among them wait for the unfreeze at exit (without it DuckDB's bindings report their module
    objects as leaked when the interpreter shuts down)."""
    import extract  # noqa: F401
    import transform.report  # noqa: F401

    gc.freeze()
    atexit.register(gc.unfreeze)


def parse_file(root: Path, info: FileInfo, known_doc_id: str | None = None, limits: Limits = Limits()) -> ParsedFile:
    """Read, extract and transform one file. Any failure becomes a `failed` ParsedFile with a reason,
    so one bad file never stops a run. Bytes identical to `known_doc_id` come back `unchanged`."""
    # imported here: a run with nothing to parse (the usual night) need not load the parsing stack
    from extract import ExtractError, extract_bytes, file_format
    from transform.report import parse_report

    fmt = file_format(Path(info.path))
    unread = {"path": info.path, "doc_id": None, "format": fmt, "size_bytes": info.size, "mtime": info.mtime}
    if info.error:
        return ParsedFile(**unread, status="failed", error=info.error)
    if info.size > limits.max_bytes:
        too_large = f"file too large: {info.size / 2**20:.0f} MB, limit {limits.max_bytes / 2**20:.0f} MB"
        return ParsedFile(**unread, status="failed", error=too_large)
    try:
        data = (root / info.path).read_bytes()
    except OSError as exc:
        return ParsedFile(**unread, status="failed", error=f"cannot read file: {exc.strerror or exc}")
    doc_id = hashlib.sha256(data).hexdigest()
    base = {**unread, "doc_id": doc_id, "size_bytes": len(data)}
    if doc_id == known_doc_id:
        return ParsedFile(**base, status="unchanged")
    try:
        extracted = extract_bytes(data, fmt, deadline=time.monotonic() + limits.max_seconds)
    except ExtractError as exc:
        return ParsedFile(**base, status=exc.status, error=exc.reason)
    try:
        report = parse_report(extracted, info.path)
    except Exception as exc:  # a parser bug on one file is recorded, not fatal to the run
        return ParsedFile(
            **base, status="failed", error=f"parser error: {type(exc).__name__}: {exc}", encoding=extracted.encoding
        )
    return ParsedFile(**base, status=report.status, error=report.error, encoding=extracted.encoding, report=report)
