"""Results kept from one `mkdocs serve` rebuild to the next, so an edit remakes only what it
changed. No MkDocs here: the adapter says what an entry depends on.

An entry is kept by path and used again only when everything it was made from is as it was:
the `settings` of the whole build (`start`), an object compared by identity (a parsed spec: the
parse cache hands out the same object while its file is unchanged) and a key compared by
equality (the page URL, the Markdown, the findings, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class RebuildMemo(Generic[V]):
    def __init__(self) -> None:
        self._settings: object = None
        self._entries: dict[str, tuple[object, object, V]] = {}

    def start(self, settings: object) -> None:
        """Begin a build: forget everything if `settings` differ from the last build's."""
        if settings != self._settings:
            self._settings = settings
            self._entries = {}

    def get(self, path: str, key: object, same: object = None) -> V | None:
        hit = self._entries.get(path)
        if hit is not None and hit[0] is same and hit[1] == key:
            return hit[2]
        return None

    def put(self, path: str, key: object, value: V, same: object = None) -> None:
        self._entries[path] = (same, key, value)

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget the entries of other paths (pages that are gone)."""
        keep = set(paths)
        self._entries = {p: e for p, e in self._entries.items() if p in keep}


class Exact:
    """A key equal to another only if its value is, with the same types all the way down
    through dicts (in the same order), lists, tuples and dataclass instances (field by field):
    `Md("a*b")` (Markdown, shown as is) equals `"a*b"` (text, escaped when shown) as a string,
    but not as a template's input. Instances of `by_identity` types are equal only if they are
    the same object."""

    __slots__ = ("by_identity", "value")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: object, by_identity: tuple[type, ...] = ()) -> None:
        self.value = value
        self.by_identity = by_identity

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Exact)
            and self.by_identity == other.by_identity
            and _same(self.value, other.value, self.by_identity)
        )


def _same(a: Any, b: Any, by_identity: tuple[type, ...]) -> bool:
    if a is b:
        return True
    if type(a) is not type(b) or isinstance(a, by_identity):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(v, b[k], by_identity) for k, v in a.items())
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y, by_identity) for x, y in zip(a, b, strict=True))
    if is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name), by_identity) for f in fields(a))
    return bool(a == b)
