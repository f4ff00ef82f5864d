"""The serve rebuild memo: what counts as "the same input"."""

from __future__ import annotations

from mkdocs_opsspec.rebuild_memo import RebuildMemo


def test_memo_gives_a_value_back_only_for_the_same_object_key_and_settings() -> None:
    memo: RebuildMemo[str] = RebuildMemo()
    spec, other = object(), object()
    memo.start("settings")
    memo.put("page.md", ("url/", 1), "made", same=spec)
    assert memo.get("page.md", ("url/", 1), same=spec) == "made"
    assert memo.get("page.md", ("url/", 2), same=spec) is None
    assert memo.get("page.md", ("url/", 1), same=other) is None
    assert memo.get("other.md", ("url/", 1), same=spec) is None
    memo.start("settings")
    assert memo.get("page.md", ("url/", 1), same=spec) == "made"
    memo.start("changed settings")
    assert memo.get("page.md", ("url/", 1), same=spec) is None
