"""`ogi`: a thin command line over the ingestion flow and the warehouse."""

from __future__ import annotations

import atexit
import csv
import json
import logging
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

# Before Prefect is imported: no telemetry (there is no network) and quiet logs unless asked.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

if TYPE_CHECKING:
    from flows.ingest import IngestSummary

GLOBAL_FLAGS = ("--verbose", "-v")


def hoist_global_flags(args: list[str]) -> list[str]:
    """`ogi ingest --verbose` means `ogi --verbose ingest`: the global flags are accepted after the
    subcommand too (up to a `--`, after which every word is an argument)."""
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    return flags + [a for a in args[:end] if a not in GLOBAL_FLAGS] + args[end:]


class _Commands(TyperGroup):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_flags(args))


app = typer.Typer(
    cls=_Commands,
    help="Government information disclosure annual reports → DuckDB.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
console = Console(soft_wrap=True)  # one line stays one line when piped


def example(*lines: str) -> str:
    """A command's `--help` ends with examples, as sqlite-utils' do."""
    return "Example:\n\n\b\n" + "\n".join(
        f"    {line}" for line in lines
    )  # click keeps lines after a "\b" line as written


DbOption = Annotated[Path, typer.Option("--db", help="DuckDB warehouse file.")]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _version(value: bool) -> None:
    if not value:
        return
    from importlib.metadata import version

    from load.schema import latest_version
    from transform import PARSER_VERSION

    print(f"ogi {version('ogi')} (parser {PARSER_VERSION}, warehouse schema {latest_version()})")
    raise typer.Exit()


@app.callback(epilog=example("ogi ingest data/reports", 'ogi query "SELECT * FROM v_report_summary LIMIT 5"'))
def options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show Prefect's logs (also accepted after the command).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    # the local Dask cluster's own start/stop chatter (~30 lines a run) likewise
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if verbose else "warning")


@app.command(
    epilog=example(
        "ogi ingest data/reports --db data/warehouse.duckdb",
        "ogi ingest data/reports/huaian-city-2024.pdf   # one file (keyed by its folder)",
        "ogi ingest data/reports --follow-links          # also read what links to other folders lead to",
    )
)
def ingest(
    directory: Annotated[
        Path, typer.Argument(help="Folder of report files (searched recursively), or one report file.")
    ] = Path("data/reports"),
    db: DbOption = Path("data/warehouse.duckdb"),
    batch_size: Annotated[
        int | None, typer.Option(help="Files per Prefect task (default: 20, or up to 100 on Dask).")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for a running ingest instead of exiting.")] = False,
    max_file_mb: Annotated[float, typer.Option(help="Larger files are recorded as failed.")] = 200.0,
    max_seconds: Annotated[float, typer.Option(help="Time limit per file; a parse past it is killed.")] = 300.0,
    max_memory_mb: Annotated[float, typer.Option(help="Memory limit per file's parse (0: none).")] = 2048.0,
    max_removed: Annotated[
        float, typer.Option(help="Largest share of known files that may vanish in one run (more: exit 6).")
    ] = 0.5,
    workers: Annotated[int, typer.Option(help="Parallel parsing processes (a local Dask cluster).")] = 1,
    dask_address: Annotated[
        str | None, typer.Option(help="Parse on an existing Dask cluster (e.g. tcp://host:8786).")
    ] = None,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links", help="Read files and folders that symbolic links lead to outside DIRECTORY too."
        ),
    ] = False,
) -> None:
    """Parse every new or changed report under DIRECTORY (or the one file given) into the warehouse and
    print what happened."""
    only = None
    if directory.is_file():  # one file: its folder is the root, the folder's other files are left alone
        directory, only = directory.parent, [directory.name]
    elif not directory.is_dir():
        console.print(f"[red]no such file or folder: {directory}[/red]")
        raise typer.Exit(2)
    from flows.files import has_files
    from load.storage import is_duckdb_file, not_a_warehouse

    if not is_duckdb_file(db):  # before the flow starts, so the run does not end in a logged traceback
        _fail(escape(str(not_a_warehouse(db))), 5)
    if not has_files(directory) and not (db.exists() and db.stat().st_size):
        _fail(
            f"no files in {escape(str(directory))}: nothing ingested, no warehouse made (the right folder? mounted?)",
            2,
        )
    if _exit_status is not None:  # the `ogi` process itself (see main), not a caller of `app`
        from flows.history import mark_cancelled
        from flows.lifeline import stop_on_interrupt

        stop_on_interrupt(
            "interrupted: nothing half-written is kept; the next ingest goes on from the last batch",
            before_exit=partial(mark_cancelled, "interrupted (Ctrl-C)"),
        )
    from load.lock import writer_lock
    from load.storage import storage_errors

    # before Prefect is even imported: a second ingest exits at once
    with _exits(db), storage_errors(db), writer_lock(db, wait=wait, on_wait=_say, share_in_process=True):
        from load.warehouse import WRITE_PATIENCE, wait_until_free

        wait_until_free(db, None if wait else WRITE_PATIENCE, _say)
        summary = _run_ingest(
            directory,
            db,
            batch_size,
            wait,
            max_file_mb,
            max_seconds,
            max_memory_mb,
            max_removed,
            workers,
            dask_address,
            only,
            follow_links,
        )
    _print_summary(summary, db)


def _print_summary(summary: IngestSummary, db: Path) -> None:
    from flows.names import printable

    console.print(summary.counts_line())
    years = ", ".join(
        f"{y if y is not None else '?'}: {n}"
        for y, n in sorted(summary.reports_per_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    )
    console.print(f"reports per year (this run): {years or 'none'}")
    for line in summary.checks_lines():
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print(summary.kinds_line(), markup=False, highlight=False)
    console.print(f"peak memory of the flow process: {summary.peak_rss_mb:.0f} MB")
    for line in summary.unread_lines():
        console.print(printable(line), markup=False, highlight=False, soft_wrap=True)
    console.print(f"warehouse: {db}")


def _run_ingest(
    directory: Path,
    db: Path,
    batch_size: int | None,
    wait: bool,
    max_file_mb: float,
    max_seconds: float,
    max_memory_mb: float,
    max_removed: float,
    workers: int,
    dask_address: str | None,
    only: list[str] | None,
    follow_links: bool = False,
) -> IngestSummary:
    """The ingestion flow against the Prefect API (ogi's local server unless one is configured), with a
    progress bar on stderr; returns its IngestSummary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from flows import history, progress
    from flows.ingest import ingest as ingest_flow
    from flows.runners import task_runner
    from load.lock import WarehouseBusy
    from load.storage import StorageError
    from load.warehouse import TooManyGone

    # these end the run with one line (below), not with Prefect's logged traceback as well
    _quiet_flow_errors(WarehouseBusy, TooManyGone, StorageError)
    _quiet_lost_events()
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
    finished = history.on_finished.set(partial(_end_if_history_lost, bar, db))
    try:
        with _prefect_api(), bar:
            return ingest_flow.with_options(task_runner=task_runner(workers, dask_address))(
                root=str(directory),
                db=str(db),
                batch_size=batch_size,
                wait=wait,
                max_file_mb=max_file_mb,
                max_seconds=max_seconds,
                only=only,
                max_memory_mb=max_memory_mb,
                max_removed=max_removed,
                follow_links=follow_links,
            )
    finally:
        progress.listener.reset(token)
        history.on_finished.reset(finished)


def _end_if_history_lost(bar: Any, db: Path, summary: IngestSummary) -> None:
    """Called when the flow has written the warehouse: if the Prefect API no longer answers (ogi's
    server killed mid-run), end now with the summary and one line, exit 0, rather than wait minutes
    through the client's retries and fail. Only in the `ogi` process itself (see main)."""
    from flows.history import api_answers

    if _exit_status is None or api_answers():
        return
    if bar.live.console.is_terminal:
        bar.stop()
    _print_summary(summary, db)
    _say(
        "run history not recorded: the Prefect server stopped answering during the run (the warehouse is "
        "written); `ogi server start` starts it again"
    )
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _say(message: str) -> None:
    """One line on stderr about what the command waits for."""
    Console(stderr=True, soft_wrap=True).print(message, style="yellow", highlight=False)


@contextmanager
def _prefect_api() -> Iterator[str]:
    """flows.server.prefect_api, its failure to start a server ending the command in one line (exit 4)."""
    from flows.server import ServerError, prefect_api

    try:
        with prefect_api(on_start=_say) as url:
            yield url
    except ServerError as exc:  # raised only while starting the server, before the body runs
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(4) from None


def _quiet_flow_errors(*expected: type[BaseException]) -> None:
    """Drop Prefect's "Encountered exception" log records for these exceptions (unless --verbose)."""

    def keep(record: logging.LogRecord) -> bool:
        return os.environ.get("PREFECT_LOGGING_LEVEL") == "INFO" or not (
            record.exc_info and isinstance(record.exc_info[1], expected)
        )

    logging.getLogger("prefect.flow_runs").addFilter(keep)


def _quiet_lost_events() -> None:
    """Drop Prefect's lines about events it cannot send (unless --verbose): with the server gone they
    come by the dozen, and the one line of `_end_if_history_lost` says what it means."""

    def keep(record: logging.LogRecord) -> bool:
        return os.environ.get("PREFECT_LOGGING_LEVEL") == "INFO" or (
            record.name != "prefect.events.clients" and "EventsWorker" not in record.getMessage()
        )

    for name in ("prefect.events.clients", "prefect._internal.concurrency", "EventsWorker"):
        logging.getLogger(name).addFilter(keep)


@app.command(epilog=example('ogi serve /srv/reports --db /srv/warehouse.duckdb --cron "30 1 * * *" --timezone UTC'))
def serve(
    directory: Annotated[Path, typer.Argument(help="Folder of report files.")] = Path("data/reports"),
    db: DbOption = Path("data/warehouse.duckdb"),
    cron: Annotated[str, typer.Option(help="When to run (cron).")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron expression.")] = "Asia/Shanghai",
    interval: Annotated[
        float | None, typer.Option(help="Run every INTERVAL seconds instead of on the cron schedule.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Parallel parsing processes (a local Dask cluster).")] = 1,
    dask_address: Annotated[str | None, typer.Option(help="Parse on an existing Dask cluster.")] = None,
) -> None:
    """Run the ingestion nightly (02:00 by default) until stopped; see runs in the Prefect UI."""
    from flows.schedule import serve_nightly

    if _exit_status is not None:  # the `ogi` process itself (see main)
        from flows.lifeline import stop_on_interrupt

        stop_on_interrupt("stopped serving ogi-ingest/nightly (a run in progress was ended; the next run goes on)")
    when = f"every {interval:g} s" if interval else f"{cron} ({timezone})"
    with _prefect_api() as url:
        console.print(
            f"serving ogi-ingest/nightly: {when} on {directory} → {db}; runs at "
            f"{url.removesuffix('/api')}; one line per run below; Ctrl-C to stop",
            highlight=False,
        )
        serve_nightly(str(directory.resolve()), str(db.resolve()), cron, timezone, workers, dask_address, interval)


server_app = typer.Typer(help="ogi's local Prefect server (started by ingest and serve when no API is set).")
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start() -> None:
    """Start the local Prefect server in the background (if it is not running) and print its address."""
    from flows import server

    try:
        running = server.start(on_start=_say)
    except server.ServerError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(4) from None
    console.print(f"running: pid {running.pid}, UI {running.url}, API {running.api_url}", highlight=False)


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local Prefect server (its run history stays for the next start)."""
    from flows import server

    stopped = server.stop()
    console.print(f"stopped pid {stopped.pid}" if stopped else "not running", highlight=False)


@server_app.command("status")
def server_status() -> None:
    """Say whether the local Prefect server runs, and where (exit 1 when it does not)."""
    from flows import server

    running = server.running()
    if running is None:
        console.print(f"not running (home {server.home()})", highlight=False)
        raise typer.Exit(1)
    console.print(
        f"running: pid {running.pid}, UI {running.url}, API {running.api_url}, home {server.home()}", highlight=False
    )


def plain(x: Any) -> Any:
    """A value as JSON or CSV should show it: whole floats (counts, stored as DOUBLE) as integers, NaN and
    ±Infinity as None (JSON has no literal for them); everything else as it is."""
    if isinstance(x, Decimal):  # DuckDB's type of a literal like 12.5
        x = float(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            return None
        return int(x) if x.is_integer() and abs(x) < 2**53 else x
    return x


def _print_result(columns: list[str], rows: list[tuple], fmt: OutputFormat) -> None:
    rows = [tuple(plain(x) for x in r) for r in rows]
    if fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt is OutputFormat.json:
        records = [dict(zip(columns, r, strict=True)) for r in rows]
        print(json.dumps(records, ensure_ascii=False, default=str, allow_nan=False))
    else:
        table = Table(*columns, show_lines=False)
        for r in rows:
            table.add_row(*("NULL" if x is None else str(x) for x in r))
        # a pipe or a cron mail gets every character; a terminal gets the table fitted to its width
        out = console if console.is_terminal else Console(soft_wrap=True, width=1_000_000)
        out.print(table)
        out.print(f"{len(rows)} rows", style="dim")


def _read_sql(sql: str | None, file: Path | None) -> str:
    if file is not None and sql is not None:
        _fail("give the SQL either as an argument or with --file, not both", 2)
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot read {file}: {exc.strerror or exc}", 2)
    return sys.stdin.read() if sql == "-" else sql or ""


@app.command(
    epilog=example(
        'ogi query "SELECT agency, year, new_received FROM v_report_summary ORDER BY new_received DESC LIMIT 10"',
        "ogi query --file questions.sql --format csv",
        'echo "SELECT count(*) FROM reports" | ogi query -',
    )
)
def query(
    sql: Annotated[
        str | None, typer.Argument(help="SQL to run (several statements: each result); - reads stdin.")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the SQL from this file.")] = None,
    db: DbOption = Path("data/warehouse.duckdb"),
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="Output format (json: one array per statement).")
    ] = OutputFormat.table,
) -> None:
    """Run ad-hoc SQL against the warehouse (read-only) and print each statement's result."""
    import duckdb

    text = _read_sql(sql, file)
    try:
        statements = duckdb.extract_statements(text)
    except duckdb.Error as exc:
        _fail(str(exc), 1)
    if not statements:
        _fail("no SQL given: pass it as an argument, `-` to read stdin, or --file FILE", 2)
    _require(db)
    from load.storage import storage_errors
    from load.warehouse import reader

    with _exits(db), reader(db) as con:
        printed = 0
        for statement in statements:
            try:
                with storage_errors(db):
                    cursor = con.execute(statement)
                    result = cursor.fetchall()
            except duckdb.Error as exc:  # the SQL's own error (storage failures are raised as such)
                _fail(escape(str(exc)), 1)
            columns = [d[0] for d in cursor.description or []]
            if columns:
                if printed and fmt is OutputFormat.csv:
                    print()  # a blank line between two results
                _print_result(columns, result, fmt)
                printed += 1


@app.command(
    epilog=example(
        "ogi describe                       # every table and view with its description",
        "ogi describe v_report_summary      # its columns with type and description",
        "ogi describe cells --format csv",
        "ogi describe --format json > dictionary.json",
    )
)
def describe(
    name: Annotated[str | None, typer.Argument(help="A table or view; without it, all of them.")] = None,
    db: DbOption = Path("data/warehouse.duckdb"),
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.table,
) -> None:
    """Print the data dictionary: what every table and view holds, or what each column of one means."""
    from load.dictionary import describe as described
    from load.reading import open_for_reading

    _require(db)
    with _exits(db), open_for_reading(db) as con:
        try:
            columns, rows = described(con, name)
        except KeyError as exc:
            _fail(exc.args[0], 2)
    _print_result(columns, rows, fmt)


@app.command(
    epilog=example(
        "ogi show 3f2a9c1d                               # a report by (a unique prefix of) its report_id",
        "ogi show huaian/huaian-city-2024.pdf            # or by its file, as crawled",
        "ogi show 3f2a9c1d requests.new_received.total   # one cell: TABLE.ROW.COL",
        "ogi show 3f2a9c1d requests.new_received review_litigation   # a row, a whole table",
        "ogi show 3f2a9c1d --format csv > cells.csv",
    )
)
def show(
    report: Annotated[str, typer.Argument(help="A report_id, a unique prefix of it, or the report's file.")],
    codes: Annotated[
        list[str] | None, typer.Argument(help="Cells to show: TABLE.ROW.COL, TABLE.ROW or TABLE (default: all).")
    ] = None,
    db: DbOption = Path("data/warehouse.duckdb"),
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.table,
) -> None:
    """Print a report (agency, year, file, status) and its cells: value, text as printed, and where it is
    printed (PDF page and box in points, DOCX/HTML table, row and cell, or text line and characters)."""
    from load.reading import open_for_reading
    from load.show import COLUMNS, NotFound, cell_lines, cell_rows, find_report, report_cells

    _require(db)
    with _exits(db), open_for_reading(db) as con:
        try:
            found = find_report(con, report)
            cells = report_cells(con, found.report_id, codes or [])
        except NotFound as exc:
            _fail(escape(str(exc)), 2)
    if fmt is not OutputFormat.table:
        _print_result(list(COLUMNS), cell_rows(cells), fmt)
        return
    for line in (found.line(), *cell_lines(cells)):
        console.print(line, markup=False, highlight=False, soft_wrap=True)


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    xlsx = "xlsx"


def _require(db: Path) -> None:
    if not db.exists():
        console.print(f"[red]no warehouse at {db}: run `ogi ingest` first[/red]")
        raise typer.Exit(2)


def _fail(message: str, code: int) -> NoReturn:
    """One line saying what went wrong, and the exit status."""
    Console(stderr=True).print(f"[red]{message}[/red]", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def _exits(db: Path) -> Iterator[None]:
    """The library's one-line errors as exit statuses: refused output or a warehouse of a newer ogi 2,
    busy 3, storage (full, read-only, not a warehouse, damaged) 5, too many files gone 6."""
    import duckdb

    from load.lock import WarehouseBusy
    from load.outputs import OutputRefused
    from load.schema import SchemaError
    from load.storage import StorageError
    from load.warehouse import TooManyGone, is_lock_conflict

    try:
        yield
    except (OutputRefused, SchemaError) as exc:
        _fail(escape(str(exc)), 2)
    except WarehouseBusy as exc:
        _fail(escape(str(exc)), 3)
    except StorageError as exc:
        _fail(escape(str(exc)), 5)
    except TooManyGone as exc:
        _fail(escape(str(exc)), 6)
    except duckdb.IOException as exc:  # neither a known storage failure nor SQL: say it as DuckDB does
        first = str(exc).splitlines()[0]
        if is_lock_conflict(exc):
            _fail(escape(f"{db} is held by another program: {first}"), 3)
        _fail(escape(f"cannot read {db}: {first}"), 5)


@app.command(
    epilog=example(
        "ogi export out/                  # Parquet, descriptions in each file's metadata",
        "ogi export out/ --format csv",
        "ogi export out/ --format xlsx    # out/ogi.xlsx: the wide views, one sheet each, and the dictionary",
    )
)
def export(
    out: Annotated[
        Path,
        typer.Argument(help="Folder to write into: new, empty, or an earlier ogi export (replaced whole at the end)."),
    ],
    db: DbOption = Path("data/warehouse.duckdb"),
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.parquet,
) -> None:
    """Export every table and view (Parquet is partitioned by year, hive style), or the wide views as one
    Excel workbook; README.md and dictionary.csv beside them describe every column. In CSV and xlsx, text
    starting with = + - @ (a formula to a spreadsheet) gets a leading '."""
    from load.export import export as export_all
    from load.outputs import check_export_folder
    from load.reading import open_for_reading
    from load.storage import storage_errors

    _require(db)
    with _exits(db):
        check_export_folder(out)  # refused before the warehouse is even opened
        with open_for_reading(db) as con, storage_errors(db, writing=out):
            written = export_all(con, out, fmt.value)
    for name, n in written.items():
        console.print(f"{name}: {n} rows")
    console.print(f"written to {out}")


@app.command()
def roots(db: DbOption = Path("data/warehouse.duckdb")) -> None:
    """List the crawled folders the warehouse holds files of, with their counts."""
    _require(db)
    from flows.names import printable
    from load.storage import storage_errors
    from load.warehouse import ROOTS_QUERY, reader

    with _exits(db), reader(db) as con, storage_errors(db):  # also while an ingest writes (between commits)
        held = con.execute(ROOTS_QUERY).fetchall()
    for root, current, total in held:
        line = f"{printable(root)}: {current} files in the views, {total} rows in all"
        console.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
def forget(
    root: Annotated[str, typer.Argument(help="A root as `ogi roots` lists it (a folder that moved or went).")],
    db: DbOption = Path("data/warehouse.duckdb"),
) -> None:
    """Drop every row of the files crawled under ROOT, in one transaction."""
    _require(db)
    from flows.names import printable
    from load.lock import writer_lock
    from load.storage import require_warehouse_file, storage_errors
    from load.warehouse import Warehouse

    with _exits(db):
        require_warehouse_file(db)  # before a lock file is made beside it
        with storage_errors(db), writer_lock(db), Warehouse(db) as warehouse:
            held = {r for r, _current, _total in warehouse.roots()}
            stored = root if root in held else str(Path(root).resolve())
            if stored not in held:
                console.print(f"no root {printable(root)} in {db}; `ogi roots` lists them", style="red", markup=False)
                raise typer.Exit(2)
            dropped = warehouse.forget_root(stored)
            warehouse.refresh_cross_checks()
    console.print(f"forgot {dropped} files under {printable(stored)}", markup=False, highlight=False, soft_wrap=True)


@app.command(epilog=example("ogi report data/report.html --db data/warehouse.duckdb"))
def report(
    out: Annotated[
        Path, typer.Argument(help="HTML file to write: new, or an earlier ogi page (never another file).")
    ] = Path("data/report.html"),
    db: DbOption = Path("data/warehouse.duckdb"),
) -> None:
    """Write one self-contained HTML page: coverage, where reports do not add up, charts."""
    from load.htmlreport import write_report
    from load.outputs import check_page_target
    from load.reading import open_for_reading
    from load.storage import storage_errors

    _require(db)
    with _exits(db):
        check_page_target(out, db)  # refused before the warehouse is even opened
        with open_for_reading(db) as con, storage_errors(db, writing=out):
            write_report(con, out, source=str(db))
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
