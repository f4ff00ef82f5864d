"""Hardening: damaged real specs never crash the parser or the rules, findings stay well-formed,
what the damage did not touch parses the same, and line endings, a BOM or the order of the input
files change nothing.

The damage is applied to real specs (the operations template and every spec of the example
site): deleted and duplicated lines, swapped H2 sections, broken tables (pipes dropped, separator
rows dropped, cells added), inserted unicode (control characters, NUL, form feed, bidi marks,
astral characters), structural lines (fences, comments, headings, front matter), 100k-character
cells, truncation, CRLF/CR line endings, a BOM, and bytes that are not UTF-8.

The regression tests at the end pin what these tests found: quadratic regexes on whitespace
runs, the line of a bad byte after a BOM or with CR line endings, and front matter that made
PyYAML raise something other than YAMLError.

`OPSSPEC_FUZZ_SCALE=20 pytest tests/test_fuzz.py` runs twenty times as many examples.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, given, note, settings
from hypothesis import strategies as st

from mkdocs_opsspec.analysis import Analysis, Options, analyse
from mkdocs_opsspec.model import Finding, Severity, Spec
from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.report import build_report, dumps, spec_entry
from mkdocs_opsspec.rules.registry import RULES

from helpers.sites import EXAMPLE, build_site, validate_report

SCALE = max(1, int(os.environ.get("OPSSPEC_FUZZ_SCALE", "1")))
EPOCH = "1795651200"  # 2026-11-26T00:00:00Z
REFERENCE = dt.date(2026, 11, 26)
OPTIONS = Options(reference_date=REFERENCE)
BOM = b"\xef\xbb\xbf"
RULE_RE = re.compile(r"^OS\d{3}$")

TEMPLATE_REL = "operations/ybs-spec_0123456789ab.md"
TEMPLATE = Path(__file__).parent / "golden" / "template" / TEMPLATE_REL
DOCS = EXAMPLE / "docs"
DOC_FILES: dict[str, bytes] = {
    p.relative_to(DOCS).as_posix(): p.read_bytes() for p in sorted(DOCS.rglob("*")) if p.is_file()
}
SPEC_RE = re.compile(r"^[a-z]+/(ybs-spec_[0-9a-f]{12}|_BASE)\.md$")
SITE_SPECS = sorted(rel for rel in DOC_FILES if SPEC_RE.match(rel))
#: Every spec to damage: the operations template and every spec of the example site.
SPECS: dict[str, bytes] = {TEMPLATE_REL: TEMPLATE.read_bytes()} | {
    rel: DOC_FILES[rel] for rel in SITE_SPECS
}
#: Operations feature specs (each has an SLO table).
OPS_SPECS = sorted(rel for rel in SPECS if rel.startswith("operations/ybs-spec_"))


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,  # examples with 100k-character lines vary a lot; see time_limit instead
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- time limits --------------------------------------------------------------------------------

#: A spec with a 100k-character line parses in well under 0.2 s; anything near these limits is a
#: super-linear path (a regex that backtracks), reported as a failure instead of a hung run.
PARSE_LIMIT = 5.0
ANALYSE_LIMIT = 20.0


class TooSlow(Exception):
    pass


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise TooSlow in the block after `seconds` (POSIX main thread only; a no-op elsewhere).
    Python's regex engine checks for signals, so a backtracking regex is interrupted too."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise TooSlow(f"{what} took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def parse(path: str, data: bytes | str) -> tuple[Spec | None, list[Finding]]:
    with time_limit(PARSE_LIMIT, f"parse_file({path!r}, <{len(data)} chars/bytes>)"):
        return parse_file(path, data)


def analyse_limited(sources: Sequence[tuple[str, bytes]]) -> Analysis:
    with time_limit(ANALYSE_LIMIT, f"analyse(<{len(sources)} files>)"):
        return analyse(sources, OPTIONS)


# --- damage -------------------------------------------------------------------------------------

#: Characters that have broken line-based parsers before: control characters (NUL, form feed,
#: vertical tab, the separators str.splitlines() splits on), bidi marks, BOM and replacement
#: character, astral characters, and Markdown's own punctuation.
SPECIAL = (
    *("\x00", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x7f", "\x85", "\xa0"),
    *("\u2028", "\u2029", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\u2069"),
    *("\ufeff", "\ufffd", "\U0001f680", "\U0001d7d8", "\U00020000", "\U0010fffd", "\t"),
    *("\\", "|", "\\|", "`", "```", "~~~", "<!--", "-->", "#", "*", "**", "_", "[", "](", ":"),
    *("$ref:", "{{", "{%", "--8<--", "99.9%", "< 200ms", "30 days", "N/A"),
)
#: Whole lines that change the block structure around them.
STRUCTURAL_LINES = (
    *("", "---", "...", "```", "~~~", "````python", "<!--", "-->", "<!-- x -->", "===", "- - -"),
    *("# Operations Specification: Fuzz", "## Overview", "### Alerts", "#### Alert 9: Fuzz"),
    *("### Runbook 9: Fuzz", "| a | b |", "|---|---|", "|:-:|", "| Alert | Severity | Condition |"),
    *("| Metric | Target | Measurement Window |", "    indented code", "\tindented code"),
    *("- item", "1. step", "**RTO**: 5 minutes", "**RPO**: N/A", "**GUID**: zzzz"),
    *("**Status**: Approved", "**Last Updated**: 2026-13-45", "title: x: y", "type: operations"),
    *("- **Condition**:", "- **Runbook**: [x](#nowhere)", "`ybs-spec_000000000000`"),
    "$ref:operations/_BASE.md#nowhere",
)
#: Front matter lines, valid and invalid YAML (and what once crashed the parser: impossible dates,
#: huge integers, deep nesting).
FRONT_MATTER = (
    *("title: Fuzz", "type: operations", "type: [operations]", "name: [a, b]", "status: {a: 1}"),
    *("opsspec:\n  ignore: [OS101, 7, null]", "opsspec: [1]", "last_updated: 2026-02-03"),
    *("last_updated: 2026-02-03T10:00:00", "version: 1.0", "guid: 0x12", "a: [1, 2", "a: b: c"),
    *("- list", "!!binary AAAA", "x: &a [*a]", "'unterminated", 'key: "\\x"', "\t- tab"),
    *("? [a, b]\n: 1", "x: !!python/object:os.system ls", "x: \x00", ": ", "---"),
    *("last_updated: 2026-02-30", "date: 2026-13-01", "x: 1" + "0" * 5000, "x: " + "[" * 3000),
)
_chars = st.characters(exclude_categories=("Cs",))  # any code point that UTF-8 can encode
junk = st.one_of(
    st.text(_chars, min_size=1, max_size=12),
    st.sampled_from(SPECIAL),
    st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=6).map("".join),
)
#: What a 100k-character cell is made of (whitespace runs were quadratic once).
FILLS = ("x", "9", " ", "\t ", "\u3000", "|", "`", "*", "**", "é", "\U0001f680", "9 ", "x|")
#: For a real build: Python-Markdown's toc extension (not this plugin) dies with RecursionError
#: on thousands of nested emphasis markers (`'*' * 2000 + 'x' + '*' * 2000`).
BUILD_FILLS = tuple(f for f in FILLS if "*" not in f)

Lines = list[str]
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _index(draw: Draw, lines: Lines, extra: int = 0) -> int:
    return draw(st.integers(0, max(0, len(lines) - 1 + extra)))


def _table_lines(lines: Lines) -> list[int]:
    return [i for i, line in enumerate(lines) if line.lstrip().startswith("|")]


def delete_lines(draw: Draw, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    return lines[:i] + lines[i + draw(st.integers(1, 3)) :]


def duplicate_lines(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    n = draw(st.integers(1, 20))
    return lines[: i + n] + lines[i : i + n] + lines[i + n :]


def swap_sections(draw: Draw, lines: Lines) -> Lines:
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if len(starts) < 2:
        return lines
    bounds = list(zip(starts, [*starts[1:], len(lines)], strict=True))
    a, b = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2, unique=True)))
    return (
        lines[: a[0]] + lines[b[0] : b[1]] + lines[a[1] : b[0]] + lines[a[0] : a[1]] + lines[b[1] :]
    )


def break_table(draw: Draw, lines: Lines) -> Lines:
    rows = _table_lines(lines)
    if not rows:
        return lines
    i = draw(st.sampled_from(rows))
    line = lines[i]
    how = draw(st.sampled_from(["no_pipes", "one_pipe", "no_separators", "add_cells", "outer"]))
    out = list(lines)
    if how == "no_pipes":
        out[i] = line.replace("|", " ")
    elif how == "one_pipe":
        k = draw(st.sampled_from([k for k, ch in enumerate(line) if ch == "|"]))
        out[i] = line[:k] + line[k + 1 :]
    elif how == "no_separators":
        out = [x for x in lines if not re.fullmatch(r"\s*\|?[\s:|-]*-[\s:|-]*", x)]
    elif how == "add_cells":
        out[i] = line + " extra |" * draw(st.integers(1, 5))
    else:
        out[i] = line.strip().strip("|")
    return out


def insert_junk(draw: Draw, lines: Lines) -> Lines:
    if not lines:
        return [draw(junk)]
    i = _index(draw, lines)
    j = draw(st.integers(0, len(lines[i])))
    out = list(lines)
    out[i] = lines[i][:j] + draw(junk) + lines[i][j:]
    return out


def insert_line(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines, extra=1)
    new = draw(st.one_of(st.sampled_from(STRUCTURAL_LINES), junk))
    return [*lines[:i], new, *lines[i:]]


def front_matter(draw: Draw, lines: Lines) -> Lines:
    block = draw(st.lists(st.one_of(st.sampled_from(FRONT_MATTER), junk), max_size=4))
    closer = draw(st.sampled_from(["---", "...", "--- ", ""]))
    return ["---", *"\n".join(block).split("\n"), closer, *lines]


def _huge_cell(draw: Draw, lines: Lines, fills: Sequence[str]) -> Lines:
    rows = _table_lines(lines) or list(range(len(lines)))
    if not rows:
        return lines
    i = draw(st.sampled_from(rows))
    cells = lines[i].split("|")
    k = draw(st.integers(0, len(cells) - 1))
    fill = draw(st.sampled_from(fills))
    cells[k] = fill * (100_000 // len(fill))
    out = list(lines)
    out[i] = "|".join(cells)
    return out


def huge_cell(draw: Draw, lines: Lines) -> Lines:
    return _huge_cell(draw, lines, FILLS)


def huge_plain_cell(draw: Draw, lines: Lines) -> Lines:
    return _huge_cell(draw, lines, BUILD_FILLS)


def truncate(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    out = lines[:i]
    if i < len(lines):
        out.append(lines[i][: draw(st.integers(0, len(lines[i])))])
    return out


MUTATIONS = (
    delete_lines,
    duplicate_lines,
    swap_sections,
    break_table,
    insert_junk,
    insert_line,
    front_matter,
    huge_cell,
    truncate,
)
BUILD_MUTATIONS = tuple(huge_plain_cell if m is huge_cell else m for m in MUTATIONS)


@st.composite
def damaged_lines(
    draw: Draw, lines: Lines, max_ops: int = 6, mutations: Sequence[Callable] = MUTATIONS
) -> Lines:
    out = list(lines)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(mutations))
        out = op(draw, out)
        note(f"{op.__name__}: {len(out)} lines")
    return out


def split(data: bytes) -> Lines:
    return data.decode("utf-8").split("\n")


def join(lines: Lines) -> str:
    return "\n".join(lines)


BAD_BYTES = st.one_of(
    st.binary(min_size=1, max_size=4),
    st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90", b"\xef\xbb"]),
)


def insert_bad_bytes(draw: Draw, data: bytes, start: int = 0) -> bytes:
    head, tail = data[:start], data[start:]
    for _ in range(draw(st.integers(0, 3))):
        pos = draw(st.integers(0, len(tail)))
        tail = tail[:pos] + draw(BAD_BYTES) + tail[pos:]
    return head + tail


@st.composite
def encoded(draw: Draw, text: str, start: int = 0) -> bytes:
    """`text` as bytes, with bytes that are not UTF-8 inserted at offsets >= `start` (a byte
    offset of the UTF-8 text), then CRLF or CR line endings and a BOM."""
    data = insert_bad_bytes(draw, text.encode("utf-8"), start)
    ending = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    if ending != b"\n":
        data = data.replace(b"\n", ending)
    if draw(st.booleans()):
        data = BOM + data
    return data


def line_counts(files: dict[str, bytes]) -> dict[str, int]:
    """Lines of each file as an editor counts them (independent of the parser's splitter)."""
    out = {}
    for path, data in files.items():
        text = data.decode("utf-8-sig", errors="replace")
        parts = re.split(r"\r\n|\r|\n", text)
        if parts and parts[-1] == "":
            parts.pop()
        out[path] = len(parts)
    return out


def check_findings(findings: list[Finding], counts: dict[str, int]) -> None:
    for f in findings:
        assert RULE_RE.match(f.rule), f
        assert f.rule in RULES, f
        assert isinstance(f.severity, Severity), f
        assert f.path in counts, f
        assert f.line is None or (type(f.line) is int and 1 <= f.line <= counts[f.path]), (
            f,
            counts[f.path],
        )
        assert isinstance(f.message, str) and f.message, f


def model(spec: Spec | None, loose: list[Finding], path: str) -> dict[str, Any]:
    """What must not depend on line endings or a BOM: the report entry and the findings (but
    the message of OS003, not UTF-8, which names a byte offset)."""
    findings = [
        (f.line, f.rule, f.severity, "" if f.rule == "OS003" else f.message)
        for f in (spec.findings if spec else []) + loose
    ]
    return {"entry": spec_entry(spec, path) if spec else None, "findings": findings}


# --- never raises, findings are well-formed -----------------------------------------------------


@fuzz_settings(300)
@given(data=st.data(), path=st.sampled_from(sorted(SPECS)), where=st.integers(0, 2))
def test_parse_file_never_raises_on_damaged_specs(
    data: st.DataObject, path: str, where: int
) -> None:
    lines = data.draw(damaged_lines(split(SPECS[path])), label="lines")
    raw = data.draw(encoded(join(lines)), label="bytes")
    # as laid out in docs_dir, outside the type folders (found by title or front matter only),
    # and with a near-miss file name
    name = [path, "notes/" + path.replace("/", "-"), path.replace("ybs-spec_", "YBS-Spec-")][where]
    spec, loose = parse(name, raw)
    counts = line_counts({name: raw})
    check_findings((spec.findings if spec else []) + loose, counts)
    if where == 0:
        assert spec is not None  # the path alone makes it a spec
        assert spec.path == path and spec.type == path.split("/")[0]
    if spec is not None:
        assert spec.line_count == counts[name]
        json.dumps(spec_entry(spec, name))  # the report entry can be built and serialised


@fuzz_settings(200)
@given(raw=st.binary(max_size=2000), path=st.sampled_from([TEMPLATE_REL, "notes/readme.md"]))
def test_parse_file_never_raises_on_random_bytes(raw: bytes, path: str) -> None:
    spec, loose = parse(path, raw)
    check_findings((spec.findings if spec else []) + loose, line_counts({path: raw}))


@fuzz_settings(60)
@given(data=st.data(), path=st.sampled_from(sorted(SPECS)))
def test_rules_never_raise_on_damaged_specs(data: st.DataObject, path: str) -> None:
    """The whole example site with one spec damaged: analyse() and the report still work, and
    every finding (the cross-file ones too) points into its file."""
    lines = data.draw(damaged_lines(split(SPECS[path])), label="lines")
    files = {**DOC_FILES, path: data.draw(encoded(join(lines)), label="bytes")}
    result = analyse_limited(sorted(files.items()))
    check_findings(result.findings, line_counts(files))
    report = build_report(result.specs, result.findings, "docs/", REFERENCE.isoformat())
    validate_report(report)
    assert json.loads(dumps(report)) == report


# --- what the damage did not touch parses the same ----------------------------------------------


@dataclass(frozen=True)
class Layout:
    """An operations spec cut in two: `kept` (the header and the SLO section, up to and
    including the next H2 heading so that the SLO section's extent is fixed) and `rest`, which
    gets damaged."""

    kept: Lines
    rest: Lines


@functools.cache
def layouts(path: str) -> tuple[Layout, Layout]:
    lines = split(SPECS[path])
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    head = lines[: starts[0]]
    blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    (k,) = [i for i, b in enumerate(blocks) if "SLO" in b[0]]
    others = blocks[:k] + blocks[k + 1 :]
    # as written (the SLO section near the end) ...
    in_place = Layout(
        [*head, *(line for b in blocks[: k + 1] for line in b), blocks[k + 1][0]],
        [*blocks[k + 1][1:], *(line for b in blocks[k + 2 :] for line in b)],
    )
    # ... and moved to the top, so that all the rest of the spec gets damaged
    moved = Layout(
        [*head, *blocks[k], others[0][0]],
        [*others[0][1:], *(line for b in others[1:] for line in b)],
    )
    return in_place, moved


@fuzz_settings(200)
@given(data=st.data(), path=st.sampled_from(OPS_SPECS), moved=st.booleans())
def test_untouched_slo_table_parses_the_same(data: st.DataObject, path: str, moved: bool) -> None:
    layout = layouts(path)[moved]
    kept_text = join(layout.kept) + "\n"
    baseline, _ = parse(path, kept_text.encode())
    assert baseline is not None and baseline.operations is not None
    want = baseline.operations.slos
    assert want, path
    rest = data.draw(damaged_lines(layout.rest), label="rest")
    raw = data.draw(encoded(kept_text + join(rest), start=len(kept_text.encode())), label="bytes")
    spec, _ = parse(path, raw)
    assert spec is not None and spec.operations is not None
    boundary = len(layout.kept)
    slos = spec.operations.slos
    # the damage may add an SLO heading of its own ("## SLOs" in a swapped-in line): its
    # tables add SLOs after the boundary, they never change the untouched ones
    if not any(s.key == "slos" and s.line > boundary for s in spec.sections):
        assert slos == want
    untouched = [s for s in slos if s.line <= boundary]
    assert untouched == want
    assert [(s.metric, s.target_raw, s.window_raw, s.line) for s in untouched] == [
        (s.metric, s.target_raw, s.window_raw, s.line) for s in want
    ]


# --- line endings, BOM, str vs bytes ------------------------------------------------------------


@fuzz_settings(150)
@given(data=st.data(), path=st.sampled_from(sorted(SPECS)))
def test_line_endings_and_bom_give_the_same_model(data: st.DataObject, path: str) -> None:
    lines = data.draw(damaged_lines(split(SPECS[path])), label="lines")
    # a "\r" right before "\n" would turn two LF line breaks into one CRLF: leave "\r" out
    lf_text = join(lines).replace("\r", "")
    assume(not lf_text.startswith("\ufeff"))
    lf = insert_bad_bytes(data.draw, lf_text.encode())
    # inserted bytes can spell a BOM at the start: BOM + lf below would then hold two, and the
    # second is text (U+FEFF), not a BOM
    assume(b"\r" not in lf and not lf.startswith(BOM))
    want = model(*parse(path, lf), path)
    crlf = lf.replace(b"\n", b"\r\n")
    assert model(*parse(path, crlf), path) == want
    assert model(*parse(path, lf.replace(b"\n", b"\r")), path) == want
    mixed = b"".join(
        line + data.draw(st.sampled_from([b"\n", b"\r\n"]), label="ending")
        for line in lf.split(b"\n")
    )
    assert model(*parse(path, mixed), path) == want
    assert model(*parse(path, BOM + lf), path) == want
    assert model(*parse(path, BOM + crlf), path) == want
    if lf == lf_text.encode():  # the str API (MkDocs passes decoded text) agrees with bytes
        assert model(*parse(path, lf_text), path) == want
        assert model(*parse(path, "\ufeff" + lf_text.replace("\n", "\r\n")), path) == want


@fuzz_settings(100)
@given(data=st.data(), path=st.sampled_from(sorted(SPECS)))
def test_bom_changes_nothing(data: st.DataObject, path: str) -> None:
    lines = data.draw(damaged_lines(split(SPECS[path])), label="lines")
    raw = data.draw(encoded(join(lines)), label="bytes").removeprefix(BOM)
    assume(not raw.startswith(BOM))
    assert model(*parse(path, BOM + raw), path) == model(*parse(path, raw), path)


# --- the order of the input files changes nothing -----------------------------------------------


def report_of(sources: Sequence[tuple[str, bytes]]) -> dict[str, Any]:
    result = analyse_limited(sources)
    return build_report(result.specs, result.findings, "docs/", REFERENCE.isoformat())


SORTED_ITEMS = sorted(DOC_FILES.items())


@functools.cache
def sorted_report() -> dict[str, Any]:
    return report_of(SORTED_ITEMS)


@fuzz_settings(25)
@given(order=st.permutations(range(len(SORTED_ITEMS))))
def test_input_order_changes_nothing(order: list[int]) -> None:
    assert report_of([SORTED_ITEMS[i] for i in order]) == sorted_report()


@fuzz_settings(20)
@given(data=st.data(), damaged=st.lists(st.sampled_from(sorted(SPECS)), max_size=3, unique=True))
def test_input_order_changes_nothing_with_damaged_specs(
    data: st.DataObject, damaged: list[str]
) -> None:
    files = dict(DOC_FILES)
    for path in damaged:
        lines = data.draw(damaged_lines(split(SPECS[path])), label=path)
        files[path] = data.draw(encoded(join(lines)), label=path + " bytes")
    items = sorted(files.items())
    want = report_of(items)
    order = data.draw(st.permutations(range(len(items))), label="order")
    assert report_of([items[i] for i in order]) == want


# --- a whole MkDocs build with damaged specs ----------------------------------------------------


def page_of(rel: str) -> str:
    """Where a docs file's page lands with use_directory_urls."""
    return rel.removesuffix(".md") + "/index.html"


@pytest.fixture(scope="module")
def undamaged_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("undamaged") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_site(EXAMPLE / "mkdocs.yml", out, strict=False).report()


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,  # a fixed seed: the same damage on every run
    phases=[Phase.explicit, Phase.generate],  # shrinking would rebuild the site many times
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_build_with_damaged_specs(
    data: st.DataObject,
    undamaged_report: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    tmp = tmp_path_factory.mktemp("damaged")
    site = tmp / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("site"))
    damaged = data.draw(
        st.lists(st.sampled_from(SITE_SPECS), min_size=3, max_size=8, unique=True), label="specs"
    )
    for rel in damaged:
        lines = split(DOC_FILES[rel])
        lines = data.draw(damaged_lines(lines, 8, BUILD_MUTATIONS), label=rel)
        (site / "docs" / rel).write_bytes(data.draw(encoded(join(lines)), label=rel + " bytes"))

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        with time_limit(120, "the build"):
            built = build_site(site / "mkdocs.yml", tmp / "out", strict=False)
    report = built.report()  # validates it against the schema
    validate_report(report)

    assert {s["path"] for s in report["specs"]} == set(SITE_SPECS)
    for rel in SITE_SPECS:
        assert (tmp / "out" / page_of(rel)).is_file(), rel

    want = {s["path"]: s for s in undamaged_report["specs"]}
    for entry in report["specs"]:
        if entry["path"] not in damaged:
            assert entry == want[entry["path"]], entry["path"]

    # the findings of undamaged specs stay, but for rules that look across files (links and
    # families, duplicate GUIDs), which may legitimately react to a damaged sibling
    def own(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            f
            for f in findings
            if f["path"] not in damaged and not f["rule"].startswith("OS7") and f["rule"] != "OS104"
        ]

    assert own(report["findings"]) == own(undamaged_report["findings"])


# --- regressions of what these tests found ------------------------------------------------------

_H = "# Operations Specification: Fuzz\n\n"
_SLO = "## SLOs\n\n| Metric | Target | Measurement Window |\n|---|---|---|\n"
#: name -> spec text with {ws} where a long whitespace run goes. The regexes that backtracked
#: quadratically: units._NOTE, _FREQ_SPLIT, _SHARE_LAST (a leading \s* or \s+ under
#: search/split) and scope._KV_RE, _PLAIN_KV_RE (a lazy value before [ \t]*$).
LONG_WHITESPACE_CASES = {
    "slo_target": _H + _SLO + "| Availability | 99.9{ws}% | 30 days |\n",
    "slo_window": _H + _SLO + "| Availability | 99.9% | 30{ws}days |\n",
    "slo_latency": _H + _SLO + "| Latency p99 | < 100{ws}ms | 30 days |\n",
    "rto": _H + "## Disaster Recovery\n\n**RTO**: 4{ws}hours\n",
    "backup_frequency": _H
    + "## Backup & Recovery\n\n### Backup Strategy\n\n- **Frequency**: every{ws}day\n",
    "plain_item": _H + "## Backup & Recovery\n\n### Backup Strategy\n\n- Frequency: daily{ws}x\n",
    "header_field": _H + "**Status**: Draft{ws}x\n",
    "health": _H + "## Monitoring\n\n### Health Checks\n\n**Check Frequency**: Every 3{ws}s\n",
}
WHITESPACE_LIMIT = 1.0  # these parse in ~0.05 s; quadratically, a 100k run took minutes


@pytest.mark.parametrize("case", sorted(LONG_WHITESPACE_CASES))
def test_long_whitespace_runs_parse_in_linear_time(case: str) -> None:
    """A 100k-character run of spaces inside a value (a pasted column, a broken export) does not
    stall the build; it parses about as fast as the same text with letters."""
    template = LONG_WHITESPACE_CASES[case]
    started = time.perf_counter()
    parse_file(TEMPLATE_REL, template.format(ws="x" * 100_000).encode())
    assert time.perf_counter() - started < WHITESPACE_LIMIT
    for ws in (" ", "\t", "\u3000", " \t"):
        with time_limit(WHITESPACE_LIMIT, f"{case} with a 100k {ws!r} run"):
            parse_file(TEMPLATE_REL, template.format(ws=ws * (100_000 // len(ws))).encode())


def _os003(data: bytes) -> list[tuple[int | None, str]]:
    spec, _ = parse_file(TEMPLATE_REL, data)
    assert spec is not None
    return [(f.line, f.message) for f in spec.findings if f.rule == "OS003"]


def test_not_utf8_line_after_a_bom() -> None:
    """utf-8-sig reports the offset of a bad byte in the bytes after the BOM."""
    data = b"# Operations Specification: X\n\xff\n"
    assert _os003(data) == [(2, _os003(data)[0][1])]
    ((line, message),) = _os003(BOM + data)
    assert line == 2 and "0xff" in message and "offset 33" in message


def test_not_utf8_line_with_any_line_endings() -> None:
    for ending in (b"\n", b"\r\n", b"\r"):
        data = b"# Operations Specification: X\n\nA\n\xff\n".replace(b"\n", ending)
        assert [line for line, _ in _os003(data)] == [4], ending


FRONT_MATTER_CRASHERS = {
    "impossible_date": "last_updated: 2026-02-30",  # ValueError from PyYAML's timestamp
    "month_13": "date: 2026-13-01",  # ValueError
    "huge_integer": "x: 1" + "0" * 5000,  # ValueError: int max str digits
    "deep_flow": "x: " + "[" * 3000 + "]" * 3000,  # RecursionError in PyYAML's composer
    "deep_block": "\n".join(" " * i + "a:" for i in range(1500)),  # RecursionError
}


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_CRASHERS))
def test_front_matter_that_pyyaml_cannot_construct(case: str) -> None:
    """PyYAML raises ValueError or RecursionError (not YAMLError) for these; the parser reports
    invalid front matter and goes on (as MkDocs, which renders the page)."""
    text = f"---\n{FRONT_MATTER_CRASHERS[case]}\n---\n# Operations Specification: X\n"
    spec, _ = parse_file(TEMPLATE_REL, text.encode())
    assert spec is not None and spec.name == "X"
    assert [f.rule for f in spec.findings if f.rule == "OS005"] == ["OS005"]
