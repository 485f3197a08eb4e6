"""Regenerate the bundled samples in data/reports: `python -m tests.make_samples`.

The seed text reports and the Huai'an PDF are real; the DOCX (the official template, filled) and the
GBK web page are generated here with made-up agencies, so the main job shows every input path.
"""

from __future__ import annotations

import shutil

from tests.conftest import CORPUS, ROOT, SEEDS
from tests.docgen import to_html, to_template_docx
from tests.reportgen import SampleReport, sample_report, to_txt_bytes
from transform.vocabulary import REQUEST_COLS

DATA = ROOT / "data" / "reports"


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, DATA / seed.name)
    shutil.copy(CORPUS / "huaian-city-2024.pdf", DATA / "huaian-city-2024.pdf")
    docx_sample = sample_report("示例市示例区人民政府", 2023, seed=101)
    (DATA / "sample-district-2023.docx").write_bytes(to_template_docx(docx_sample))
    html_sample = sample_report("示例县示例镇人民政府", 2024, seed=102)
    (DATA / "sample-town-2024-gbk.html").write_bytes(to_html(html_sample, "gbk"))
    (DATA / "sample-district-2024.txt").write_bytes(to_txt_bytes(next_year(docx_sample, seed=103), "tab"))


def next_year(prev: SampleReport, seed: int) -> SampleReport:
    """The same agency's report for the next year, carrying over what `prev` carried forward (so the
    samples have a year-over-year comparison that passes X1)."""
    nxt = sample_report(prev.agency_raw, prev.year + 1, seed=seed)
    for col in REQUEST_COLS:
        delta = prev.values[("requests", "carried_forward", col)] - nxt.values[("requests", "carried_over", col)]
        nxt.values[("requests", "carried_over", col)] += delta
        nxt.values[("requests", "new_received", col)] -= delta
    return nxt


if __name__ == "__main__":
    main()
