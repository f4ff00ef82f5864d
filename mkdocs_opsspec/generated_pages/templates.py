"""The Jinja environment of the generated pages.

Templates are `mkdocs_opsspec/templates/<name>.md.j2`; a site overrides one by putting
`opsspec/<name>.md.j2` in a folder of `override_dirs` (the theme's `custom_dir`). Output is
Markdown, so HTML autoescaping is off; instead `finalize` escapes every `{{ ... }}` value with
the Markdown escape (`md`) unless it is `Md` already (links built from paths, tables made as
HTML by `tables`), and the `|md` filter does the same explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from ..markup import esc
from ..words import counted
from .markdown_escape import finalize, md

if TYPE_CHECKING:
    from .common import PageOptions

#: What Material's front matter `hide` takes off a generated page: both sidebars, so the wide
#: tables and pictures get the whole width (on a phone, the nav stays in the drawer).
HIDDEN_SIDEBARS = ("navigation", "toc")

TEMPLATE_SUBDIR = "opsspec"


def environment(override_dirs: Iterable[str] = ()) -> jinja2.Environment:
    """An environment that looks in the override folders first, then in the package."""
    user = [os.path.join(str(d), TEMPLATE_SUBDIR) for d in override_dirs]
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(user)] if user else []
    loaders.append(jinja2.PackageLoader("mkdocs_opsspec", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["counted"] = counted
    return env


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    text = env.get_template(name).render(**context)
    return text if text.endswith("\n") else text + "\n"


def render_page(
    title: str,
    name: str,
    context: Mapping[str, Any],
    options: PageOptions,
    env: jinja2.Environment | None = None,
) -> str:
    """A generated page: its front matter (`front_matter`: the title, and Material's `hide`
    unless `options.hide_sidebars` is off), then template `name` rendered with `context`."""
    hide = HIDDEN_SIDEBARS if options.hide_sidebars else ()
    return front_matter(title, hide) + render(
        env or environment(options.override_dirs), name, context
    )


def front_matter(title: str, hide: Iterable[str] = ()) -> str:
    """Front matter holding the page's title as HTML text (`markup.esc`): themes put
    `page.title` into `<title>`, attributes, the nav and the search index as it is, and Material
    puts `page.meta.title` into `<title>` as it is. MkDocs takes the title from here before the
    rendered heading (which Material's `<title>` would unescape with `striptags`).

    Written by the YAML library, double-quoted, so every character reads back as itself: an
    emoji (JSON writes it as a surrogate pair, which the YAML loader MkDocs uses rejects: the
    page then showed its front matter as text and took its title from the heading), a control
    character, a line separator. `hide` lists the sidebars Material leaves out (other themes
    ignore it)."""
    data: dict[str, object] = {"title": esc(title)}
    if hide:
        data["hide"] = list(hide)
    text = yaml.safe_dump(data, allow_unicode=True, default_style='"', width=2**31 - 1)
    return f"---\n{text}---\n\n"
