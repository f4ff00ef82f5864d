"""`mkdocs-opsspec`: the command-line adapter over the core.

    mkdocs-opsspec check [-f mkdocs.yml] [PATH ...] [--format text|json]

With a config file (default `./mkdocs.yml` when present and no PATH is given) it uses that
site's docs_dir, `exclude_docs` and the plugin's options, so it reports what a build reports.
Exit status: 0 no error findings, 1 error findings, 2 usage or config error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import GENERATOR
from .analysis import Analysis, Options, analyse
from .report import build_report, dumps
from .scan import read_markdown_tree


class UsageError(Exception):
    """A problem with the command line or the config file (exit status 2)."""


def _from_config(config_file: Path) -> tuple[list[tuple[str, bytes]], Options, str]:
    """Files and options exactly as `mkdocs build` would see them."""
    try:
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, ConfigurationError
        from mkdocs.structure.files import get_files
    except ImportError as exc:  # pragma: no cover - the package depends on mkdocs
        raise UsageError(f"reading {config_file} needs MkDocs: {exc}") from exc
    from .plugin import options_from, source_prefix

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:
        raise UsageError(f"{config_file}: {exc}") from exc
    plugin = config.plugins.get("opsspec")
    options = options_from(plugin.config) if plugin is not None else Options()
    files = get_files(config)
    sources = [
        (f.src_uri, f.content_bytes)
        for f in files.documentation_pages()
        if f.src_uri.endswith(".md")
    ]
    return sources, options, source_prefix(config)


def _from_paths(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    sources: list[tuple[str, bytes]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            sources.extend(read_markdown_tree(p))
        elif p.is_file():
            sources.append((p.as_posix(), p.read_bytes()))
        else:
            raise UsageError(f"{raw}: no such file or directory")
    return sources


def format_text(analysis: Analysis, prefix: str) -> Iterable[str]:
    for f in analysis.findings:
        where = f"{prefix}{f.path}:{f.line or 1}"
        yield f"{where}: {f.severity.value} {f.rule} {f.message}"
    c = analysis.counts()
    yield (
        f"{len(analysis.specs)} specs checked: {c['error']} errors, {c['warning']} warnings, "
        f"{c['info']} infos"
    )


def cmd_check(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file) if args.config_file else None
    if config_file is None and not args.paths and Path("mkdocs.yml").is_file():
        config_file = Path("mkdocs.yml")
    if config_file is not None:
        if not config_file.is_file():
            raise UsageError(f"{config_file}: no such config file")
        sources, options, prefix = _from_config(config_file)
    elif args.paths:
        sources, options, prefix = _from_paths(args.paths), Options(), ""
    else:
        raise UsageError("no mkdocs.yml here: pass -f CONFIG or one or more PATHs")
    analysis = analyse(sources, options)
    if args.format == "json":
        sys.stdout.write(dumps(build_report(analysis.specs, analysis.findings, prefix)))
    else:
        for line in format_text(analysis, prefix):
            print(line)
    return 1 if analysis.counts()["error"] else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mkdocs-opsspec", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=GENERATOR)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="parse and check specs, print findings")
    check.add_argument("-f", "--config-file", help="mkdocs.yml of the site to check")
    check.add_argument("paths", nargs="*", help="files or folders (each folder is a docs_dir)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"mkdocs-opsspec: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
