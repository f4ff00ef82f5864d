"""The Jinja environment of the generated pages.

Templates are `mkdocs_opsspec/templates/<name>.md.j2`; a site overrides one by putting
`opsspec/<name>.md.j2` in a folder of `override_dirs` (the theme's `custom_dir`). Output is
Markdown, so HTML autoescaping is off; instead `finalize` escapes every `{{ ... }}` value with
the Markdown escape (`md`) unless it is `Md` already, and the `|md` filter does the same
explicitly. Values given to templates are raw spec text or `Md` built from our own paths.

Compiled templates are kept across builds (a `mkdocs serve` rebuild does not compile them
again): Jinja's `auto_reload` sees an edited template by its mtime, and the environments are
keyed by the names in the override folders, so an override added or removed is seen too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import jinja2

from ..rebuild_memo import Exact, RebuildMemo
from .markdown_escape import finalize, md

TEMPLATE_SUBDIR = "opsspec"


@lru_cache(maxsize=8)
def _environment(user: tuple[str, ...], names: tuple[tuple[str, ...], ...]) -> jinja2.Environment:
    """`names`: the files in each of the `user` folders; only a key (see `environment`)."""
    loaders: list[jinja2.BaseLoader] = []
    if user:
        loaders.append(jinja2.FileSystemLoader(user))
    loaders.append(jinja2.PackageLoader("mkdocs_opsspec", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.filters["md"] = md
    return env


def environment(override_dirs: Iterable[str] = ()) -> jinja2.Environment:
    """The (cached) environment for these override folders and the files now in them. A
    template a cached environment loaded from the package stays cached even once an override
    of it appears (its package file did not change), so a new listing means a new one."""
    user = tuple(os.path.join(str(d), TEMPLATE_SUBDIR) for d in override_dirs)
    return _environment(user, tuple(_names(folder) for folder in user))


def _names(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:  # no such folder (yet), or not a folder
        return ()


def render(
    name: str,
    context: Mapping[str, Any],
    override_dirs: Iterable[str] = (),
    memo: RebuildMemo[str] | None = None,
    page: str = "",
) -> str:
    """Template `name` filled from `context`. With a `memo`, the text made last time for
    `page` is given again if the template is the same object (Jinja makes a new one when the
    file changed) and `context` is `Exact`ly the same."""
    template = environment(override_dirs).get_template(name)
    if memo is not None:
        made = memo.get(page, Exact(context), same=template)
        if made is not None:
            return made
    text = template.render(**context)
    text = text if text.endswith("\n") else text + "\n"
    if memo is not None:
        memo.put(page, Exact(context), text, same=template)
    return text
