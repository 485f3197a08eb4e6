"""Small helpers for reading the warehouse in tests."""

from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def cell_map(db: Path, report_id: str) -> dict[tuple[str, str, str], float | None]:
    return {
        (t, r, c): v
        for t, r, c, v in rows(
            db, "SELECT table_code, row_code, col_code, value FROM cells WHERE report_id = ?", [report_id]
        )
    }
