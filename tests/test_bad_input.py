"""Bad input gives a model plus findings, never a traceback, and leaves other specs alone."""

from __future__ import annotations

from pathlib import Path

from mkdocs_opsspec.analysis import analyse
from mkdocs_opsspec.parser import parse_file

from helpers.sites import build_site

TEMPLATE = (Path(__file__).parent / "golden" / "template").rglob("*.md")
TEMPLATE_TEXT = next(iter(TEMPLATE)).read_text("utf-8")
OPS = "operations/ybs-spec_0123456789ab.md"

SLO_TABLE = (
    "## SLOs\n\n| Metric | Target | Measurement Window |\n|---|---|---|\n"
    "| Availability | 99.95% | 30 days |\n"
)


def rules(findings) -> list[tuple[int | None, str]]:
    return [(f.line, f.rule) for f in findings]


def test_empty_file() -> None:
    spec, loose = parse_file(OPS, b"")
    assert loose == []
    assert spec is not None
    assert spec.type == "operations" and spec.guid == "0123456789ab"
    assert spec.title is None and spec.sections == []
    assert spec.operations is not None and spec.operations.slos == []
    assert rules(spec.findings) == [(None, "OS007")]


def test_non_utf8_bytes_are_reported_with_their_line() -> None:
    data = b"# Operations Specification: Caf\xe9\n\n" + SLO_TABLE.encode()
    spec, _ = parse_file(OPS, data)
    assert spec is not None
    assert rules(spec.findings) == [(1, "OS003")]
    assert spec.name == "Caf\ufffd"
    assert [s.target_raw for s in spec.operations.slos] == ["99.95%"]


def test_tabs_and_unicode() -> None:
    text = (
        "# Operations Specification: Zahlungsdienst \u00e9\u00e8 \U0001f680\n\n"
        "**Status**:\tApproved\n\n"
        "## SLOs\n\n| Metric\t| Target | Measurement Window |\n|---|---|---|\n"
        "| Verf\u00fcgbarkeit (availability) | 99.9\u00a0% | 30 days |\n"
    )
    spec, _ = parse_file(OPS, text.encode())
    assert spec is not None
    assert spec.status == "Approved"
    assert spec.name == "Zahlungsdienst \u00e9\u00e8 \U0001f680"
    (slo,) = spec.operations.slos
    assert slo.kind == "availability" and slo.line == 9


def test_short_rows_and_half_the_sections_missing() -> None:
    text = (
        "# Operations Specification: Half\n\n**GUID**: 0123456789ab\n\n"
        "## SLOs\n\n| Metric | Target | Measurement Window |\n|---|---|---|\n"
        "| Availability | 99.9% |\n| Error rate |\n"
    )
    spec, _ = parse_file(OPS, text.encode())
    assert spec is not None
    a, e = spec.operations.slos
    assert (a.target_raw, a.window_raw, a.window, a.line) == ("99.9%", "", None, 9)
    assert a.window_error is not None
    assert (e.target_raw, e.target, e.line) == ("", None, 10)
    assert spec.operations.rollback is None and spec.operations.disaster_recovery is None
    assert spec.operations.alerts == [] and spec.operations.health is None


def test_five_megabyte_file_parses() -> None:
    huge_cell = "x" * 200_000
    body = TEMPLATE_TEXT + "\n## Notes\n\n| a | b |\n|---|---|\n" + f"| {huge_cell} | y |\n" * 26
    assert len(body.encode()) > 5_000_000
    spec, _ = parse_file(OPS, body.encode())
    assert spec is not None
    assert [s.metric for s in spec.operations.slos] == ["Availability", "Error rate", "Latency p99"]
    notes = [t for t in spec.tables if t.header == ("a", "b")]
    assert len(notes) == 1 and len(notes[0].rows) == 26


def test_many_repeated_sections_stay_linear() -> None:
    """The template 300 times over (10,000+ headings): parses, every SLO row kept."""
    body = "\n".join([TEMPLATE_TEXT] * 300)
    spec, _ = parse_file(OPS, body.encode())
    assert spec is not None
    assert len(spec.operations.slos) == 900
    assert len(spec.operations.alerts) == 600


def test_invalid_front_matter_is_a_finding() -> None:
    text = "---\nguid: [unclosed\n---\n# Operations Specification: X\n"
    spec, _ = parse_file(OPS, text.encode())
    assert spec is not None
    assert [r for _, r in rules(spec.findings)] == ["OS005"]
    assert spec.name == "X"


def test_near_miss_file_names() -> None:
    result = analyse(
        [
            ("operations/ybs_spec_0123456789ab.md", b"# Notes\n"),
            ("operations/ybs-spec_0123456789AB.md", b"# Notes\n"),
            ("operations/ybs-spec_0123456789a.md", b"# Notes\n"),
            ("notes/ybs-spec_0123456789ab.md", b"# Notes\n"),
            ("operations/notes.md", b"# Notes\n"),
        ]
    )
    assert result.specs == []
    assert [(f.path, f.rule) for f in result.findings] == [
        ("notes/ybs-spec_0123456789ab.md", "OS002"),
        ("operations/ybs-spec_0123456789AB.md", "OS001"),
        ("operations/ybs-spec_0123456789a.md", "OS001"),
        ("operations/ybs_spec_0123456789ab.md", "OS001"),
    ]
    messages = {f.path: f.message for f in result.findings}
    assert "ybs-spec_0123456789ab.md" in messages["operations/ybs-spec_0123456789AB.md"]


def test_snippets_and_macros_are_not_validated() -> None:
    text = (
        '# Operations Specification: X\n\n## SLOs\n\n--8<-- "slos.md"\n\n'
        "Target: {{ slo.availability }}\n\n```\n{{ not_a_macro_in_code }}\n```\n"
    )
    spec, _ = parse_file(OPS, text.encode())
    assert spec is not None
    assert rules(spec.findings) == [(5, "OS004"), (7, "OS004")]


def test_bad_file_does_not_affect_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "operations" / "ybs-spec_00000000000a.md").write_bytes(b"\xff\xfe\x00garbage\r\n")
    good = "# Operations Specification: Good\n\n**GUID**: 00000000000b\n\n" + SLO_TABLE
    (docs / "operations" / "ybs-spec_00000000000b.md").write_text(good, "utf-8")
    (docs / "index.md").write_text("# Home\n", "utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: t\nplugins:\n  - opsspec\n", "utf-8")
    built = build_site(yml, tmp_path / "site")
    report = built.report()
    by_path = {s["path"]: s for s in report["specs"]}
    assert by_path["operations/ybs-spec_00000000000b.md"]["slos"][0]["target"] == 99.95
    # parse-level findings (OS0xx): only the undecodable file has one
    assert [(f["path"], f["rule"]) for f in report["findings"] if f["rule"] < "OS1"] == [
        ("operations/ybs-spec_00000000000a.md", "OS003")
    ]
    assert (tmp_path / "site" / "operations" / "ybs-spec_00000000000b" / "index.html").is_file()


def test_paths_that_leave_docs_dir_are_findings() -> None:
    text = (
        "# Operations Specification: X\n\n**GUID**: 0123456789ab\n\n"
        "See $ref:../../../etc/passwd#root for defaults.\n\n"
        "## Related Specifications\n\n"
        "- **Business**: `../../etc/passwd`\n"
        "- **Technical**: `/etc/passwd`\n"
        "- **Testing**: [tests](file:///etc/passwd)\n"
    )
    result = analyse([(OPS, text.encode())])
    outside = sorted(f.line for f in result.findings if f.rule == "OS702")
    assert outside == [5, 9, 10, 11]
    assert all(
        "passwd" not in f.message or "outside" in f.message or "leaves" in f.message
        for f in result.findings
        if f.rule == "OS702"
    )
