"""Opening the warehouse to read all of it (`ogi export`, `ogi report`), whatever state it is in.

While an ingest writes, or where the file or its folder is read-only (a backup on a read-only mount),
the connection is a read-only one (`load.warehouse.reader`); otherwise the warehouse is opened as the
ingest opens it, so an older schema is upgraded and the views are current. A file that is not a DuckDB
warehouse is refused before any lock file is made beside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from load.lock import ingest_running
from load.storage import require_warehouse_file, storage_errors
from load.warehouse import READ_PATIENCE, Warehouse, reader


def writable(db: Path) -> bool:
    """Whether this user may write the file and its folder (False on a read-only file system)."""
    return os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)


@contextmanager
def open_for_reading(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the existing warehouse `db` for reading everything. Raises StorageError (not a
    warehouse, damaged, cut short), WarehouseBusy (held past READ_PATIENCE) or SchemaError (a
    warehouse of a newer ogi)."""
    require_warehouse_file(db)
    with storage_errors(db):
        if ingest_running(db) or not writable(db):
            with reader(db) as con:
                yield con
        else:
            with Warehouse(db, patience=READ_PATIENCE) as warehouse:
                yield warehouse.con
