"""The parser's output must equal the hand-written expectations in tests/golden/.

Each case folder holds input files laid out as in docs_dir; `<case>.expected.json` was written by
hand from the spec text and the contract (never generated from the parser's output).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.report import spec_entry

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem.removesuffix(".expected") for p in GOLDEN.glob("*.expected.json"))


def _project(actual: Any, expected: Any) -> Any:
    """The part of `actual` that `expected` speaks about (dict keys it lists, recursively)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: _project(actual.get(k, "<missing>"), v) for k, v in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [_project(a, e) for a, e in zip(actual, expected, strict=True)]
    return actual


def parsed(case: str, rel: str) -> dict[str, Any] | None:
    data = (GOLDEN / case / rel).read_bytes()
    spec, loose = parse_file(rel, data)
    if spec is None:
        return None
    entry = spec_entry(spec, rel)
    entry["sections"] = [[s.level, s.title, s.line] for s in spec.sections]
    entry["findings"] = [[f.line, f.rule] for f in spec.findings + loose]
    return entry


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    expected = json.loads((GOLDEN / f"{case}.expected.json").read_text("utf-8"))["files"]
    assert expected, f"{case} lists no files"
    for rel, want in expected.items():
        got = parsed(case, rel)
        if want is None:  # this file must not be detected as a spec
            assert got is None, rel
            continue
        assert got is not None, f"{rel} was not detected as a spec"
        assert _project(got, want) == want, rel


def test_crlf_bom_matches_lf() -> None:
    """The CRLF+BOM case parses to the same model as the same text with LF and no BOM."""
    case = GOLDEN / "crlf_bom"
    for path in case.rglob("*.md"):
        rel = path.relative_to(case).as_posix()
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
        lf = raw[3:].replace(b"\r\n", b"\n")
        a, _ = parse_file(rel, raw)
        b, _ = parse_file(rel, lf)
        assert a is not None and b is not None
        assert spec_entry(a, rel) == spec_entry(b, rel)
