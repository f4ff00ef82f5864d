"""The Jinja environment of the generated pages.

Templates are `mkdocs_opsspec/templates/<name>.md.j2`; a site overrides one by putting
`opsspec/<name>.md.j2` in a folder of `override_dirs` (the theme's `custom_dir`). Output is
Markdown, so HTML autoescaping is off; instead `finalize` escapes every `{{ ... }}` value with
the Markdown escape (`md`) unless it is `Md` already, and the `|md` filter does the same
explicitly. Values given to templates are raw spec text or `Md` built from our own paths.

Compiled templates are kept across builds (a `mkdocs serve` rebuild does not compile them
again) while the override folders are unchanged (see `environment`).
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
def _environment(user: tuple[str, ...], files: tuple[object, ...]) -> jinja2.Environment:
    """`files`: what is in the `user` folders; only a key (see `environment`)."""
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
    )
    env.filters["md"] = md
    return env


def environment(override_dirs: Iterable[str] = ()) -> jinja2.Environment:
    """The (cached) environment for these override folders as they are now: any file in them
    added, removed or changed (name, size, mtime in ns, subfolders included) makes a new one,
    with new template objects. Jinja's own reloading would not do: it looks at a template's
    own file only (not the ones it includes or extends), and a cached package template stays
    even once an override of it appears."""
    user = tuple(os.path.join(str(d), TEMPLATE_SUBDIR) for d in override_dirs)
    return _environment(user, tuple(_files(folder) for folder in user))


def _files(folder: str) -> tuple[tuple[str, int, int], ...]:
    out = []
    for root, _dirs, names in os.walk(folder):  # nothing when there is no such folder
        for name in names:
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:  # gone since the walk listed it
                continue
            out.append((path, st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))


def render(name: str, context: Mapping[str, Any], override_dirs: Iterable[str] = ()) -> str:
    text = environment(override_dirs).get_template(name).render(**context)
    return text if text.endswith("\n") else text + "\n"
