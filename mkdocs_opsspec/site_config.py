"""A site's config file as `mkdocs-opsspec generate` needs it, read without the site builder:
`mkdocs.yml` (MkDocs, ProperDocs and Zensical read it) or `zensical.toml` (Zensical's own format,
whose settings sit in a `[project]` table).

MkDocs' own loader cannot read a Zensical site's mkdocs.yml (its theme and plugins need not be
installed), so only what the pages need is read here: docs_dir, exclude_docs, the theme's
custom_dir and our options, which are the Markdown extension's (`mkdocs_opsspec.markdown` under
`markdown_extensions`: what a Zensical build renders with) or else the plugin's (`opsspec` under
`plugins`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXTENSION = "mkdocs_opsspec.markdown"
PLUGIN = "opsspec"
#: Options of the Markdown extension that the plugin does not have.
EXTENSION_ONLY = ("strict",)


class SiteConfigError(Exception):
    """A config file that cannot be read, with the reason."""


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    docs_dir: Path
    exclude_docs: str | None = None  # gitignore-style patterns, one a line
    custom_dir: str | None = None  # the theme's custom_dir
    #: Our options as written (plugin options; the extension's without `EXTENSION_ONLY`).
    options: dict[str, Any] = field(default_factory=dict)
    options_from: str = ""  # "extension", "plugin" or "" (none given: the defaults)


def read_site_config(path: Path) -> SiteConfig:
    """Raises SiteConfigError."""
    try:
        if path.suffix.lower() == ".toml":
            data = _load_toml(path)
            data = data.get("project", data)
        else:
            data = _load_yaml(path)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise SiteConfigError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: not a mapping of settings")
    base = path.parent
    docs_dir = base / str(data.get("docs_dir") or "docs")
    if not docs_dir.is_dir():
        raise SiteConfigError(f"{path}: docs_dir '{docs_dir}' is not a folder")
    exclude = data.get("exclude_docs")
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    options, source = _options(data)
    return SiteConfig(
        path=path,
        docs_dir=docs_dir,
        exclude_docs=exclude if isinstance(exclude, str) else None,
        custom_dir=str(base / custom_dir) if isinstance(custom_dir, str) else None,
        options=options,
        options_from=source,
    )


def entries(value: object) -> dict[str, Any]:
    """`markdown_extensions` or `plugins` as name -> settings (None when not given): a list of
    names and one-entry mappings, or a mapping."""
    if isinstance(value, Mapping):
        return {str(name): settings for name, settings in value.items()}
    out: dict[str, Any] = {}
    for item in value if isinstance(value, list) else ():
        if isinstance(item, str):
            out[item] = None
        elif isinstance(item, Mapping) and len(item) == 1:
            name, settings = next(iter(item.items()))
            out[str(name)] = settings
    return out


def is_extension(name: str) -> bool:
    """Whether a `markdown_extensions` entry is ours (`mkdocs_opsspec.markdown`, or with a
    `:Class` suffix)."""
    return name.split(":", 1)[0] == EXTENSION


def _options(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    for name, settings in entries(data.get("markdown_extensions")).items():
        if is_extension(name):
            given = dict(settings or {})
            return {k: v for k, v in given.items() if k not in EXTENSION_ONLY}, "extension"
    plugins = entries(data.get("plugins"))
    if PLUGIN in plugins:
        return dict(plugins[PLUGIN] or {}), "plugin"
    return {}, ""


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError as exc:
            raise ValueError("reading TOML needs Python 3.11 or the 'tomli' package") from exc
    with open(path, "rb") as f:
        return tomllib.load(f)


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it, tolerant of its tags: `!ENV` gives the variable's value (or the
    default), any other tag (`!!python/name:...`, `!relative`) the plain value under it."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _load_yaml(path: Path, depth: int = 0) -> Any:
    """mkdocs.yml, with `INHERIT: parent.yml` merged in as MkDocs merges it (mappings key by
    key, the child's value winning)."""
    with open(path, encoding="utf-8-sig") as f:
        data = yaml.load(f, Loader=_Loader)  # a SafeLoader subclass
    if isinstance(data, dict) and "INHERIT" in data and depth < 10:
        parent = _load_yaml(path.parent / str(data.pop("INHERIT")), depth + 1)
        if isinstance(parent, dict):
            data = _merged(parent, data)
    return data


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out
