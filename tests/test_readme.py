"""README's example questions, run on the bundled samples (data/reports) through the real flow: each
returns the rows it should, and no rate is NaN (which would sort above every number)."""

from __future__ import annotations

import shutil

import duckdb

from tests.conftest import ROOT
from tests.helpers import rows
from transform import vocabulary as v


def readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("Example questions:", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return [s.query for s in duckdb.extract_statements(block)]


def test_readme_examples_on_the_bundled_samples(run_ingest, tmp_path):
    root = tmp_path / "reports"
    shutil.copytree(ROOT / "data" / "reports", root)
    summary, db = run_ingest(root)
    assert summary.statuses["parsed"] == len(list(root.iterdir()))
    top, province, gaps, yoy, failures, unread, codes = (rows(db, sql) for sql in readme_examples())
    nan = [r for result in (top, province, gaps, yoy, failures, unread, codes) for r in result for x in r if x != x]
    assert not nan

    reported_2023 = rows(db, "SELECT count(*) FROM reports WHERE year = 2023")[0][0]
    assert len(top) == min(10, reported_2023) and [r[3] for r in top] == sorted((r[3] for r in top), reverse=True)
    # 公开率 by province: the rate of the sums, NULL (sorted last) where nothing was handled
    assert province and all(r[3] is None or 0 <= r[3] <= 1 for r in province)
    assert [r[3] is None for r in province] == sorted(r[3] is None for r in province)
    for _province, _reports, handled, rate in province:
        assert (rate is None) == (not handled)
    # agency-years with no file in the folder: every agency × loaded year without a report
    agencies, years, reports = rows(
        db, "SELECT count(DISTINCT agency), max(year) - min(year) + 1, count(*) FROM reports"
    )[0]
    assert len(gaps) == agencies * years - reports > 0
    # the generated district has 2023 and 2024
    assert {r[1] for r in yoy} >= {"new_received", "total_handled", "disclosure_rate"}
    assert all(r[0] == 2024 and r[4] == r[2] - r[3] for r in yoy if r[2] is not None and r[3] is not None)
    assert failures == [] == rows(db, "SELECT * FROM checks WHERE severity = 'error'")
    assert unread == []  # every bundled sample gives its numbers
    assert {r[0] for r in codes} == set(v.CHECK_CODES)
