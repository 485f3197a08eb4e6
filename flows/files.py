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

from flows.names import disk_name, is_escaped, stored_name
from load.outputs import MANIFEST
from load.storage import own_file
from transform.model import ParsedFile
from transform.vocabulary import DocStatus

_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


@dataclass(frozen=True, slots=True)
class FileInfo:
    """A crawled path with what `stat` said of it (or why it could not be read)."""

    path: str  # relative to the crawled root, with / separators
    size: int = 0
    mtime: float = 0.0
    error: str | None = None
    status: str = DocStatus.FAILED.value  # what the file is recorded as when `error` is set


MAX_FILE_MB = 200
MAX_SECONDS = 300.0
MAX_MEMORY_MB = 2048
# The most text one section may hold (characters): real sections run to a few thousand; a file that
# parses into more is refused, so the writer never receives more than it can hold in one batch.
MAX_SECTION_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits, so one file cannot hold up a night (enforced by flows/isolation.py)."""

    max_bytes: int = MAX_FILE_MB * 2**20
    max_seconds: float = MAX_SECONDS
    max_memory_bytes: int = MAX_MEMORY_MB * 2**20  # address space a file's parse may add; 0: no limit


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


def _outside(entry: os.DirEntry, inside: str) -> str | None:
    """Where a symbolic link leads when that is outside the folder `inside` (a resolved path), else None."""
    if not entry.is_symlink():
        return None
    target = os.path.realpath(entry.path)
    return None if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep) else target


def crawl(root: Path, db: Path | None = None, follow_links: bool = False) -> list[FileInfo]:
    """Every non-hidden file under root, recursively, sorted by path. Symbolic links (to files or
    folders) are followed only while they lead inside root: one leading outside is recorded `skipped`
    with where it leads, not read (`follow_links`: read it too). Linked folders are followed once: a link
    back into a folder already crawled (a loop) is recorded as an error, not walked, and so is a folder
    that cannot be listed. Plain strings and `os.scandir` keep a no-change night cheap. ogi's own files
    are left out: the warehouse `db` and the files beside it (`load.storage.own_file`), a folder holding
    an ogi export (its manifest), and the hidden temporaries of exports and pages."""
    found: list[FileInfo] = []
    own = own_file(db) if db is not None else lambda _path: False
    seen: set[tuple[int, int]] = set()
    inside = os.path.realpath(root)

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
        if any(entry.name == MANIFEST for entry in entries):
            return  # an ogi export, not reports
        for entry in entries:
            if entry.name.startswith(".") or own(entry.path):
                continue
            name = stored_name(entry.name)  # valid UTF-8 whatever the bytes on disk (see flows/names.py)
            path = f"{rel}/{name}" if rel else name
            target = None if follow_links else _outside(entry, inside)
            if target is not None:
                reason = (
                    f"symbolic link to {stored_name(target)}, outside the crawled folder: not read (--follow-links)"
                )
                found.append(FileInfo(path, error=reason, status=DocStatus.SKIPPED.value))
            elif _is_folder(entry):
                walk(entry.path, path)
            else:
                found.append(_info(entry, path))

    walk(str(root), "")
    return sorted(found, key=lambda f: f.path)


def has_files(root: Path) -> bool:
    """Whether a crawl of `root` can find anything: some non-hidden entry that is not a folder, at any
    depth (stops at the first one; a folder that cannot be listed counts, the crawl records it)."""
    for folder, dirs, files in os.walk(root, onerror=lambda _exc: None):
        if any(not name.startswith(".") for name in files):
            return True
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if not os.access(folder, os.R_OK | os.X_OK):
            return True
    return False


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


def file_format(path: str) -> str:
    """The format name stored in `documents.format`: the lower-case suffix."""
    return Path(path).suffix.lower().lstrip(".")


def failed_file(info: FileInfo, reason: str, status: str = DocStatus.FAILED.value) -> ParsedFile:
    """A file that could not (or, `skipped`, must not) be read or parsed, recorded with its reason (no hash)."""
    fmt = file_format(info.path)
    return ParsedFile(info.path, None, fmt, info.size, info.mtime, status=status, error=reason)


def parse_file(root: Path, info: FileInfo, known_doc_id: str | None = None, limits: Limits = Limits()) -> ParsedFile:
    """Read, extract and transform one file. Any failure becomes a `failed` ParsedFile with a reason,
    so one bad file never stops a run. Bytes identical to `known_doc_id` come back `unchanged`."""
    # imported here: a run with nothing to parse (the usual night) need not load the parsing stack
    from extract import ExtractError, extract_bytes
    from extract.encoding import REPLACED
    from transform.report import parse_report

    if info.error:
        return failed_file(info, info.error, info.status)
    if info.size > limits.max_bytes:
        return failed_file(info, f"file too large: {info.size / 2**20:.0f} MB, limit {limits.max_bytes / 2**20:.0f} MB")
    try:
        data = (root / disk_name(info.path)).read_bytes()
    except OSError as exc:
        return failed_file(info, f"cannot read file: {exc.strerror or exc}")
    doc_id = hashlib.sha256(data).hexdigest()
    fmt = file_format(info.path)
    base = {"path": info.path, "doc_id": doc_id, "format": fmt, "size_bytes": len(data), "mtime": info.mtime}
    if doc_id == known_doc_id:
        return ParsedFile(**base, status="unchanged")
    try:
        extracted = extract_bytes(data, fmt, deadline=time.monotonic() + limits.max_seconds)
    except ExtractError as exc:
        return ParsedFile(**base, status=exc.status, error=exc.reason)
    try:
        report = parse_report(extracted, info.path)
    except MemoryError:
        raise  # the memory limit: flows/isolation.py records it
    except Exception as exc:  # a parser bug on one file is recorded, not fatal to the run
        return ParsedFile(
            **base, status="failed", error=f"parser error: {type(exc).__name__}: {exc}", encoding=extracted.encoding
        )
    largest = max(report.sections, key=lambda s: len(s.text), default=None)
    if largest is not None and len(largest.text) > MAX_SECTION_CHARS:
        too_long = (
            f"section {largest.no} holds {len(largest.text):,} characters, more than the {MAX_SECTION_CHARS:,} stored"
        )
        return ParsedFile(**base, status="failed", error=too_long, encoding=extracted.encoding)
    notes = [report.error]
    if is_escaped(info.path):  # recorded, so the name can be looked for (see flows/names.py)
        notes.append("file name is not valid UTF-8: bytes stored as \\xNN")
    if extracted.encoding and REPLACED in extracted.encoding:
        notes.append(f"text read as {extracted.encoding} (U+FFFD)")
    error = "; ".join(filter(None, notes)) or None
    return ParsedFile(**base, status=report.status, error=error, encoding=extracted.encoding, report=report)
