"""`mkdocs-opsspec`: the command-line adapter over the core.

    mkdocs-opsspec check [-f mkdocs.yml] [PATH ...] [--format text|json|github|junit|sarif]
                         [--jobs N]
    mkdocs-opsspec baseline [-f mkdocs.yml] [PATH ...] [-o FILE]
    mkdocs-opsspec rules [CODE] [--format markdown|text]
    mkdocs-opsspec new TYPE [NAME] [-f mkdocs.yml] [--guid G] [--class A-D] [--dir SUBDIR]
    mkdocs-opsspec generate [-f zensical.toml|mkdocs.yml] [--out DIR]
    mkdocs-opsspec export --format openslo|sloth [-f mkdocs.yml] [PATH ...] -o DIR
                          [--sloth-period 30d]

With a config file (default `./mkdocs.yml` when present and no PATH is given) it uses that
site's docs_dir, `exclude_docs` and the plugin's options, so it reports what a build reports.
Exit status: 0 no error findings, 1 error findings, 2 usage or config error; for `new`: 0 specs
written, 1 refused (the spec exists, or the GUID is no feature's), 2 usage or config error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import GENERATOR, new_spec
from . import baseline as bl
from .analysis import (
    SLIM_LINKS,
    SLIM_REPORT,
    Analysis,
    Options,
    Source,
    analyse,
    default_jobs,
    reference_day,
)
from .ci_formats import github_lines, junit_xml, sarif_json, summary_line, text_lines
from .model import SPEC_TYPES
from .overview import overview
from .readiness import summary_line as readiness_line
from .report import analysis_report, source_prefix
from .report import write as write_report
from .rules.explain import explain, find_rule
from .rules.links import CLASS_REQUIREMENTS
from .rules.table import all_rules, rule_table
from .scan import markdown_paths
from .settings import OptionsError, options_from
from .site_config import SiteConfigError, find_config
from .words import counted


class UsageError(Exception):
    """A problem with the command line or the config file (exit status 2)."""


@dataclass
class _Site:
    """A site's files and options exactly as `mkdocs build` would see them."""

    paths: list[str]  # Markdown files, relative to docs_dir
    sources: Iterator[tuple[str, Source]]  # (path, where to read it), read one at a time
    others: list[str]  # the other files of docs_dir
    options: Options
    prefix: str  # docs_dir as seen from the directory of mkdocs.yml ('' or ending in '/')
    docs_dir: Path


def _from_config(config_file: Path) -> _Site:
    """Files and options exactly as `mkdocs build` would see them."""
    try:
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, ConfigurationError
        from mkdocs.structure.files import get_files
    except ImportError as exc:  # pragma: no cover - the package depends on mkdocs
        raise UsageError(f"reading {config_file} needs MkDocs: {exc}") from exc

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:
        raise UsageError(f"{config_file}: {exc}") from exc
    plugin = config.plugins.get("opsspec")
    try:
        options = options_from(
            plugin.config if plugin is not None else {}, config.config_file_path, config.docs_dir
        )
    except OptionsError as exc:
        raise UsageError(f"{config_file}: {exc}") from exc
    files = get_files(config)
    pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md")]
    others = [f.src_uri for f in files if not f.src_uri.endswith(".md")]
    sources = ((f.src_uri, _source(f)) for f in pages)  # read one at a time
    paths = [f.src_uri for f in pages]
    prefix = source_prefix(config.config_file_path, config.docs_dir)
    return _Site(paths, sources, others, options, prefix, Path(config.docs_dir))


def _source(file: Any) -> Source:
    """A MkDocs file's content: the file on disk to read when its turn comes, or its bytes."""
    if file.abs_src_path and getattr(file, "generated_by", None) is None:
        return Path(file.abs_src_path)
    return file.content_bytes


def _from_paths(paths: Sequence[str]) -> tuple[list[str], list[tuple[str, Source]]]:
    """Markdown files of folders (each taken as a docs_dir) and single files: their paths, and
    where to read them (each is read when its turn comes)."""
    entries: list[tuple[str, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            entries.extend((rel, p / rel) for rel in markdown_paths(p))
        elif p.is_file():
            entries.append((p.as_posix(), p))
        else:
            raise UsageError(f"{raw}: no such file or directory")
    return [rel for rel, _ in entries], list(entries)


def _config_file(given: str | None, names: tuple[str, ...] = ("mkdocs.yml",)) -> Path | None:
    """The config file given, else the first of `names` here (none: None)."""
    try:
        return find_config(given, names)
    except SiteConfigError as exc:
        raise UsageError(str(exc)) from exc


def _analyse(
    args: argparse.Namespace,
    keep_documents: bool = False,
    jobs: int = 1,
    slim: str | None = None,
) -> tuple[Analysis, str, Options, list[str]]:
    """Findings as a build reports them, the source prefix, the options and every path of the
    files (Markdown and others). Without `keep_documents` each spec's lexed source is dropped
    once its rules ran (the CLI renders no page), which keeps memory low; `jobs` and `slim` are
    `analyse`'s."""
    config_file = _config_file(args.config_file, () if args.paths else ("mkdocs.yml",))
    if config_file is not None:
        site = _from_config(config_file)
        options = replace(site.options, keep_documents=keep_documents)
        analysis = analyse(
            site.sources,
            options,
            other_paths=site.others,
            all_paths=site.paths,
            jobs=jobs,
            slim=slim,
        )
        return analysis, site.prefix, options, [*site.paths, *site.others]
    if args.paths:
        try:  # the defaults, as a config file without our options gives them
            options = options_from({}, None, Path.cwd())
        except OptionsError as exc:
            raise UsageError(str(exc)) from exc
        options = replace(options, keep_documents=keep_documents)
        paths, files = _from_paths(args.paths)
        analysis = analyse(files, options, all_paths=paths, jobs=jobs, slim=slim)
        return analysis, "", options, paths
    raise UsageError("no mkdocs.yml here: pass -f CONFIG or one or more PATHs")


def _write(path: Path, text: str) -> None:
    """Write `text` to `path` (its folder made if needed); a UsageError that names the path
    when that fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def cmd_check(args: argparse.Namespace) -> int:
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: give a number of processes of 1 or more")
    # the JSON report and the readiness lines read the operations content of the specs
    slim = SLIM_REPORT if args.format in ("json", "text") else SLIM_LINKS
    analysis, prefix, options, paths = _analyse(args, jobs=jobs, slim=slim)
    findings = analysis.findings
    if args.format in ("json", "text"):
        readiness = overview(analysis, options, paths).readiness
    if args.format == "json":
        write_report(analysis_report(analysis, prefix, readiness), sys.stdout)
    elif args.format == "junit":
        sys.stdout.write(junit_xml(analysis.specs, findings, prefix))
    elif args.format == "sarif":
        sys.stdout.write(sarif_json(findings, prefix))
    else:
        lines = (
            github_lines(findings, prefix)
            if args.format == "github"
            else text_lines(findings, prefix)
        )
        for line in lines:
            print(line)
        if args.format == "text":
            for path, result in readiness.items():
                print(f"{prefix}{path}: readiness {readiness_line(result)}")
        baselined = sum(1 for f in findings if f.baselined)
        print(summary_line(len(analysis.specs), analysis.counts(), baselined))
    return 1 if analysis.counts()["error"] else 0


def cmd_baseline(args: argparse.Namespace) -> int:
    analysis, prefix, _options, _paths = _analyse(args, keep_documents=True)  # lines: fingerprints
    output = Path(args.output)
    stale = _stale_entries(output, analysis)
    entries = bl.entries_for([f for f in analysis.findings], analysis.specs)
    _write(output, bl.dumps(entries))
    print(f"wrote {counted(len(entries), 'finding')} to {args.output}")
    if stale:
        print(
            f"{counted(len(stale), 'entry')} of the previous {args.output} "
            f"{'matches' if len(stale) == 1 else 'match'} no finding now and "
            f"{'is' if len(stale) == 1 else 'are'} gone from it: the finding was fixed, or this "
            "version reports it differently (one finding per cause, on the line of the value it "
            "names; the new file suppresses it as it is reported now):"
        )
        for entry in stale:
            print(f"  {prefix}{entry.path}: {entry.rule}")
    return 0


def _stale_entries(output: Path, analysis: Analysis) -> list[bl.Entry]:
    """Entries of an existing baseline file that match none of `analysis`' findings."""
    try:
        old = bl.loads(output.read_text("utf-8"))
    except (OSError, bl.BaselineError):
        return []  # no previous baseline (or not one): nothing to compare
    return bl.apply(analysis.findings, analysis.specs, old)[1]


def cmd_new(args: argparse.Namespace) -> int:
    config_file = _config_file(args.config_file)
    if config_file is None:
        raise UsageError("no mkdocs.yml here: pass -f CONFIG")
    site = _from_config(config_file)
    # the GUIDs and specs the site has, as a build sees them
    analysis = analyse(
        site.sources,
        site.options,
        other_paths=site.others,
        all_paths=site.paths,
        jobs=default_jobs(),
        slim=SLIM_LINKS,
    )
    catalog = overview(analysis, site.options, [*site.paths, *site.others]).catalog
    request = new_spec.Request(args.type, args.name, args.guid, args.feature_class, subdir=args.dir)
    try:
        plan = new_spec.plan(request, catalog, reference_day(site.options))
        new_spec.write(site.docs_dir, plan.specs)
    except new_spec.BadRequest as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename}: {exc.strerror}") from exc
    except new_spec.Refused as exc:
        print(f"mkdocs-opsspec: refused: {exc.describe(site.prefix)}", file=sys.stderr)
        return 1
    for path in plan.kept:
        print(f"mkdocs-opsspec: kept {site.prefix}{path} (exists)", file=sys.stderr)
    for spec in plan.specs:
        print(f"{site.prefix}{spec.path}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    if args.code:
        rule = find_rule(args.code)
        if rule is None:
            raise UsageError(
                f"no rule '{args.code}': `mkdocs-opsspec rules` lists every code and name"
            )
        if args.format == "markdown":
            from .generated_pages.rules_page import rule_section  # Jinja: only when asked

            sys.stdout.write(rule_section(rule))
        else:
            sys.stdout.write(explain(rule))
        return 0
    print(
        rule_table()
        if args.format == "markdown"
        else "\n".join(f"{r.code} {r.severity.value:7} {r.name}: {r.summary}" for r in all_rules())
    )
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the generated pages into docs_dir (for Zensical); exit 1 on error findings, after
    writing, as `check` does."""
    from .generate import CONFIG_FILES, GenerateError, generate

    config_file = _config_file(args.config_file, CONFIG_FILES)
    if config_file is None:
        raise UsageError(f"no {', '.join(CONFIG_FILES)} here: pass -f CONFIG")
    try:
        result = generate(config_file, Path(args.out) if args.out else None)
    except GenerateError as exc:
        raise UsageError(str(exc)) from exc
    if result.disabled:
        print(f"opsspec is disabled (enabled: false) in {config_file}: nothing written")
        return 0
    for verb, paths in (("wrote", result.written), ("removed", result.removed)):
        for rel in paths:
            print(f"{verb} {result.out / rel}")
    print(
        f"{counted(len(result.written), 'file')} written, {len(result.unchanged)} unchanged, "
        f"{len(result.removed)} removed in {result.out}"
    )
    analysis = result.analysis
    for line in text_lines(analysis.findings, result.prefix):
        print(line)
    baselined = sum(1 for f in analysis.findings if f.baselined)
    print(summary_line(len(analysis.specs), analysis.counts(), baselined))
    return 1 if analysis.counts()["error"] else 0


def cmd_export(args: argparse.Namespace) -> int:
    """The specs' SLOs as OpenSLO or Sloth files in args.output; exit 1 when SLOs were
    skipped (each is listed with the reason)."""
    from .slo_export.export import export
    from .slo_export.objectives import time_window
    from .slo_export.promql import ParserMissing
    from .slo_export.queries import HOW_TO_ADD
    from .units import UnitError, parse_window

    try:
        period = time_window(parse_window(args.sloth_period))
    except UnitError as exc:
        raise UsageError(f"--sloth-period: {exc}") from exc
    if not period.rolling:
        raise UsageError(f"--sloth-period {args.sloth_period}: give a length such as 30d")
    analysis, prefix, _options, _paths = _analyse(args)
    try:
        result = export(analysis.specs, args.format, prefix=prefix, sloth_period=period)
    except ParserMissing as exc:
        raise UsageError(str(exc)) from exc
    out = Path(args.output)
    for name, text in sorted(result.files.items()):
        _write(out / name, text)
        print(f"wrote {out / name}")
    for s in result.skipped:
        print(f"{prefix}{s.path}:{s.line}: skipped SLO '{s.metric}': {s.reason}")
    for path, names in sorted(result.missing_slis.items()):
        print(f"{prefix}{path}: SLIs referenced, not written (no queries): {', '.join(names)}")
    if result.missing_slis:
        print(f"to write those SLIs too, {HOW_TO_ADD}")
    print(
        f"exported {counted(result.exported, 'SLO')} to "
        f"{counted(len(result.files), 'file')} in {out}; "
        f"skipped {len(result.skipped)}"
    )
    return 1 if result.skipped else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mkdocs-opsspec", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=GENERATOR)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="parse and check specs, print findings")
    check.add_argument("-f", "--config-file", help="mkdocs.yml of the site to check")
    check.add_argument("paths", nargs="*", help="files or folders (each folder is a docs_dir)")
    check.add_argument(
        "--format", choices=("text", "json", "github", "junit", "sarif"), default="text"
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="processes that parse and check specs (default: the number of CPUs; "
        "1 checks in this process)",
    )
    check.set_defaults(func=cmd_check)
    base = sub.add_parser("baseline", help="write the current findings to a baseline file")
    base.add_argument("-f", "--config-file", help="mkdocs.yml of the site to check")
    base.add_argument("paths", nargs="*", help="files or folders (each folder is a docs_dir)")
    base.add_argument("-o", "--output", default="opsspec-baseline.json")
    base.set_defaults(func=cmd_baseline)
    rules = sub.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule's code or name: print its documentation"
    )
    rules.add_argument("--format", choices=("markdown", "text"), default="text")
    rules.set_defaults(func=cmd_rules)
    new = sub.add_parser(
        "new", help="start a spec from its template, with a fresh GUID or a feature's"
    )
    new.add_argument("type", choices=SPEC_TYPES, metavar="TYPE", help=", ".join(SPEC_TYPES))
    new.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help="the feature's name (with --guid, default: that feature's)",
    )
    new.add_argument("-f", "--config-file", help="mkdocs.yml of the site (default: ./mkdocs.yml)")
    new.add_argument("--guid", help="add the spec to the existing feature with this GUID")
    new.add_argument(
        "--class",
        dest="feature_class",
        type=str.upper,
        choices=tuple(CLASS_REQUIREMENTS),
        help="the feature's class: also write the spec types it requires, and state it",
    )
    new.add_argument("--dir", metavar="SUBDIR", help="folder under docs_dir for the type folders")
    new.set_defaults(func=cmd_new)
    gen = sub.add_parser(
        "generate", help="write the generated pages into docs_dir (for Zensical builds)"
    )
    gen.add_argument(
        "-f", "--config-file", help="zensical.toml or mkdocs.yml (default: the one here)"
    )
    gen.add_argument("--out", help="folder to write to (default: <docs_dir>/<generated_dir>)")
    gen.set_defaults(func=cmd_generate)
    exp = sub.add_parser("export", help="write the specs' SLOs as OpenSLO or Sloth files")
    exp.add_argument("--format", choices=("openslo", "sloth"), required=True)
    exp.add_argument("-f", "--config-file", help="mkdocs.yml of the site to export")
    exp.add_argument("paths", nargs="*", help="files or folders (each folder is a docs_dir)")
    exp.add_argument("-o", "--output", required=True, help="folder for the files")
    exp.add_argument(
        "--sloth-period",
        default="30d",
        help="Sloth's SLO period (Sloth files state none): SLOs over another window are "
        "skipped (default: 30d)",
    )
    exp.set_defaults(func=cmd_export)
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


def run() -> int:
    """The `mkdocs-opsspec` command: `main`, its exit status returned (to `sys.exit`)."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`... | head`): what is left unwritten goes nowhere, and the
        # exit status says the output was cut short (as Python's docs on SIGPIPE advise)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
