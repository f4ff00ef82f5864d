"""One rule explained from its registration (`Rule.doc`): what `mkdocs-opsspec rules CODE`
prints, and the parts the rules page shows (the facts line, each example's files with a
caption). No MkDocs here."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .docs import Example
from .registry import RULES, Rule
from .table import all_rules

#: Where the rules page lies in the generated folder.
RULES_PAGE = "rules.md"
#: How an example that is part of a spec is captioned, and what that means.
PART = "part of the spec"
PART_MEANS = (
    "An example marked 'part of the spec' shows the part that matters: the rest of that spec "
    "is complete and clean."
)


def anchor(code: str) -> str:
    """The id of a rule's section on the rules page: `os109`."""
    return code.lower()


def find_rule(query: str) -> Rule | None:
    """The rule of a code (`OS109`, `os109`) or a name (`last-updated-stale`)."""
    all_rules()  # the area modules register their rules on import
    wanted = query.strip()
    rule = RULES.get(wanted.upper())
    if rule is not None:
        return rule
    return next((r for r in RULES.values() if r.name == wanted.lower()), None)


def facts(rule: Rule) -> str:
    """'Header rule; warning by default; fails the readiness check "Recently updated" (Gold).'"""
    from ..readiness import CHECKS

    parts = [f"{rule.area} rule", f"{rule.severity.value} by default"]
    check = next((c for c in CHECKS if c[1] == rule.readiness), None)
    if check is not None:
        parts.append(f'fails the readiness check "{check[2]}" ({check[0].capitalize()})')
    if rule.deprecated:
        parts.append("deprecated: it no longer fires")
    return "; ".join(parts) + "."


@dataclass(frozen=True)
class Shown:
    """One file of an example as shown: a caption, the language of its text, its text."""

    caption: str
    language: str
    text: str


def _language(path: str) -> str:
    return "yaml" if path.endswith((".yaml", ".yml")) else "markdown"


def shown_files(example: Example) -> list[Shown]:
    """The example's files in the order they are shown: the spec, the other files of docs_dir,
    the monitoring files, and mkdocs.yml when the example sets plugin options."""
    what = "an empty file" if not example.text else PART if example.part else "whole file"
    if example.encoding != "utf-8":
        what += f", saved as {example.encoding}, not UTF-8"
    out = [Shown(f"`{example.path}` ({what})", "markdown", example.text)]
    for f in example.files:
        what = PART if f.part else "whole file"
        out.append(Shown(f"`{f.path}` ({what})", "markdown", f.text))
    for f in example.monitoring:
        out.append(Shown(f"`{f.path}` (beside mkdocs.yml)", _language(f.path), f.text))
    if example.settings:
        options = textwrap.indent(example.settings, " " * 6)
        text = f"plugins:\n  - opsspec:\n{options}"
        out.append(Shown("`mkdocs.yml`", "yaml", text))
    return out


def _indented(text: str, prefix: str = "  ") -> str:
    return textwrap.indent(text, prefix).rstrip() + "\n"


def _example(title: str, example: Example) -> str:
    out = []
    for k, shown in enumerate(shown_files(example)):
        out.append(f"{title if k == 0 else 'and'} {shown.caption}:\n")
        if shown.text:
            out.append("\n" + _indented(shown.text, "    "))
        out.append("\n")
    return "".join(out)


def explain(rule: Rule) -> str:
    """A rule's documentation as plain text (its prose is Markdown, printed as written)."""
    lines = [f"{rule.code} {rule.name}\n", facts(rule) + "\n", "\n", rule.summary + "\n"]
    doc = rule.doc
    if doc is not None:
        for title, text in (
            ("What it catches", doc.catches),
            ("Why it matters", doc.why),
            ("What it accepts", doc.accepts),
        ):
            if text:
                lines += ["\n", f"{title}:\n", _indented(text)]
        lines += ["\n", _example("Fails:", doc.bad), _example("Fixed:", doc.fixed)]
        if any(e.part for e in (doc.bad, doc.fixed)):
            lines.append(PART_MEANS + "\n\n")
    lines.append(
        "Every rule: `mkdocs-opsspec rules`; with examples, on the rules page the plugin "
        f"generates (`opsspec/{RULES_PAGE}#{anchor(rule.code)}` by default).\n"
    )
    return "".join(lines).rstrip("\n") + "\n"
