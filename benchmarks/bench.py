"""Benchmark ogi ingest: `python -m benchmarks.bench [--reports 500] [--scale 1000 10000] [--repeats 3]`.

Generates a mixed corpus (text in three layouts and three encodings, DOCX with own tables and the
official template, HTML in UTF-8 and GBK, PDF exported from DOCX by LibreOffice; every value non-zero),
runs `ogi ingest` on it in fresh subprocesses against one running Prefect API, and prints medians:
reports per second, milliseconds per report by format, peak memory, the ratio of our PDF ingest time to
the bare pdfplumber floor (open + extract_words on the same PDFs), the speed-up of 2 workers over 1, a
no-change rerun over the largest scale, and the cost of OCR: seconds per scanned page and the share of a
mixed corpus's time its scans take (`--only-ocr`: that part alone, with one mixed run). Runs that are
compared are interleaved in rounds and ratios are medians of the rounds' ratios (this machine's speed
drifts over minutes). Fixed costs (imports, flow start, the Dask cluster, which starts on the first task,
and the region lookup) are measured by ingesting a single report and subtracted, so per-report figures
are the marginal cost.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network: no telemetry

import pdfplumber

from tests.docgen import docx_to_pdf, to_docx, to_html, to_template_docx
from tests.reportgen import sample_report, to_txt_bytes

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
ROOT = HERE.parent
FORMATS = ("txt", "docx", "html", "pdf")
SHARE = {"txt": 0.4, "docx": 0.2, "html": 0.2, "pdf": 0.2}
TXT_VARIANTS = [(layout, enc) for layout in ("tab", "cell_per_line", "pipe") for enc in ("utf-8", "gb18030", "utf-16")]


def make_corpus(n: int, formats: tuple[str, ...] = FORMATS) -> Path:
    """`n` reports split by SHARE over `formats`, one folder per format; cached between runs."""
    name = f"mixed-{n}-{'-'.join(formats)}"
    root = CACHE / name
    if (root / ".complete").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    counts = {f: round(n * SHARE[f] / sum(SHARE[x] for x in formats)) for f in formats}
    seed = 0
    for fmt, count in counts.items():
        folder = root / fmt
        folder.mkdir(parents=True)
        pdf_sources = {}
        for i in range(count):
            seed += 1
            sample = sample_report(f"基准{seed:05d}县人民政府", 2019 + seed % 6, seed=seed)
            if fmt == "txt":
                layout, enc = TXT_VARIANTS[i % len(TXT_VARIANTS)]
                (folder / f"{i:05d}.txt").write_bytes(to_txt_bytes(sample, layout, enc))
            elif fmt == "docx":
                make = to_template_docx if i % 2 else to_docx
                (folder / f"{i:05d}.docx").write_bytes(make(sample))
            elif fmt == "html":
                (folder / f"{i:05d}.html").write_bytes(to_html(sample, "gbk" if i % 2 else "utf-8"))
            else:
                pdf_sources[f"{i:05d}"] = (to_template_docx if i % 2 else to_docx)(sample)
        for start in range(0, len(pdf_sources), 50):
            chunk = dict(list(pdf_sources.items())[start : start + 50])
            for stem, data in docx_to_pdf(chunk).items():
                (folder / f"{stem}.pdf").write_bytes(data)
    (root / ".complete").touch()
    return root


def scan_corpus(n: int) -> tuple[Path, int]:
    """`n` scanned reports (generated PDFs rendered at 150 dpi into image-only PDFs) and their page count."""
    from tests.scans import images_to_pdf, page_images

    root = CACHE / f"scans-{n}"
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        sources = {
            f"{i:03d}": to_template_docx(sample_report(f"扫描{i:03d}县人民政府", 2023, seed=900 + i)) for i in range(n)
        }
        for stem, pdf in docx_to_pdf(sources).items():
            (root / f"{stem}.pdf").write_bytes(images_to_pdf(page_images(pdf)))
        (root / ".complete").touch()
    pages = sum(len(pdfplumber.open(p).pages) for p in root.glob("*.pdf"))
    return root, pages


def text_corpus(n: int) -> Path:
    """`n` small text reports (the scale runs): cheap to make, so the writer and the crawl dominate."""
    root = CACHE / f"text-{n}"
    if (root / ".complete").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    for i in range(n):
        folder = root / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        sample = sample_report(f"规模{i:06d}镇人民政府", 2019 + i % 6, seed=100_000 + i)
        layout, enc = TXT_VARIANTS[i % len(TXT_VARIANTS)]
        (folder / f"{i:06d}.txt").write_bytes(to_txt_bytes(sample, layout, enc))
    (root / ".complete").touch()
    return root


def run_ingest(root: Path, db: Path, workers: int = 1, fresh: bool = True) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) of one `ogi ingest` subprocess and its children, and of the flow
    process alone (as `ogi ingest` reports it)."""
    if fresh:
        for suffix in ("", ".wal", ".lock"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "flows.cli", "ingest", str(root), "--db", str(db), "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"ingest failed: {err[-2000:]}")
    flow = re.search(r"peak memory of the flow process: (\d+) MB", out)
    return elapsed, usage.ru_maxrss / 1024, float(flow.group(1)) if flow else float("nan")


def median_run(root: Path, db: Path, repeats: int, workers: int = 1) -> tuple[float, float, float]:
    runs = [run_ingest(root, db, workers) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def pdf_floor(pdfs: list[Path]) -> float:
    """Seconds for pdfplumber to open the PDFs and extract their words, nothing else."""
    start = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
            for page in pdf.pages:
                page.extract_words()
    return time.perf_counter() - start


def pdf_parse(pdfs: list[Path]) -> float:
    """Seconds of our per-file work on the same PDFs, in this process: read, hash, extract, transform."""
    from flows.files import FileInfo, parse_file

    start = time.perf_counter()
    for path in pdfs:
        parse_file(path.parent, FileInfo(path.name, path.stat().st_size, path.stat().st_mtime))
    return time.perf_counter() - start


def machine() -> str:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {mem / 2**20:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scale", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--scans", type=int, default=2, help="scanned reports for the OCR part")
    parser.add_argument("--only-ocr", action="store_true", help="only the OCR part (prints, keeps RESULTS.md)")
    args = parser.parse_args()

    from flows.runners import shared_api

    out: list[str] = [f"machine: {machine()}", f"date: {time.strftime('%Y-%m-%d')}", ""]

    def say(line: str) -> None:
        print(line, flush=True)
        out.append(line)

    with shared_api(), tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "w.duckdb"
        corpus = make_corpus(args.reports)
        one = tmpdir / "one"
        one.mkdir()
        shutil.copy(next((corpus / "txt").iterdir()), one)
        # Rounds of (one report, corpus) x (1 worker, 2 workers), interleaved: this machine's speed drifts
        # by ±20 % over minutes, and a slow spell then weighs on both sides of each round's ratio alike.
        rounds = []
        for _ in range(0 if args.only_ocr else args.repeats):
            start1, _, _ = run_ingest(one, db, 1)
            start2, _, _ = run_ingest(one, db, 2)
            mixed1 = run_ingest(corpus, db, 1)
            mixed2 = run_ingest(corpus, db, 2)
            rounds.append((start1, start2, mixed1, mixed2))
        if not rounds:  # a partial run: the fixed cost and one mixed run are still needed below
            rounds = [(run_ingest(one, db, 1)[0], run_ingest(one, db, 2)[0], run_ingest(corpus, db, 1), None)]
        start1 = statistics.median(r[0] for r in rounds)
        start2 = statistics.median(r[1] for r in rounds)
        say(f"fixed cost (a one-report run): {start1:.2f} s with 1 worker, {start2:.2f} s with 2 (subtracted below)")
        mixed_seconds = statistics.median(r[2][0] for r in rounds) - start1
        scans, pages = scan_corpus(args.scans)
        say(f"\n## OCR: {args.scans} scanned reports, {pages} pages at 150 dpi, one run each")
        for workers, start in ((1, start1), (2, start2)):
            seconds = run_ingest(scans, db, workers)[0] - start
            say(f"{workers} worker{'s' if workers > 1 else ' '}: {seconds / pages:.1f} s per OCR'd page")
            if workers == 1:
                total = seconds + mixed_seconds
                say(
                    f"share of the time of the {args.reports}-report mixed corpus with these scans added: "
                    f"{seconds / total:.0%} ({seconds:.0f} s of {total:.0f} s)"
                )
        if args.only_ocr:
            return

        say(f"\n## mixed corpus: {args.reports} reports ({', '.join(FORMATS)}), median of {args.repeats} rounds")
        for label, index, start in (("1 worker ", 2, start1), ("2 workers", 3, start2)):
            wall = statistics.median(r[index][0] for r in rounds)
            rss, flow = max(r[index][1] for r in rounds), max(r[index][2] for r in rounds)
            say(
                f"{label}: {wall:.1f} s wall, {args.reports / (wall - start):.1f} reports/s, "
                f"peak RSS {rss:.0f} MB (flow process {flow:.0f} MB)"
            )
        ratios = sorted((r[2][0] - r[0]) / (r[3][0] - r[1]) for r in rounds)
        say(
            f"speed-up 2 workers / 1: {statistics.median(ratios):.2f}x (median of the rounds' ratios; "
            f"rounds: {', '.join(f'{x:.2f}' for x in ratios)})"
        )

        say("\n## by format (1 worker): ms per report")
        for fmt in ("txt", "docx", "html"):
            files = sorted((corpus / fmt).iterdir())
            wall, *_ = median_run(corpus / fmt, db, args.repeats, 1)
            say(f"{fmt:5s}: {(wall - start1) / len(files) * 1000:7.1f} ms/report over {len(files)} files")
        # each round: the flow over the PDFs, the bare floor and our in-process parse, back to back
        pdfs = sorted((corpus / "pdf").glob("*.pdf"))
        pdf_rounds = [
            (run_ingest(corpus / "pdf", db)[0] - start1, pdf_floor(pdfs), pdf_parse(pdfs)) for _ in range(args.repeats)
        ]
        per_pdf = [1e3 * statistics.median(col) / len(pdfs) for col in zip(*pdf_rounds, strict=True)]
        ingest_ms, floor_ms, parse_ms = per_pdf
        say(f"pdf  : {ingest_ms:7.1f} ms/report over {len(pdfs)} files")
        say(f"\nPDF floor (pdfplumber open + extract_words): {floor_ms:.1f} ms/report")
        ratios = sorted(r[0] / r[1] for r in pdf_rounds)
        say(
            f"PDF ingest (flow, write included) / floor: {statistics.median(ratios):.2f}x "
            f"(median of the rounds' ratios; rounds: {', '.join(f'{x:.2f}' for x in ratios)})"
        )
        say(f"PDF parse in-process (read, hash, extract, transform) / floor: {parse_ms / floor_ms:.2f}x")

        say(f"\n## scale: text reports, 1 worker, median of {args.repeats} (one run at 10000)")
        largest = None
        for n in args.scale:
            root = text_corpus(n)
            runs = [run_ingest(root, db) for _ in range(1 if n >= 5000 else args.repeats)]
            wall, rss, flow = statistics.median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)
            say(
                f"{n:6d} reports: first load {wall:.1f} s ({n / (wall - start1):.0f} reports/s), "
                f"peak RSS {rss:.0f} MB with children (flow process {flow:.0f} MB)"
            )
            largest = (n, root)
        if largest:
            n, root = largest
            reruns = [run_ingest(root, db, fresh=False) for _ in range(args.repeats)]
            say(
                f"no-change rerun over {n} files: {statistics.median(r[0] for r in reruns):.2f} s wall, "
                f"peak RSS {max(r[1] for r in reruns):.0f} MB"
            )

    (HERE / "RESULTS.md").write_text("# Latest benchmark\n\n```\n" + "\n".join(out) + "\n```\n", encoding="utf-8")


if __name__ == "__main__":
    main()
