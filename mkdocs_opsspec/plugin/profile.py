"""The plugin's own time per hook and its share of the whole build (as sphinx-needs'
needs_debug_measurement). Turned on by the `profile` option or `OPSSPEC_PROFILE=1`."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from ..words import counted


class Profile:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.hooks: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    @contextmanager
    def hook(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.hooks[name] += time.perf_counter() - t
            self.calls[name] += 1

    def lines(self) -> list[str]:
        build = time.perf_counter() - self.start
        own = sum(self.hooks.values())
        share = 100 * own / build if build else 0.0
        out = [f"profile: plugin {own:.3f}s of a {build:.3f}s build ({share:.1f}%)"]
        for name in sorted(self.hooks, key=lambda n: -self.hooks[n]):
            out.append(
                f"profile:   {name}: {self.hooks[name]:.3f}s over "
                f"{counted(self.calls[name], 'call')}"
            )
        return out
