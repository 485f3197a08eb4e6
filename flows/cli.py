"""`ogi`: a thin command line over the ingestion flow and the warehouse."""

from __future__ import annotations

import atexit
import csv
import json
import os
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

# Before Prefect is imported: no telemetry (there is no network) and quiet logs unless asked.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Government information disclosure annual reports → DuckDB.", no_args_is_help=True)
console = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB warehouse file.")]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.callback()
def options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")] = False,
) -> None:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    # the local Dask cluster's own start/stop chatter (~30 lines a run) likewise
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if verbose else "warning")


@app.command()
def ingest(
    directory: Annotated[Path, typer.Argument(help="Folder of report files (searched recursively).")] = Path(
        "data/reports"
    ),
    db: DbOption = Path("data/warehouse.duckdb"),
    batch_size: Annotated[
        int | None, typer.Option(help="Files per Prefect task (default: 20, or up to 100 on Dask).")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for a running ingest instead of exiting.")] = False,
    max_file_mb: Annotated[float, typer.Option(help="Larger files are recorded as failed.")] = 200.0,
    max_seconds: Annotated[float, typer.Option(help="Time limit per file (checked between PDF pages).")] = 300.0,
    workers: Annotated[int, typer.Option(help="Parallel parsing processes (a local Dask cluster).")] = 1,
    dask_address: Annotated[
        str | None, typer.Option(help="Parse on an existing Dask cluster (e.g. tcp://host:8786).")
    ] = None,
) -> None:
    """Parse every new or changed report under DIRECTORY into the warehouse and print what happened."""
    if not directory.is_dir():
        console.print(f"[red]not a directory: {directory}[/red]")
        raise typer.Exit(2)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from flows import progress
    from flows.ingest import ingest as ingest_flow
    from flows.runners import shared_api, task_runner
    from load.lock import WarehouseBusy

    bar = Progress(
        TextColumn("parsing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task_id = bar.add_task("files", total=None)
    token = progress.listener.set(lambda done, total: bar.update(task_id, completed=done, total=total))
    try:
        with shared_api() if workers > 1 or dask_address else nullcontext(), bar:
            summary = ingest_flow.with_options(task_runner=task_runner(workers, dask_address))(
                root=str(directory),
                db=str(db),
                batch_size=batch_size,
                wait=wait,
                max_file_mb=max_file_mb,
                max_seconds=max_seconds,
            )
    except WarehouseBusy as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(3) from None
    finally:
        progress.listener.reset(token)
    s = summary.statuses
    console.print(
        f"files seen {summary.files_seen}: parsed {s['parsed']}, partial {s['partial']}, "
        f"failed {s['failed']}, not a report {s['not_a_report']}, duplicate {s['duplicate']}, "
        f"unchanged {s['unchanged']}, removed {s['removed']}"
    )
    years = ", ".join(
        f"{y if y is not None else '?'}: {n}"
        for y, n in sorted(summary.reports_per_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    )
    console.print(f"reports per year (this run): {years or 'none'}")
    console.print(f"checks: {summary.error_checks} errors, {summary.warning_checks} warnings")
    console.print(f"peak memory of the flow process: {summary.peak_rss_mb:.0f} MB")
    for path, status, reason in summary.failures:
        console.print(f"  [yellow]{status}[/yellow] {path}: {reason}", markup=True, highlight=False)
    console.print(f"warehouse: {db}")


@app.command()
def serve(
    directory: Annotated[Path, typer.Argument(help="Folder of report files.")] = Path("data/reports"),
    db: DbOption = Path("data/warehouse.duckdb"),
    cron: Annotated[str, typer.Option(help="When to run (cron).")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron expression.")] = "Asia/Shanghai",
    workers: Annotated[int, typer.Option(help="Parallel parsing processes (a local Dask cluster).")] = 1,
    dask_address: Annotated[str | None, typer.Option(help="Parse on an existing Dask cluster.")] = None,
) -> None:
    """Run the ingestion nightly (02:00 by default) until stopped; see runs in the Prefect UI."""
    from prefect import serve as prefect_serve

    from flows.schedule import nightly_deployment

    deployment = nightly_deployment(str(directory.resolve()), str(db.resolve()), cron, timezone, workers, dask_address)
    console.print(f"serving ogi-ingest/nightly: {cron} ({timezone}) on {directory} → {db}; Ctrl-C to stop")
    prefect_serve(deployment)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run against the warehouse.")],
    db: DbOption = Path("data/warehouse.duckdb"),
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.table,
) -> None:
    """Run ad-hoc SQL against the warehouse (read-only) and print the result."""
    _require(db)
    import duckdb

    try:
        with duckdb.connect(str(db), read_only=True) as con:
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall() if columns else []
    except duckdb.IOException as exc:
        _busy(exc)
    except duckdb.Error as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(1) from None
    if fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt is OutputFormat.json:
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, default=str))
    else:
        table = Table(*columns, show_lines=False)
        for r in rows:
            table.add_row(*("NULL" if x is None else str(x) for x in r))
        console.print(table)
        console.print(f"{len(rows)} rows", style="dim")


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


def _require(db: Path) -> None:
    if not db.exists():
        console.print(f"[red]no warehouse at {db}: run `ogi ingest` first[/red]")
        raise typer.Exit(2)


def _busy(exc: Exception) -> NoReturn:
    """DuckDB lets one process write a file; an ingest holds it for the whole run."""
    console.print(f"[red]the warehouse is busy (an ingest is writing it?): {exc}[/red]", highlight=False)
    raise typer.Exit(3) from None


def _open(db: Path):
    _require(db)
    import duckdb

    from load.warehouse import Warehouse

    try:
        return Warehouse(db)
    except duckdb.IOException as exc:
        _busy(exc)


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Folder to write into.")],
    db: DbOption = Path("data/warehouse.duckdb"),
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.parquet,
) -> None:
    """Export every table and the summary views (Parquet is partitioned by year, hive style)."""
    from load.export import export as export_all

    with _open(db) as warehouse:
        written = export_all(warehouse.con, out, fmt.value)
    for name, n in written.items():
        console.print(f"{name}: {n} rows")
    console.print(f"written to {out}")


@app.command()
def report(
    out: Annotated[Path, typer.Argument(help="HTML file to write.")] = Path("data/report.html"),
    db: DbOption = Path("data/warehouse.duckdb"),
) -> None:
    """Write one self-contained HTML page: coverage, where reports do not add up, charts."""
    from load.htmlreport import write_report

    with _open(db) as warehouse:
        write_report(warehouse.con, out, source=str(db))
    console.print(f"report written to {out}")


# Set by `main`: the process then ends as soon as every exit hook has run, without tearing the
# interpreter down. That teardown is a garbage collection over Prefect's and pydantic's objects, ~0.4 s
# per run here, and does nothing for a finished command: the warehouse connection is closed by then, and
# Prefect, logging and DuckDB flush and close in their own exit hooks, which run before this one.
_exit_status: int | None = None


def _end_process() -> None:
    if _exit_status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status)


def main() -> None:
    """The `ogi` entry point: the command, then a quick exit with its status."""
    global _exit_status
    # registered before the command imports DuckDB or Prefect, so it runs after their exit hooks
    atexit.register(_end_process)
    _exit_status = 1  # an uncaught exception
    try:
        app()
    except SystemExit as exc:
        _exit_status = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        raise


if __name__ == "__main__":
    main()
