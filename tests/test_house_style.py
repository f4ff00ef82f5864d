"""The house-style corpus (tests/house_style/): documents written the way teams really write them,
checked against expectations written by hand (tests/house_style/expected.yaml, see its README).

One test per document and aspect (detection, fields, sections, slos, recovery, backups, findings,
portfolio), so a failure names both. What today's code gets wrong is listed in `NOT_YET`: each
entry is a strict xfail, so it fails the suite as soon as the code is right; then delete the entry.
Expected values come from the YAML only; nothing here derives them from the code under test.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_opsspec.analysis import Analysis, Options, analyse
from mkdocs_opsspec.catalog import build_catalog
from mkdocs_opsspec.generated_pages.portfolio import portfolio_json
from mkdocs_opsspec.model import Finding, Section, Severity, Spec

HERE = Path(__file__).parent / "house_style"
DOCS = HERE / "docs"
EXPECTED: dict[str, Any] = yaml.safe_load((HERE / "expected.yaml").read_text("utf-8"))
DOCUMENTS: dict[str, dict[str, Any]] = EXPECTED["documents"]
REFERENCE = dt.date.fromisoformat(EXPECTED["reference_date"])

ASPECTS = (
    "detection",
    "fields",
    "sections",
    "slos",
    "recovery",
    "backups",
    "findings",
    "portfolio",
)
REQUIRED = ("rollback_procedure", "health_checks", "alerts", "slos", "disaster_recovery")
#: Keys a lookalike heading must not satisfy: the required sections and the backup sections.
NOT_FOR_LOOKALIKES = frozenset(REQUIRED) | {"backup_recovery", "backup_strategy"}
NOT_A_SPEC = "<not detected as a spec>"

_PAY = "operations/ybs-spec_4e1a9c02b7d3.md"
_CHECKOUT = "operations/ybs-spec_b05d2e8f6a11.md"
_LEDGER = "platform/ledger/ops.md"
_SEARCH = "platform/search/operations.md"
_FANOUT = "operations/ybs-spec_0a9e3d5c7b14.md"
_EXPORT = "operations/ybs-spec_5b8e1f3a0c62.md"
_SYNC = "notes/2026-10-27 ops sync.md"
_HANDOVER = "notes/oncall-handover.md"

#: What today's code gets wrong, (document, aspect) -> why. Each is a strict xfail: when the code
#: is fixed the test passes, the xfail fails the suite, and the entry has to go.
NOT_YET: dict[tuple[str, str], str] = {}


# --- running the core once over the corpus ------------------------------------------------------


@cache
def _analysis() -> Analysis:
    sources = [(p.relative_to(DOCS).as_posix(), p.read_bytes()) for p in sorted(DOCS.rglob("*.md"))]
    return analyse(sources, Options(reference_date=REFERENCE))


def _spec(doc: str) -> Spec | None:
    return next((s for s in _analysis().specs if s.path == doc), None)


def _findings(doc: str) -> list[Finding]:
    return [f for f in _analysis().findings if f.path == doc]


@cache
def _portfolio_rows() -> tuple[str, ...]:
    result = _analysis()
    catalog = build_catalog(result.specs, result.findings)
    return tuple(row["path"] for row in portfolio_json(catalog, {})["rows"])


# --- what the model says, in the shape of the expectations ----------------------------------------


def _num(value: Any) -> float | None:
    return None if value is None else round(float(value), 6)


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.replace("**", "").replace("`", "").split())


def _keys(section: Section) -> set[str]:
    """The sections a heading satisfies: `key`, plus `keys` if the model gains several."""
    keys = {section.key, *(getattr(section, "keys", None) or ())}
    keys.discard(None)
    return keys  # type: ignore[return-value]


def got_detection(doc: str, want: dict[str, Any]) -> Any:
    spec = _spec(doc)
    if spec is None:
        return {"spec": False}
    return {
        "spec": True,
        "type": spec.type,
        "role": spec.role,
        "detected_by": spec.detected_by,
        "guid": spec.guid,
    }


def got_fields(doc: str, want: dict[str, Any]) -> Any:
    spec = _spec(doc)
    if spec is None:
        return NOT_A_SPEC
    out = {}
    for name in want:
        f = spec.fields.get(name)
        out[name] = None if f is None else [_text(f.value), f.line]
    return out


def got_sections(doc: str, want: dict[str, Any]) -> Any:
    spec = _spec(doc)
    if spec is None:
        return NOT_A_SPEC
    satisfied = {
        key: sorted(s.line for s in spec.sections if key in _keys(s)) for key in want["satisfied"]
    }
    by_line = {s.line: s for s in spec.sections}
    lookalikes = []
    for line in want["lookalikes"]:
        s = by_line.get(line)
        if s is None:
            lookalikes.append(f"<no heading on line {line}>")
        elif _keys(s) & NOT_FOR_LOOKALIKES:
            lookalikes.append(f"{s.title!r} (line {line}) satisfies {sorted(_keys(s))}")
        else:
            lookalikes.append(line)
    return {"satisfied": satisfied, "lookalikes": lookalikes}


def _target(target: Any) -> float | None:
    """A percentage's value, or the seconds of a latency or duration."""
    for attr in ("value", "seconds"):
        value = getattr(target, attr, None)
        if value is not None:
            return _num(value)
    return None


def got_slos(doc: str, want: list[dict[str, Any]]) -> Any:
    spec = _spec(doc)
    if spec is None or spec.operations is None:
        return NOT_A_SPEC
    out = []
    for slo in spec.operations.slos:
        view = {
            "metric": _text(slo.metric),
            "kind": slo.kind,
            "target": _target(slo.target),
            "target_raw": _text(slo.target_raw),
            "window_seconds": slo.window.seconds if slo.window else None,
            "line": slo.line,
        }
        out.append(view)
    if len(out) == len(want):  # compare the keys each expected SLO names
        return [{k: v[k] for k in w} for v, w in zip(out, want, strict=True)]
    return out


def _objective(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"seconds": _num(obj.seconds), "line": obj.line}


def _entries(recovery: Any, attr: str) -> Any:
    """Per-component objectives (proposed `Recovery.rto_entries` / `rpo_entries`: objectives
    with a `name`, in document order)."""
    entries = getattr(recovery, attr, None) if recovery is not None else None
    if entries is None:
        return f"<no Recovery.{attr}>"
    return [
        {"name": _text(getattr(e, "name", None)), "seconds": _num(e.seconds), "line": e.line}
        for e in entries
    ]


def got_recovery(doc: str, want: dict[str, Any]) -> Any:
    spec = _spec(doc)
    if spec is None or spec.operations is None:
        return NOT_A_SPEC
    ops = spec.operations
    dr, rb = ops.disaster_recovery, ops.rollback
    out: dict[str, Any] = {
        "rto": _objective(dr.rto if dr else None),
        "rpo": _objective(dr.rpo if dr else None),
        "rollback_rto": _objective(rb.rto if rb else None),
        "rollback_rpo": _objective(rb.rpo if rb else None),
    }
    for attr in ("rto_entries", "rpo_entries"):
        if attr in want:
            out[attr] = _entries(dr, attr)
    return out


def _normalise_expected_recovery(want: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in want.items():
        if isinstance(value, dict):
            out[key] = {"seconds": _num(value["seconds"]), "line": value["line"]}
        elif isinstance(value, list):
            out[key] = [
                {"name": e["name"], "seconds": _num(e["seconds"]), "line": e["line"]} for e in value
            ]
        else:
            out[key] = value
    return out


def got_backups(doc: str, want: list[dict[str, Any]]) -> Any:
    spec = _spec(doc)
    if spec is None or spec.operations is None:
        return NOT_A_SPEC
    out = []
    for k, b in enumerate(spec.operations.backups):
        interval = b.interval.seconds if b.interval is not None else None
        retention = _text(b.retention.value) if b.retention is not None else None
        expected_retention = want[k]["retention"] if k < len(want) else None
        if retention and expected_retention and expected_retention in retention.casefold():
            retention = expected_retention  # "kept 14 days" states "14 days"
        out.append(
            {
                "interval_seconds": _num(interval),
                "retention": retention,
                "line": b.frequency.line if b.frequency is not None else b.line,
            }
        )
    return out


def got_findings(doc: str, want: dict[str, Any]) -> Any:
    found = _findings(doc)
    if want.get("optional_info"):
        infos = [
            f
            for f in found
            if f.severity is Severity.INFO and f.rule.startswith("OS0") and "opsspec" in f.message
        ]
        if len(infos) == 1:  # at most one info, saying how to opt in
            found = [f for f in found if f is not infos[0]]
    out = []
    for f in sorted(found, key=lambda f: (f.line or 0, f.rule)):
        item: dict[str, Any] = {"rule": f.rule, "line": f.line}
        expected = next(
            (e for e in want["findings"] if e["rule"] == f.rule and e["line"] == f.line), None
        )
        if expected is not None:
            missing = [
                w for w in expected.get("words", []) if w.casefold() not in f.message.casefold()
            ]
            if missing:
                item["message lacks"] = missing
                item["message"] = f.message
        out.append(item)
    return out


# --- the tests ----------------------------------------------------------------------------


def _cases() -> list[Any]:
    cases = []
    for doc, want in DOCUMENTS.items():
        for aspect in ASPECTS:
            if aspect not in want:
                continue
            reason = NOT_YET.get((doc, aspect))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(doc, aspect, marks=marks, id=f"{doc}:{aspect}"))
    return cases


@pytest.mark.parametrize(("doc", "aspect"), _cases())
def test_house_style(doc: str, aspect: str) -> None:
    want_doc = DOCUMENTS[doc]
    want = want_doc[aspect]
    if aspect == "detection":
        assert got_detection(doc, want) == want
    elif aspect == "fields":
        expected = {k: None if v is None else [str(v[0]), v[1]] for k, v in want.items()}
        assert got_fields(doc, want) == expected
    elif aspect == "sections":
        expected = {"satisfied": want["satisfied"], "lookalikes": list(want["lookalikes"])}
        assert got_sections(doc, want) == expected
    elif aspect == "slos":
        expected = [{k: _num(v) if k == "target" else v for k, v in w.items()} for w in want]
        assert got_slos(doc, want) == expected
    elif aspect == "recovery":
        assert got_recovery(doc, want) == _normalise_expected_recovery(want)
    elif aspect == "backups":
        expected = [{**w, "interval_seconds": _num(w["interval_seconds"])} for w in want]
        assert got_backups(doc, want) == expected
    elif aspect == "findings":
        expected = [
            {"rule": e["rule"], "line": e["line"]}
            for e in sorted(want, key=lambda e: (e["line"] or 0, e["rule"]))
        ]
        findings_want = {"findings": want, "optional_info": want_doc.get("optional_info", False)}
        assert got_findings(doc, findings_want) == expected
    elif aspect == "portfolio":
        assert _portfolio_rows().count(doc) == want
    else:  # pragma: no cover - a typo in ASPECTS
        raise AssertionError(f"unknown aspect {aspect}")


# --- the corpus itself ------------------------------------------------------------------------


def test_every_document_has_expectations() -> None:
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert on_disk == set(DOCUMENTS)
    assert len(on_disk) >= 12


def test_not_yet_names_real_cases() -> None:
    """A stale entry (a renamed document, an aspect it has no expectation for) is an error."""
    for doc, aspect in NOT_YET:
        assert doc in DOCUMENTS and aspect in DOCUMENTS[doc], (doc, aspect)


def test_issue_snippets_are_in_the_corpus() -> None:
    for snippet, docs in EXPECTED["snippets"].items():
        for doc in docs:
            assert snippet in (DOCS / doc).read_text("utf-8"), (snippet, doc)


def test_corpus_covers_what_the_issue_asks() -> None:
    lookalikes = sum(
        len(w["sections"]["lookalikes"]) for w in DOCUMENTS.values() if "sections" in w
    )
    secrets = sum(
        1
        for w in DOCUMENTS.values()
        for f in w.get("findings", [])
        if f["rule"] in ("OS801", "OS802")
    )
    not_specs = [d for d, w in DOCUMENTS.items() if not w["detection"]["spec"]]
    assert lookalikes >= 10
    assert secrets >= 10
    assert len(not_specs) >= 5


def test_the_report_of_the_corpus_validates_and_lists_each_objective() -> None:
    """The JSON report of the corpus (with readiness) follows report.schema.json, and a
    per-component list is reported entry by entry."""
    import jsonschema

    from mkdocs_opsspec.overview import overview
    from mkdocs_opsspec.report import build_report, load_schema

    result = _analysis()
    ready = overview(result, Options(reference_date=REFERENCE), []).readiness
    report = build_report(result.specs, result.findings, "", REFERENCE.isoformat(), ready)
    jsonschema.validate(report, load_schema())
    checkout = next(s for s in report["specs"] if s["path"] == _CHECKOUT)
    want = DOCUMENTS[_CHECKOUT]["recovery"]["rto_entries"]
    assert [(e["name"], e["seconds"], e["line"]) for e in checkout["rto_entries"]] == [
        (w["name"], w["seconds"], w["line"]) for w in want
    ]
    assert checkout["readiness"]["level"] in ("none", "bronze", "silver", "gold")
