"""The plugin's own time per hook and per generated page, and its share of the whole build (as
sphinx-needs' needs_debug_measurement). Turned on by the `profile` option or `OPSSPEC_PROFILE=1`."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class Profile:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.hooks: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.pages: dict[str, float] = defaultdict(float)
        self.background = 0.0  # work done in a forked process beside the build (`background`)

    @contextmanager
    def hook(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.hooks[name] += time.perf_counter() - t
            self.calls[name] += 1

    def page(self, name: str, seconds: float) -> None:
        self.pages[name] += seconds

    def lines(self) -> list[str]:
        build = time.perf_counter() - self.start
        own = sum(self.hooks.values()) + self.background  # the background work counts too
        share = 100 * own / build if build else 0.0
        out = [
            f"profile: plugin {own:.3f}s of a {build:.3f}s build ({share:.1f}%)",
        ]
        if self.background:
            out.append(
                f"profile:   background process (on another core, beside the build): "
                f"{self.background:.3f}s"
            )
        for name in sorted(self.hooks, key=lambda n: -self.hooks[n]):
            out.append(
                f"profile:   {name}: {self.hooks[name]:.3f}s over {self.calls[name]} call(s)"
            )
        for name in sorted(self.pages, key=lambda n: -self.pages[n])[:10]:
            out.append(f"profile:   generated page {name}: {self.pages[name] * 1000:.1f}ms")
        return out
