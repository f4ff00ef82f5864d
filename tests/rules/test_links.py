"""Links and families (OS701-OS709): fixtures with hand-counted lines, and near misses.

Each fixture is a small docs_dir: spec texts by path plus other files. Expected findings are
(path, code, line, severity) sorted by path, then line (no line first), then code.
"""

from __future__ import annotations

import builtins
import datetime as dt
import io
import os
import pathlib
import textwrap
from pathlib import Path

import pytest

from mkdocs_opsspec.model import Dependency, Severity, Spec
from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.rules import RuleContext, links

from helpers.rules import assert_registered

E, W = Severity.ERROR, Severity.WARNING
REFERENCE_DATE = dt.date(2026, 11, 26)
EXAMPLE_DOCS = Path(__file__).resolve().parents[2] / "example-site" / "docs"


def text(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def parse(path: str, source: str) -> Spec:
    spec, loose = parse_file(path, text(source).encode())
    assert spec is not None, path
    assert loose == []
    return spec


def ctx(paths: set[str], default_class: str | None = None) -> RuleContext:
    return RuleContext(
        reference_date=REFERENCE_DATE, doc_paths=frozenset(paths), default_class=default_class
    )


def check(
    sources: dict[str, str], other_files: tuple[str, ...] = (), default_class: str | None = None
) -> list[tuple[str, str, int | None, Severity]]:
    specs = [parse(path, src) for path, src in sources.items()]
    found = links.check_site(specs, ctx(set(sources) | set(other_files), default_class))
    ordered = sorted(found, key=lambda f: (f.path, f.line or 0, f.rule))
    return [(f.path, f.rule, f.line, f.severity) for f in ordered]


def line_of(source: str, line: int) -> str:
    return text(source).split("\n")[line - 1]


def feature(kind: str, guid: str, cls: str | None = None) -> str:
    """A minimal feature spec; the class (if any) is on line 5."""
    class_line = f"**Class**: {cls}\n" if cls is not None else ""
    return (
        f"# {kind.title()} Specification: Feature {guid}\n"
        "\n"
        "**Version**: 1.0.0\n"
        "**Status**: Approved\n"
        f"{class_line}"
        "\n"
        "## Overview\n"
        "\n"
        "Text.\n"
    )


def technical(guid: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> str:
    """A technical spec whose Required entries start on line 9, one a line."""
    out = [
        f"# Technical Specification: Feature {guid}",  # 1
        "",  # 2
        "**Version**: 1.0.0",  # 3
        "**Status**: Approved",  # 4
        "",  # 5
        "## Dependencies",  # 6
        "",  # 7
        "### Required (Must implement first)",  # 8
    ]
    out += [f"- `ybs-spec_{g}`  # Feature {g}" for g in required]  # 9, 10, ...
    out += ["", "### Optional (Nice-to-have)"]
    out += [f"- `ybs-spec_{g}`  # Feature {g}" for g in optional]
    return "\n".join(out) + "\n"


# --- registry -----------------------------------------------------------------------------------


def test_codes_are_registered():
    assert_registered(
        "Links and families",
        {
            "OS701": ("related-spec-not-found", "warning"),
            "OS702": ("link-outside-docs-dir", "error"),
            "OS703": ("ref-target-not-found", "error"),
            "OS704": ("ref-anchor-not-found", "warning"),
            "OS705": ("unknown-dependency-guid", "warning"),
            "OS706": ("invalid-dependency-guid", "warning"),
            "OS707": ("feature-missing-spec-type", "warning"),
            "OS708": ("invalid-feature-class", "warning"),
            "OS709": ("required-dependency-cycle", "error"),
        },
    )


# --- Related Specifications and $ref ------------------------------------------------------------

BASE = """
    # Operations BASE Specification

    **System**: Shop

    ## Monitoring

    ### Health Checks

    Every service exposes /health.

    ## Alerting

    Page on-call.
    """

CHECKOUT = """
    # Operations Specification: Checkout

    **Version**: 1.0.0
    **Status**: Approved

    ## Monitoring

    **Extends**: $ref:operations/_BASE.md#monitoring
    **Extends**: $ref:operations/_BASE.md#health-check
    **Extends**: $ref:operations/_BASSE.md#alerting
    See `$ref:operations/_BASE.md#anchor` for the syntax.
    **Extends**: $ref:shared/runbook-style.md#any-anchor

    ## Related Specifications

    - **Business**: `business/ybs-spec_aaaaaaaaaaa1.md`
    - **Technical**: [technical](../technical/ybs-spec_aaaaaaaaaaa1.md#api)
    - **Testing**: `testing/ybs-spec_aaaaaaaaaaa1.md`
    - **Security**: `security/ybs-spec_[guid].md`
    - **Upstream**: [vendor](https://example.com/spec.md)
    """
CHECKOUT_PATH = "operations/ybs-spec_aaaaaaaaaaa1.md"
CHECKOUT_FILES = (
    "business/ybs-spec_aaaaaaaaaaa1.md",
    "technical/ybs-spec_aaaaaaaaaaa1.md",
    "shared/runbook-style.md",
)


def test_related_and_ref_fixture():
    assert "#health-check" in line_of(CHECKOUT, 9)
    assert "_BASSE.md" in line_of(CHECKOUT, 10)
    assert "testing/" in line_of(CHECKOUT, 18)
    found = check({"operations/_BASE.md": BASE, CHECKOUT_PATH: CHECKOUT}, CHECKOUT_FILES)
    assert found == [
        (CHECKOUT_PATH, "OS704", 9, W),
        (CHECKOUT_PATH, "OS703", 10, E),
        (CHECKOUT_PATH, "OS701", 18, W),
    ]


def test_messages_name_the_value_and_the_fix():
    specs = [parse("operations/_BASE.md", BASE), parse(CHECKOUT_PATH, CHECKOUT)]
    paths = {s.path for s in specs} | set(CHECKOUT_FILES)
    by_rule = {f.rule: f.message for f in links.check_site(specs, ctx(paths))}
    assert "'health-check'" in by_rule["OS704"] and "use '#health-checks'" in by_rule["OS704"]
    assert "$ref:operations/_BASSE.md#alerting" in by_rule["OS703"]
    assert "testing/ybs-spec_aaaaaaaaaaa1.md" in by_rule["OS701"]
    assert "fix the path" in by_rule["OS701"]
    assert all("\n" not in m for m in by_rule.values())


def test_related_and_ref_near_misses():
    """Existing targets written relative to the spec tree, the spec's folder or docs_dir, an
    existing `$ref` heading, and the three spec trees of a docs_dir are all fine."""
    nested = """
        # Operations Specification: Nested

        **Status**: Approved

        ## Monitoring

        **Extends**: $ref:operations/_BASE.md#health-checks
        **Extends**: $ref:../operations/_BASE.md#alerting

        ## Related Specifications

        - **Business**: `business/ybs-spec_aaaaaaaaaaa1.md`
        - **Technical**: [t](../technical/ybs-spec_aaaaaaaaaaa1.md)
        - **Testing**: `specs/testing/ybs-spec_aaaaaaaaaaa1.md`
        - **Overview**: [home](../../index.md#top)
        - **Site index**: [index](../)
        - **Same page**: [top](#monitoring)
        """
    found = check(
        {
            "specs/operations/_BASE.md": BASE,
            "specs/operations/ybs-spec_aaaaaaaaaaa1.md": nested,
        },
        (
            "specs/business/ybs-spec_aaaaaaaaaaa1.md",
            "specs/technical/ybs-spec_aaaaaaaaaaa1.md",
            "specs/testing/ybs-spec_aaaaaaaaaaa1.md",
            "specs/index.md",
            "index.md",
        ),
    )
    assert found == []


def test_ref_to_base_heading_is_not_flagged():
    ok = CHECKOUT.replace("#health-check\n", "#health-checks\n").replace("_BASSE", "_BASE")
    ok = ok.replace("testing/ybs-spec", "technical/ybs-spec")
    assert check({"operations/_BASE.md": BASE, CHECKOUT_PATH: ok}, CHECKOUT_FILES) == []


def test_ref_in_inline_code_is_an_example_not_a_reference():
    only_example = """
        # Operations Specification: Doc

        **Status**: Approved

        ## Overview

        Write `$ref:operations/_BASE.md#anchor` to extend a BASE section.
        """
    path = "operations/ybs-spec_aaaaaaaaaaa1.md"
    assert check({"operations/_BASE.md": BASE, path: only_example}) == []
    bare = only_example.replace("`$ref:operations/_BASE.md#anchor`", "$ref:operations/_BASE.md#x")
    assert check({"operations/_BASE.md": BASE, path: bare}) == [(path, "OS704", 7, W)]


def test_no_file_list_means_no_missing_file_findings():
    spec = parse(CHECKOUT_PATH, CHECKOUT)
    found = list(links.check_site([spec], ctx(set())))
    assert [f.rule for f in found] == []


# --- outside docs_dir ---------------------------------------------------------------------------

HOSTILE = """
    # Operations Specification: Hostile

    **Status**: Draft

    ## Overview

    **Extends**: $ref:../../etc/passwd#root
    **Extends**: $ref:/etc/shadow#x

    ## Related Specifications

    - **Passwd**: [passwd](../../etc/passwd)
    - **Absolute**: [abs](/etc/passwd)
    - **File URL**: [f](file:///etc/passwd)
    - **Windows**: [win](C:\\Windows\\win.ini)
    - **Encoded**: [e](%2e%2e/%2e%2e/etc/passwd)
    - **Sibling**: [ok](../business/ybs-spec_ddddddddddd4.md)
    """
HOSTILE_PATH = "operations/ybs-spec_ddddddddddd4.md"


def test_outside_docs_dir_fixture():
    assert "../../etc/passwd" in line_of(HOSTILE, 7)
    assert "C:\\Windows" in line_of(HOSTILE, 15)
    found = check({HOSTILE_PATH: HOSTILE}, ("business/ybs-spec_ddddddddddd4.md",))
    assert found == [(HOSTILE_PATH, "OS702", line, E) for line in (7, 8, 12, 13, 14, 15, 16)]


def test_outside_message():
    spec = parse(HOSTILE_PATH, HOSTILE)
    found = [f for f in links.check_site([spec], ctx({HOSTILE_PATH})) if f.line == 12]
    assert len(found) == 1
    assert "'../../etc/passwd' points outside docs_dir; never read" in found[0].message


def test_climbing_that_stays_inside_docs_dir_is_resolved_not_outside():
    """From specs/operations/, ../../etc/passwd is docs_dir/etc/passwd: a missing file."""
    path = "specs/operations/ybs-spec_ddddddddddd4.md"
    found = check({path: HOSTILE})
    assert (path, "OS701", 12, W) in found
    assert (path, "OS703", 7, E) in found
    found = check({path: HOSTILE}, ("etc/passwd", "specs/business/ybs-spec_ddddddddddd4.md"))
    assert (path, "OS701", 12, W) not in found and (path, "OS703", 7, E) not in found


def test_rules_never_touch_the_filesystem(monkeypatch: pytest.MonkeyPatch):
    specs = [
        parse("operations/_BASE.md", BASE),
        parse(CHECKOUT_PATH, CHECKOUT),
        parse(HOSTILE_PATH, HOSTILE),
        parse("technical/ybs-spec_aaaaaaaaaaa1.md", technical("aaaaaaaaaaa1", ("aaaaaaaaaaa1",))),
    ]
    context = ctx({s.path for s in specs} | set(CHECKOUT_FILES), default_class="A")

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"filesystem access: {args!r}")

    for owner, name in [
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (os, "stat"),
        (os, "lstat"),
        (os, "listdir"),
        (os, "scandir"),
        (os.path, "exists"),
        (os.path, "isfile"),
        (os.path, "isdir"),
        (os.path, "realpath"),
        (pathlib.Path, "exists"),
        (pathlib.Path, "is_file"),
        (pathlib.Path, "stat"),
        (pathlib.Path, "open"),
        (pathlib.Path, "read_text"),
        (pathlib.Path, "resolve"),
    ]:
        monkeypatch.setattr(owner, name, forbidden)
    found = list(links.check_site(specs, context))
    monkeypatch.undo()
    rules = {f.rule for f in found}
    assert {"OS701", "OS702", "OS703", "OS704", "OS707", "OS709"} <= rules


# --- dependency GUIDs ---------------------------------------------------------------------------

DEPENDENCIES = """
    # Technical Specification: Checkout

    **Version**: 1.0.0
    **Status**: Approved

    ## Dependencies

    ### Required (Must implement first)
    - `ybs-spec_bbbbbbbbbbb2`  # Payments
    - `ybs-spec_0123456789ab`  # Ghost feature
    - `ybs-spec_XYZ`  # Typo

    ### Optional (Nice-to-have)
    - `ybs-spec_xxxxxxxxxxxx`  # [Feature Name] - template leftover
    - `ybs-spec_[guid]`  # placeholder
    - `ybs-spec_ABCDEF012345`  # Uppercase

    ### Dependents (What depends on this)
    - `ybs-spec_ccccccccccc3`  # Known by its file name only
    """
UPSTREAM = """
    # Operations Specification: Checkout

    **Status**: Approved

    ## Dependencies

    ### Upstream Dependencies

    - **Payments** (`ybs-spec_bbbbbbbbbbb2`): card payments
    - **Ledger** (`ybs-spec_fedcba987654`): bookings
    - **PostgreSQL**: orders database
    """
RENAMED = """
    # Business Specification: Renamed

    **GUID**: ddddddddddd4
    **Status**: Approved

    ## Overview

    Text.
    """


def test_dependency_guid_fixture():
    assert "0123456789ab" in line_of(DEPENDENCIES, 10)
    assert "ABCDEF012345" in line_of(DEPENDENCIES, 16)
    assert "fedcba987654" in line_of(UPSTREAM, 10)
    found = check(
        {
            "technical/ybs-spec_aaaaaaaaaaa1.md": DEPENDENCIES,
            "operations/ybs-spec_aaaaaaaaaaa1.md": UPSTREAM,
            "technical/ybs-spec_bbbbbbbbbbb2.md": feature("technical", "bbbbbbbbbbb2"),
            "business/ybs-spec_ccccccccccc3.md": RENAMED,
        }
    )
    assert found == [
        ("operations/ybs-spec_aaaaaaaaaaa1.md", "OS705", 10, W),
        ("technical/ybs-spec_aaaaaaaaaaa1.md", "OS705", 10, W),
        ("technical/ybs-spec_aaaaaaaaaaa1.md", "OS706", 11, W),
        ("technical/ybs-spec_aaaaaaaaaaa1.md", "OS706", 14, W),
        ("technical/ybs-spec_aaaaaaaaaaa1.md", "OS706", 16, W),
    ]


def test_dependency_guid_messages():
    specs = [parse("technical/ybs-spec_aaaaaaaaaaa1.md", DEPENDENCIES)]
    messages = {f.line: f.message for f in links.check_site(specs, ctx({specs[0].path}))}
    assert "'ybs-spec_0123456789ab' (Ghost feature) names a GUID no spec has" in messages[10]
    assert "'ybs-spec_XYZ'" in messages[11] and "not a valid GUID" in messages[11]
    assert "'ybs-spec_abcdef012345'" in messages[16]


def test_dependency_guid_near_misses():
    """GUIDs of existing specs (by header GUID or by file name) and template placeholders."""
    ok = """
        # Technical Specification: Checkout

        **Status**: Approved

        ## Dependencies

        ### Required (Must implement first)
        - `ybs-spec_bbbbbbbbbbb2`  # Payments
        - `ybs-spec_ccccccccccc3`  # By file name
        - `ybs-spec_ddddddddddd4`  # By header GUID
        - `ybs-spec_[guid]`  # [Feature Name]
        - `ybs-spec_<guid>`  # [Feature Name]
        - Plain text without a GUID
        """
    found = check(
        {
            "technical/ybs-spec_aaaaaaaaaaa1.md": ok,
            "technical/ybs-spec_bbbbbbbbbbb2.md": feature("technical", "bbbbbbbbbbb2"),
            "business/ybs-spec_ccccccccccc3.md": RENAMED,
        }
    )
    assert found == []


# --- feature classes ----------------------------------------------------------------------------

FRONT_MATTER_CLASS = """
    ---
    title: Feature bbbbbbbbbbb2
    class: A
    ---
    # Business Specification: Feature bbbbbbbbbbb2

    **Status**: Approved

    ## Overview

    Text.
    """


def test_missing_spec_type_fixture():
    assert line_of(FRONT_MATTER_CLASS, 3) == "class: A"
    assert feature("operations", "x", "B").split("\n")[4] == "**Class**: B"
    found = check(
        {
            # class B in the operations spec's header: testing is missing
            "operations/ybs-spec_aaaaaaaaaaa1.md": feature("operations", "aaaaaaaaaaa1", "B"),
            "technical/ybs-spec_aaaaaaaaaaa1.md": feature("technical", "aaaaaaaaaaa1"),
            # class A in front matter, no operations spec: reported on the first spec by path
            "business/ybs-spec_bbbbbbbbbbb2.md": FRONT_MATTER_CLASS,
            "technical/ybs-spec_bbbbbbbbbbb2.md": feature("technical", "bbbbbbbbbbb2"),
            # class C stated in the testing spec, reported on the operations spec: no line
            "operations/ybs-spec_ccccccccccc3.md": feature("operations", "ccccccccccc3"),
            "testing/ybs-spec_ccccccccccc3.md": feature("testing", "ccccccccccc3", "Class C"),
        }
    )
    assert found == [
        ("business/ybs-spec_bbbbbbbbbbb2.md", "OS707", 3, W),  # functional
        ("business/ybs-spec_bbbbbbbbbbb2.md", "OS707", 3, W),  # testing
        ("operations/ybs-spec_aaaaaaaaaaa1.md", "OS707", 5, W),  # testing
        ("operations/ybs-spec_ccccccccccc3.md", "OS707", None, W),  # technical
    ]


def test_missing_spec_type_messages():
    specs = [
        parse("operations/ybs-spec_aaaaaaaaaaa1.md", feature("operations", "aaaaaaaaaaa1", "b")),
        parse("technical/ybs-spec_aaaaaaaaaaa1.md", feature("technical", "aaaaaaaaaaa1")),
    ]
    (finding,) = links.check_site(specs, ctx({s.path for s in specs}))
    assert finding.message == (
        "feature aaaaaaaaaaa1 is class B (from operations/ybs-spec_aaaaaaaaaaa1.md) but has no "
        "testing spec: add 'testing/ybs-spec_aaaaaaaaaaa1.md' or change its class"
    )


def test_default_class_applies_when_no_spec_states_one():
    sources = {"operations/ybs-spec_aaaaaaaaaaa1.md": feature("operations", "aaaaaaaaaaa1")}
    assert check(sources) == []
    assert check(sources, default_class="C") == [
        ("operations/ybs-spec_aaaaaaaaaaa1.md", "OS707", None, W)
    ]
    assert check(sources, default_class="D") == []


def test_class_near_misses():
    """Class B with technical and testing; class D with nothing; A with all four; and no class
    at all (default off) are all fine."""
    found = check(
        {
            "operations/ybs-spec_aaaaaaaaaaa1.md": feature("operations", "aaaaaaaaaaa1", "B"),
            "technical/ybs-spec_aaaaaaaaaaa1.md": feature("technical", "aaaaaaaaaaa1"),
            "testing/ybs-spec_aaaaaaaaaaa1.md": feature("testing", "aaaaaaaaaaa1", "Class B"),
            "operations/ybs-spec_bbbbbbbbbbb2.md": feature("operations", "bbbbbbbbbbb2", "D"),
            **{
                f"{kind}/ybs-spec_ccccccccccc3.md": feature(kind, "ccccccccccc3", "Class A")
                for kind in ("business", "functional", "technical", "testing")
            },
            "operations/ybs-spec_ddddddddddd4.md": feature("operations", "ddddddddddd4"),
        }
    )
    assert found == []


def test_invalid_and_disagreeing_class_fixture():
    found = check(
        {
            "operations/ybs-spec_aaaaaaaaaaa1.md": feature("operations", "aaaaaaaaaaa1", "Class E"),
            # B here, A in the technical spec: the B spec is flagged; the stricter A applies
            "operations/ybs-spec_bbbbbbbbbbb2.md": feature("operations", "bbbbbbbbbbb2", "B"),
            "technical/ybs-spec_bbbbbbbbbbb2.md": feature("technical", "bbbbbbbbbbb2", "A"),
            "testing/ybs-spec_bbbbbbbbbbb2.md": feature("testing", "bbbbbbbbbbb2"),
        }
    )
    assert found == [
        ("operations/ybs-spec_aaaaaaaaaaa1.md", "OS708", 5, W),
        ("operations/ybs-spec_bbbbbbbbbbb2.md", "OS707", None, W),  # business
        ("operations/ybs-spec_bbbbbbbbbbb2.md", "OS707", None, W),  # functional
        ("operations/ybs-spec_bbbbbbbbbbb2.md", "OS708", 5, W),
    ]


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("A", "A"),
        ("a", "A"),
        ("Class A", "A"),
        ("class-b", "B"),
        ("Class C: Infrastructure", "C"),
        ("`D`", "D"),
        ("Backend", "B"),
        ("E", None),
        ("Class AB", None),
        ("", None),
        ("Approved", None),
    ],
)
def test_parse_class(value: str, letter: str | None):
    assert links.parse_class(value) == letter


# --- Required dependency cycles -----------------------------------------------------------------


def test_cycle_fixture():
    a, b, c, d, e, f = (ch * 11 + str(i) for i, ch in enumerate("abcdef", 1))
    found = check(
        {
            f"technical/ybs-spec_{a}.md": technical(a, required=(b,)),
            f"technical/ybs-spec_{b}.md": technical(b, required=(c,)),
            f"technical/ybs-spec_{c}.md": technical(c, required=(a,), optional=(b,)),
            f"technical/ybs-spec_{d}.md": technical(d, required=(d,)),
            f"technical/ybs-spec_{e}.md": technical(e, required=(f,)),
            f"technical/ybs-spec_{f}.md": technical(f, required=(a, e)),
        }
    )
    assert found == [
        (f"technical/ybs-spec_{c}.md", "OS709", 9, E),  # a -> b -> c -> a
        (f"technical/ybs-spec_{d}.md", "OS709", 9, E),  # d -> d
        (f"technical/ybs-spec_{f}.md", "OS709", 10, E),  # e -> f -> e
    ]


def test_cycle_message_lists_the_cycle():
    a, b = "aaaaaaaaaaa1", "bbbbbbbbbbb2"
    specs = [
        parse(f"technical/ybs-spec_{a}.md", technical(a, required=(b,))),
        parse(f"technical/ybs-spec_{b}.md", technical(b, required=(a,))),
    ]
    (finding,) = links.check_site(specs, ctx({s.path for s in specs}))
    assert finding.path == f"technical/ybs-spec_{b}.md"
    assert f"{a} -> {b} -> {a}" in finding.message


def test_cycle_near_misses():
    """Optional edges and other spec types do not make cycles; a diamond is not a cycle."""
    a, b, c, d = "aaaaaaaaaaa1", "bbbbbbbbbbb2", "ccccccccccc3", "ddddddddddd4"
    found = check(
        {
            f"technical/ybs-spec_{a}.md": technical(a, required=(b, c)),
            f"technical/ybs-spec_{b}.md": technical(b, required=(d,), optional=(a,)),
            f"technical/ybs-spec_{c}.md": technical(c, required=(d,)),
            f"technical/ybs-spec_{d}.md": technical(d, optional=(a, b, c)),
            f"operations/ybs-spec_{d}.md": UPSTREAM.replace("bbbbbbbbbbb2", a).replace(
                "fedcba987654", d
            ),
        }
    )
    assert found == []


def test_long_dependency_chain_does_not_recurse():
    n = 5000
    guids = [f"{i:012x}" for i in range(n)]
    specs = [
        Spec(
            path=f"technical/ybs-spec_{g}.md",
            type="technical",
            role="feature",
            detected_by="path",
            guid=g,
            filename_guid=g,
            dependencies=[Dependency("required", "", 9, guids[(i + 1) % n])],
        )
        for i, g in enumerate(guids)
    ]
    found = list(links.check_site(specs, ctx({s.path for s in specs})))
    assert [(f.rule, f.path) for f in found] == [("OS709", f"technical/ybs-spec_{guids[-1]}.md")]
    cycle = f"{guids[0]} -> {guids[1]} -> {guids[2]} -> {guids[3]} -> ... (4993 more) -> "
    assert cycle in found[0].message
    assert found[0].message.count(" -> ") == 8 and len(found[0].message) < 300


# --- the example site ---------------------------------------------------------------------------


def example_site() -> tuple[list[Spec], frozenset[str]]:
    paths = frozenset(
        p.relative_to(EXAMPLE_DOCS).as_posix() for p in EXAMPLE_DOCS.rglob("*") if p.is_file()
    )
    specs = []
    for rel in sorted(paths):
        if rel.endswith(".md"):
            spec, _ = parse_file(rel, (EXAMPLE_DOCS / rel).read_bytes())
            if spec is not None:
                specs.append(spec)
    return specs, paths


def test_example_site_approved_and_implemented_specs_have_no_link_findings():
    specs, paths = example_site()
    assert len(specs) > 20
    context = RuleContext(reference_date=REFERENCE_DATE, doc_paths=paths)
    settled = {s.path for s in specs if s.status in ("Approved", "Implemented")}
    found = [f for f in links.check_site(specs, context) if f.path in settled]
    assert found == []
