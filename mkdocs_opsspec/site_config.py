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
        raise SiteConfigError(
            f"{path}: the file holds {_kind(data)}, not a mapping of settings ('key: value' "
            "lines such as 'site_name: ...')"
        )
    base = path.parent
    docs_dir = base / str(data.get("docs_dir") or "docs")
    if not docs_dir.is_dir():
        raise SiteConfigError(f"{path}: docs_dir '{docs_dir}' is not a folder")
    exclude = data.get("exclude_docs")
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    try:
        options, source = _options(data)
    except ValueError as exc:
        raise SiteConfigError(f"{path}: {exc}") from exc
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
    """Our options (the extension's, else the plugin's) and where they came from. Raises
    ValueError for a `markdown_extensions` or `plugins` that is no list or mapping, and for
    our settings that are no mapping."""
    for key in ("markdown_extensions", "plugins"):
        value = data.get(key)
        if value is not None and not isinstance(value, list | Mapping):
            raise ValueError(f"'{key}' is {_kind(value)}: give a list of entries")
    for name, settings in entries(data.get("markdown_extensions")).items():
        if is_extension(name):
            given = _settings(name, settings)
            return {k: v for k, v in given.items() if k not in EXTENSION_ONLY}, "extension"
    plugins = entries(data.get("plugins"))
    if PLUGIN in plugins:
        return _settings(PLUGIN, plugins[PLUGIN]), "plugin"
    return {}, ""


def _settings(name: str, settings: object) -> dict[str, Any]:
    if settings is None:
        return {}
    if not isinstance(settings, Mapping):
        raise ValueError(
            f"the settings of '{name}' are {_kind(settings)}: give a mapping of options "
            "(option: value, indented under the name)"
        )
    return {str(k): v for k, v in settings.items()}


def _kind(value: object) -> str:
    """What a YAML or TOML value is, for a message."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) <= 40 else "a text"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"the number {value}" if isinstance(value, int | float) else "a value"


def find_config(given: str | None, names: tuple[str, ...]) -> Path | None:
    """The config file `given` (SiteConfigError when it is no file), else the first of `names`
    in the working folder, else None."""
    if given:
        path = Path(given)
        if not path.is_file():
            raise SiteConfigError(f"{given}: no such config file")
        return path
    return next((Path(name) for name in names if Path(name).is_file()), None)


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
