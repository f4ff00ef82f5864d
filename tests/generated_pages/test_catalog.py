"""The catalog: features by GUID, names, classes, dependencies, backlinks, unknown GUIDs and
cycles."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from mkdocs_opsspec.catalog import MISSING, NOT_REQUIRED, PRESENT, find_cycles
from mkdocs_opsspec.generated_pages.feature import feature_page

from helpers.pages import build, operations_spec, simple_spec, technical_spec

A, B, C, D = "aaaaaaaaaaa1", "bbbbbbbbbbb2", "ccccccccccc3", "ddddddddddd4"
UNKNOWN = "eeeeeeeeeee5"


def tech(guid: str, **kw: object) -> tuple[str, str]:
    return f"technical/ybs-spec_{guid}.md", technical_spec(guid, f"Tech {guid}", **kw)  # type: ignore[arg-type]


def test_features_joined_by_guid_and_named_from_operations() -> None:
    built = build(
        {
            f"operations/ybs-spec_{A}.md": operations_spec(A, "Order Intake"),
            f"technical/ybs-spec_{A}.md": technical_spec(A, "Order Intake (tech name)"),
            f"testing/ybs-spec_{A}.md": simple_spec("testing", A, "Another Name"),
            f"business/ybs-spec_{B}.md": simple_spec("business", B, "Billing"),
            "operations/_BASE.md": "# Operations BASE Specification\n\n**Version**: 1.0.0\n",
        }
    )
    cat = built.catalog
    assert list(cat.features) == [B, A]  # by name: Billing, Order Intake
    feat = cat.features[A]
    assert feat.name == "Order Intake"
    assert list(feat.specs) == ["technical", "testing", "operations"]  # SPEC_TYPES order
    assert cat.features[B].name == "Billing"
    assert [s.path for s in cat.bases["operations"]] == ["operations/_BASE.md"]
    assert cat.finding_counts(f"operations/ybs-spec_{A}.md").errors == 0


def test_required_cycle_listed_once_in_order() -> None:
    files = dict(
        [
            tech(A, required=(B,)),
            tech(B, required=(C,)),
            tech(C, required=(A,), optional=(D,)),
            tech(D, required=(D,)),  # a feature requiring itself
        ]
    )
    cat = build(files).catalog
    assert cat.cycles == [[A, B, C], [D]]
    assert cat.in_cycle(A, B) and cat.in_cycle(C, A)
    assert not cat.in_cycle(B, A)
    assert cat.cycles_of(B) == [[A, B, C]]
    assert cat.cycles_of(D) == [[D]]


def test_optional_edges_make_no_cycle() -> None:
    cat = build(dict([tech(A, required=(B,)), tech(B, optional=(A,))])).catalog
    assert cat.cycles == []


def test_find_cycles_enumerates_every_elementary_cycle() -> None:
    graph = {"a": ["b", "c"], "b": ["a", "c"], "c": ["a"]}
    assert find_cycles(graph) == [["a", "b"], ["a", "b", "c"], ["a", "c"]]
    assert find_cycles({"a": ["b"], "b": []}) == []
    assert len(find_cycles({str(i): [str(j) for j in range(6)] for i in range(6)}, limit=5)) == 5


def test_backlinks_and_unknown_guids() -> None:
    files = dict(
        [
            tech(A, required=(B, UNKNOWN), optional=(C,)),
            tech(C, dependents=(B,)),
            (
                f"operations/ybs-spec_{B}.md",
                operations_spec(
                    B,
                    "Bravo",
                    upstream=f"- **Alpha** (`ybs-spec_{A}`): down\n- **orders-db**: down",
                    downstream=f"- **Gone** (`ybs-spec_{UNKNOWN}`): late",
                ),
            ),
        ]
    )
    cat = build(files).catalog
    b = cat.features[B]
    assert [(e.source, e.kind) for e in b.backlinks] == [(A, "required"), (C, "dependents")]
    a = cat.features[A]
    assert [(e.source, e.kind) for e in a.backlinks] == [(B, "upstream")]
    assert [(e.target, e.kind) for e in a.dependencies] == [
        (B, "required"),
        (UNKNOWN, "required"),
        (C, "optional"),
    ]
    assert list(cat.unknown_guids) == [UNKNOWN]
    # by declaring spec path: operations/... before technical/...
    assert [(e.source, e.kind) for e in cat.unknown_guids[UNKNOWN]] == [
        (B, "downstream"),
        (A, "required"),
    ]
    assert [(x.kind, x.name) for x in b.external] == [("upstream", "orders-db")]


def test_missing_and_not_required_types_by_class() -> None:
    files = {
        f"technical/ybs-spec_{A}.md": technical_spec(A, "Backend Job", feature_class="B"),
        f"operations/ybs-spec_{A}.md": operations_spec(A, "Backend Job"),
    }
    feat = build(files).catalog.features[A]
    assert feat.feature_class == "B"
    assert feat.type_state("technical") == PRESENT
    assert feat.type_state("testing") == MISSING  # class B requires technical and testing
    assert feat.type_state("business") == NOT_REQUIRED
    assert feat.type_state("security") == NOT_REQUIRED


def test_no_class_means_every_absent_type_is_missing() -> None:
    feat = build(dict([tech(A)])).catalog.features[A]
    assert feat.feature_class is None
    assert feat.type_state("business") == MISSING


def test_default_class_applies_when_specs_state_none() -> None:
    feat = build(dict([tech(A)]), default_class="C").catalog.features[A]
    assert (feat.feature_class, feat.class_source) == ("C", "default")
    assert feat.type_state("testing") == NOT_REQUIRED


def test_filename_guid_is_used_when_the_header_has_none() -> None:
    text = "# Testing Specification: Nameless\n\n**Version**: 1.0.0\n\n## Overview\n\nText.\n"
    cat = build({f"testing/ybs-spec_{A}.md": text}).catalog
    assert list(cat.features) == [A]


def test_duplicate_type_kept_aside() -> None:
    files = {
        f"operations/ybs-spec_{A}.md": operations_spec(A, "Alpha"),
        f"ops/other/ybs-spec_{A}.md": operations_spec(A, "Alpha copy"),
    }
    cat = build(files).catalog
    feat = cat.features[A]
    assert feat.specs["operations"].path == f"operations/ybs-spec_{A}.md"
    assert [s.path for s in feat.duplicates] == [f"ops/other/ybs-spec_{A}.md"]
    assert [s.path for _, s in cat.operations_specs()] == [
        f"operations/ybs-spec_{A}.md",
        f"ops/other/ybs-spec_{A}.md",
    ]


def brute_force_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    nodes = sorted(set(graph) | {t for ts in graph.values() for t in ts})
    out = []
    for size in range(1, len(nodes) + 1):
        for perm in itertools.permutations(nodes, size):
            if perm[0] != min(perm):
                continue
            pairs = zip(perm, perm[1:] + perm[:1], strict=True)
            if all(b in graph.get(a, []) for a, b in pairs):
                out.append(list(perm))
    return sorted(out)


@given(
    st.dictionaries(
        st.sampled_from("abcde"),
        st.lists(st.sampled_from("abcde"), unique=True, max_size=4),
        max_size=5,
    )
)
def test_find_cycles_matches_brute_force(graph: dict[str, list[str]]) -> None:
    graph = {k: sorted(v) for k, v in graph.items()}
    assert find_cycles(graph) == brute_force_cycles(graph)


def test_long_cycle_is_shortened_on_feature_pages() -> None:
    guids = [f"{i:012x}" for i in range(1, 13)]
    files = dict(tech(g, required=(guids[(i + 1) % len(guids)],)) for i, g in enumerate(guids))
    built = build(files)
    assert built.catalog.cycles == [guids]
    text = feature_page(
        built.catalog.features[guids[3]], built.catalog, built.readiness, built.options
    )
    line = next(x for x in text.splitlines() if x.startswith("- ") and "more" in x)
    assert line.count("](") == 9  # 8 features shown, then back to the start
    assert "… 4 more … →" in line
    assert line.startswith(f"- [Tech {guids[3]}]")
