"""Codes as data: every check code the parser or a cross-report check emits is in the registry
(transform/vocabulary.py CHECK_CODES) with the severity it is emitted with, every code has an origin and a
Chinese label (so is every document status), and README's Checks table lists exactly the registry's codes
with the same severities and origins."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT
from transform import vocabulary as v

EMITTERS = {"Check", "check", "_check", "_fail"}  # calls whose first argument is a check code


def emitted_codes() -> dict[str, set[str | None]]:
    """Check codes spelled in the source, with the severities they are emitted with (None: not literal)."""
    found: dict[str, set[str | None]] = {}
    for path in sorted((ROOT / "transform").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            code = node.args[0]
            if name in EMITTERS and isinstance(code, ast.Constant) and isinstance(code.value, str):
                second = node.args[1] if len(node.args) > 1 else None
                literal = isinstance(second, ast.Constant) and second.value in ("error", "warning")
                severity = second.value if literal else "error" if name == "_fail" else None
                found.setdefault(code.value, set()).add(severity)
    for path in sorted((ROOT / "sql" / "checks").glob("*.sql")):
        for code in re.findall(r"check_code = '(\w+)'", path.read_text(encoding="utf-8")):
            found.setdefault(code, set()).add(v.CHECK_CODES[code].severity.value if code in v.CHECK_CODES else None)
    return found


def readme_checks() -> dict[str, tuple[str, str]]:
    """README's Checks table: code → (severity, origin)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = text.split("### Checks", 1)[1].split("\n\n")
    table = next(b for b in blocks if b.startswith("| check"))
    assert [c.strip() for c in table.splitlines()[0].strip("|").split("|")][:3] == ["check", "severity", "origin"]
    out = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        for code in re.findall(r"`([^`]+)`", cells[0]):
            out[code] = (cells[1], cells[2])
    return out


def test_every_emitted_code_is_registered_with_its_severity():
    found = emitted_codes()
    assert {"O1", "S1", "S2", "S4", "S5", "X1", "X5", "missing_table", "blank_cells", "unit_converted"} <= found.keys()
    assert found.keys() <= v.CHECK_CODES.keys(), found.keys() - v.CHECK_CODES.keys()
    for code, severities in found.items():
        assert severities - {None} <= {v.CHECK_CODES[code].severity.value}, code


def test_readme_lists_exactly_the_registered_codes():
    documented = readme_checks()
    assert documented == {code: (spec.severity.value, spec.origin.value) for code, spec in v.CHECK_CODES.items()}


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_code_has_an_origin_and_a_chinese_label():
    """Issue 27: the reports' own imbalances and ogi's reading failures are told apart everywhere."""
    assert {spec.origin for spec in v.CHECK_CODES.values()} == set(v.Origin)
    for code, spec in v.CHECK_CODES.items():
        assert isinstance(spec.origin, v.Origin), code
        assert CJK.search(spec.label) and not re.search(r"[A-Za-z]{3}", spec.label), (code, spec.label)
    # what the agency printed is `report`; what ogi failed to read or place is `reading`
    report = {code for code, spec in v.CHECK_CODES.items() if spec.origin is v.Origin.REPORT}
    assert {"O1", "S1", "S2", "S4", "S5", "X1", "X5"} <= report
    assert not {"missing_table", "missing_row", "unaligned_row", "column_mismatch", "ambiguous_digits"} & report
    assert len({spec.label for spec in v.CHECK_CODES.values()}) == len(v.CHECK_CODES)  # no two read alike
    for status, spec in v.DOC_STATUSES.items():
        assert CJK.search(spec.label) and not re.search(r"[A-Za-z]{3}", spec.label), (status, spec.label)
    assert set(v.ORIGIN_LABELS) == set(v.Origin) and v.ORIGIN_LABELS[v.Origin.REPORT] == "报告自身不平衡"
