"""Results kept from one `mkdocs serve` rebuild to the next, so an edit remakes only what it
changed. No MkDocs here: the adapter says what an entry depends on.

An entry is kept by path and used again only when everything it was made from is as it was:
the `settings` of the whole build (`start`), an object compared by identity (a parsed spec: the
parse cache hands out the same object while its file is unchanged) and a key compared by
equality (the page URL, the Markdown, the findings, ...).
"""

from __future__ import annotations

from typing import Generic, TypeVar

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
