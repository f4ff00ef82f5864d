"""The Jinja environment of the generated pages.

Templates are `mkdocs_opsspec/templates/<name>.md.j2`; a site overrides one by putting
`opsspec/<name>.md.j2` in a folder of `override_dirs` (the theme's `custom_dir`). Output is
Markdown, so HTML autoescaping is off; instead `finalize` escapes every `{{ ... }}` value with
the Markdown escape (`md`) unless it is `Md` already, and the `|md` filter does the same
explicitly. Values given to templates are raw spec text or `Md` built from our own paths.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import jinja2

from .markdown_escape import finalize, md

TEMPLATE_SUBDIR = "opsspec"


@lru_cache(maxsize=8)
def _environment(override_dirs: tuple[str, ...]) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    user = [os.path.join(d, TEMPLATE_SUBDIR) for d in override_dirs]
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
    """The (cached) environment for these override folders."""
    return _environment(tuple(str(d) for d in override_dirs))


def clear_cache() -> None:
    """Forget environments (call once per build, so a new override template is seen)."""
    _environment.cache_clear()


def render(name: str, context: Mapping[str, Any], override_dirs: Iterable[str] = ()) -> str:
    text = environment(override_dirs).get_template(name).render(**context)
    return text if text.endswith("\n") else text + "\n"
