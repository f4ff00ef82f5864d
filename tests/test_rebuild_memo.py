"""The keys of the serve rebuild memos: what counts as "the same input"."""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_opsspec.model import Spec
from mkdocs_opsspec.pages.markdown_escape import Md
from mkdocs_opsspec.rebuild_memo import Exact, RebuildMemo


@dataclass
class Row:
    name: str
    notes: list[str] = field(default_factory=list, compare=False)


def test_exact_keys_compare_values_and_types_all_the_way_down() -> None:
    context = {"name": "a*b", "rows": [{"n": 1, "cells": ("x", Md("**y**"))}], "ok": True}
    same = {"name": "a*b", "rows": [{"n": 1, "cells": ("x", Md("**y**"))}], "ok": True}
    assert Exact(context) == Exact(same)
    # Markdown (shown as is) and text (escaped when shown) that spell the same
    assert Exact({"name": Md("a*b")}) != Exact({"name": "a*b"})
    assert Exact([("x", Md("**y**"))]) != Exact([("x", "**y**")])
    # a template iterating a dict sees its order
    assert Exact({"a": 1, "b": 2}) != Exact({"b": 2, "a": 1})
    assert Exact([1, 2]) != Exact((1, 2))
    assert Exact([1, 2]) != Exact([1, 2, 3])
    assert Exact({"n": 1}) != Exact({"n": True})  # 1 == True, but not as text
    assert Exact({"n": 1.0}) != Exact({"n": 1})
    assert Exact({"n": float("nan")}) != Exact({"n": float("nan")})  # never stale, at worst
    assert Exact("x") != "x"


def test_memo_gives_a_value_back_only_for_the_same_object_key_and_settings() -> None:
    memo: RebuildMemo[str] = RebuildMemo()
    template, other = object(), object()
    memo.start("settings")
    memo.put("page.md", Exact({"a": 1}), "made", same=template)
    assert memo.get("page.md", Exact({"a": 1}), same=template) == "made"
    assert memo.get("page.md", Exact({"a": 2}), same=template) is None
    assert memo.get("page.md", Exact({"a": 1}), same=other) is None
    assert memo.get("other.md", Exact({"a": 1}), same=template) is None
    memo.start("settings")
    assert memo.get("page.md", Exact({"a": 1}), same=template) == "made"
    memo.start("changed settings")
    assert memo.get("page.md", Exact({"a": 1}), same=template) is None


def test_exact_walks_dataclasses_field_by_field_and_compares_some_types_by_identity() -> None:
    # a field the dataclass's own == leaves out still counts (a template may show it)
    assert Row("a", ["x"]) == Row("a", ["y"])
    assert Exact({"row": Row("a", ["x"])}) != Exact({"row": Row("a", ["y"])})
    assert Exact({"row": Row("a", ["x"])}) == Exact({"row": Row("a", ["x"])})
    assert Exact(Row("a")) != Exact(Row(Md("a")))
    # two equal specs that are not the same object (a file parsed again) differ by identity
    one, other = (
        Spec(path="operations/x.md", type="operations", role="feature", detected_by="path"),
        Spec(path="operations/x.md", type="operations", role="feature", detected_by="path"),
    )
    assert one == other
    assert Exact({"spec": one}, by_identity=(Spec,)) != Exact({"spec": other}, by_identity=(Spec,))
    assert Exact({"spec": one}, by_identity=(Spec,)) == Exact({"spec": one}, by_identity=(Spec,))
    assert Exact([one], by_identity=(Spec,)) != Exact([one])  # other settings, other key


def test_keep_only_forgets_pages_that_are_gone() -> None:
    memo: RebuildMemo[str] = RebuildMemo()
    memo.put("a.md", 1, "A")
    memo.put("b.md", 1, "B")
    memo.keep_only(["a.md"])
    assert memo.get("a.md", 1) == "A"
    assert memo.get("b.md", 1) is None
