"""The documentation a rule carries: what it catches, why it matters, the forms it accepts, an
example that breaks it and the same example fixed.

Each rule's `RuleDoc` is written beside its registration (`register(..., doc=...)`), the one
source of the rules page (`generated_pages/rules_page.py`), of `mkdocs-opsspec rules CODE`
(`rules/explain.py`) and of the test that checks every example the way `check` does.

Prose is Markdown (ours: rendered as Markdown on the rules page, printed as it is by the CLI).
Examples are file contents, only ever shown as code.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

#: Where an example's spec lies unless it says otherwise.
OPERATIONS_PATH = "operations/ybs-spec_0123456789ab.md"


def _prose(text: str) -> str:
    return textwrap.dedent(text).strip()


def _content(text: str) -> str:
    """A file's text as written in an indented triple-quoted string: dedented, without the first
    line break, with one at the end (an empty text stays empty)."""
    body = textwrap.dedent(text).lstrip("\n").rstrip()
    return body + "\n" if body else ""


@dataclass(frozen=True)
class ExampleFile:
    """Another file an example needs: a second spec (docs path) or a monitoring file of
    `slo_sources` (path relative to the folder of mkdocs.yml). `part` as in `Example`."""

    path: str
    text: str
    part: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _content(self.text))


@dataclass(frozen=True)
class Example:
    """A spec that breaks a rule, or the same spec fixed: the file at `path` (a docs path).

    With `part` (the default) `text` is the part of an operations spec that matters, and the
    rest of the spec is complete and clean: a header in `text` (title and fields) stands for the
    spec's header, each section for the section of the same heading, a section the spec lacks
    is added at its end, and front matter goes on top. Without `part`, `text` is the whole file.
    `encoding`: how the file is saved. `files`: other files of docs_dir it needs; `monitoring`
    and `settings` (the plugin's options as written in mkdocs.yml): the monitoring files of
    `slo_sources`, beside mkdocs.yml."""

    text: str
    path: str = OPERATIONS_PATH
    part: bool = True
    encoding: str = "utf-8"
    files: tuple[ExampleFile, ...] = ()
    monitoring: tuple[ExampleFile, ...] = ()
    settings: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _content(self.text))
        object.__setattr__(self, "settings", _content(self.settings))


@dataclass(frozen=True)
class RuleDoc:
    """What a rule catches and why it matters (Markdown), the forms it accepts where that helps,
    and an example that breaks it with the same example fixed."""

    catches: str
    why: str
    bad: Example
    fixed: Example
    accepts: str = ""

    def __post_init__(self) -> None:
        for name in ("catches", "why", "accepts"):
            object.__setattr__(self, name, _prose(getattr(self, name)))


def header(
    name: str = "Checkout",
    *,
    guid: str | None = "0123456789ab",
    version: str | None = "1.4.0",
    status: str | None = "Approved",
    updated: str | None = "2026-10-02",
    spec_type: str = "Operations",
) -> str:
    """The header of an example spec (a field given None is left out)."""
    fields = (("GUID", guid), ("Version", version), ("Status", status), ("Last Updated", updated))
    lines = [f"# {spec_type} Specification: {name}", ""]
    lines += [f"**{title}**: {value}" for title, value in fields if value is not None]
    return "\n".join(lines) + "\n"


def rollback(heading: str = "### Rollback Procedure", rto: str = "15 minutes") -> str:
    """The Rollback Procedure section of an example spec."""
    return (
        f"{heading}\n\n"
        "1. `kubectl rollout undo deployment/checkout`\n"
        "2. Watch the error rate on the Checkout dashboard for 10 minutes.\n\n"
        f"**RTO**: {rto}\n"
        "**RPO**: 0 (a rollback writes no data)\n"
    )
