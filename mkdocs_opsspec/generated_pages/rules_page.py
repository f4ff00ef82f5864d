"""The rules page: one section per rule of the registry, grouped by area, each anchored by its
code (`#os109`) so that a finding anywhere can link to it. Everything on it is ours (the rules'
documentation, `rules.docs`); the examples are shown as code (`markup.code_block`), so no
Markdown or HTML in them is acted on."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import jinja2

from ..markup import Markup, code_block, link, tag
from ..rules.docs import Example
from ..rules.explain import PART_MEANS, anchor, facts, shown_files
from ..rules.registry import AREAS, Rule
from ..rules.table import all_rules
from .common import PageOptions
from .markdown_escape import Md, md
from .templates import environment, render, render_page

TEMPLATE = "rules.md.j2"
RULE_TEMPLATE = "rule.md.j2"
TITLE = "Spec check rules"


def _heading(rule: Rule) -> Md:
    """The rule's heading as HTML, so that its id is the code whatever the site's slugs."""
    code = anchor(rule.code)
    permalink = link(f"#{code}", {"class": "headerlink", "title": f"Link to {rule.code}"}, "¶")
    return Md(
        tag(
            "h3",
            {"id": code, "class": "opsspec-rule-heading"},
            tag("code", None, rule.code),
            " ",
            rule.name,
            Markup(" "),
            permalink,
        )
    )


def _files(example: Example) -> list[dict[str, Md]]:
    return [
        {
            # our paths in code spans
            "caption": Md(shown.caption + (":" if shown.text else ".")),
            "block": Md(code_block(shown.text, "opsspec-rule-example", shown.language))
            if shown.text
            else Md(""),
        }
        for shown in shown_files(example)
    ]


def rule_view(rule: Rule) -> dict[str, Any]:
    """What the templates show of one rule (the prose is our Markdown, the rest escaped)."""
    doc = rule.doc
    return {
        "code": rule.code,
        "heading": _heading(rule),
        "facts": md(facts(rule)),
        "summary": md(rule.summary),
        "catches": Md(doc.catches) if doc else None,
        "why": Md(doc.why) if doc else None,
        "accepts": Md(doc.accepts) if doc and doc.accepts else None,
        "examples": [(Md("**Fails:**"), _files(doc.bad)), (Md("**Fixed:**"), _files(doc.fixed))]
        if doc
        else [],
    }


def rule_section(rule: Rule, env: jinja2.Environment | None = None) -> str:
    """One rule's section of the rules page, as Markdown."""
    return render(env or environment(), RULE_TEMPLATE, {"rule": rule_view(rule)})


def rules_context() -> dict[str, Any]:
    areas: dict[str, list[Rule]] = {}
    for rule in all_rules():
        areas.setdefault(rule.code[:3], []).append(rule)
    return {
        "rule_count": sum(len(rules) for rules in areas.values()),
        "part_means": PART_MEANS,
        "areas": [
            {
                "title": AREAS[prefix],
                "codes": Md(" · ".join(f"[`{r.code}`](#{anchor(r.code)})" for r in rules)),
                "rules": [rule_view(r) for r in rules],
            }
            for prefix, rules in areas.items()
        ],
    }


def rules_page(options: PageOptions | None = None, env: jinja2.Environment | None = None) -> str:
    """The page keeps the theme's sidebars: it has no wide table, and its table of contents is
    the way through 60-odd rules."""
    options = replace(options or PageOptions(), hide_sidebars=False)
    return render_page(TITLE, TEMPLATE, rules_context(), options, env)
