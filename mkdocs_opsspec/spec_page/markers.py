"""Placing rendered HTML on a spec page, in two steps that need no Markdown extension.

1. `mark_markdown` (before Markdown is rendered) puts HTML comment markers where the header strip,
   the recovery and alert summaries go, and before each SLO table; it also redacts secrets the
   rules found, so they reach neither the page nor the search index.
2. `fill_html` (on the page's converted content, after search indexing and before the theme's
   template) replaces the markers with HTML and appends the budget columns to each marked SLO
   table. Search plugins index the page before this step, so the strip and the findings stay out
   of the search index.

The MkDocs plugin uses the plain markers (`STRIP`, ...). The Markdown extension gives a `token`
(random, one per conversion): its markers read `<!--opsspec:strip:<token>-->`, so no text of the
spec can stand for one, and `fill_html` with that token touches no other comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..lexer import split_lines
from ..model import Spec

REDACTED = "[redacted]"


def marker(name: str, token: str = "") -> str:
    """The marker line of `name` ("strip", "recovery", "alerts", "slo:<line>"):
    `<!--opsspec:<name>-->`, or `<!--opsspec:<name>:<token>-->` with a token."""
    return f"<!--opsspec:{name}:{token}-->" if token else f"<!--opsspec:{name}-->"


STRIP = marker("strip")


def redacted(kind: str | None) -> str:
    """What stands in a page where a secret was: says that it was redacted, and what it was
    (`[redacted: AWS access key ID]`), so it is not taken for the author's own placeholder."""
    return f"[redacted: {kind}]" if kind else REDACTED


@dataclass
class Placement:
    """Where the markers went (file line -> marker), for `fill_html` to know what to expect."""

    markdown: str
    slo_tables: list[int] = field(default_factory=list)  # header lines of marked SLO tables


def mark_markdown(
    markdown: str,
    spec: Spec,
    slo_table_lines: Iterable[int],
    secret_spans: Iterable[tuple[int, int, int] | tuple[int, int, int, str]] = (),
    token: str = "",
) -> Placement:
    """`secret_spans`: (file line, start, end[, kind]) of secret values to redact; `token`: see
    `marker`."""
    strip = marker("strip", token)
    doc = spec.document
    md_lines = split_lines(markdown)
    file_lines = doc.lines if doc is not None else []
    offset = len(file_lines) - len(md_lines)
    aligned = offset >= 0 and file_lines[offset:] == md_lines
    if not aligned:
        # another plugin changed the Markdown first: only the strip, at the top
        return Placement(f"{strip}\n\n{markdown}")

    lines = list(md_lines)
    for span in sorted(secret_spans, key=lambda s: (s[0], -s[1])):
        line, start, end = span[:3]
        i = line - 1 - offset
        if 0 <= i < len(lines):
            kind = span[3] if len(span) > 3 else None
            lines[i] = lines[i][:start] + redacted(kind) + lines[i][end:]

    before: dict[int, list[str]] = {}  # md index -> markers to put before that line
    after: dict[int, list[str]] = {}  # md index -> markers to put after that line

    def at(line: int | None) -> int | None:
        if line is None:
            return None
        i = line - 1 - offset
        return i if 0 <= i < len(lines) else None

    title = at(spec.title_line)
    if title is None:
        before.setdefault(0, []).append(strip)
    else:
        after.setdefault(title, []).append(strip)
    ops = spec.operations
    if ops is not None:
        anchor = ops.disaster_recovery or ops.rollback
        i = at(anchor.line if anchor else None)
        if i is not None:
            after.setdefault(i, []).append(marker("recovery", token))
        alerts = spec.section("alerts")
        i = at(alerts.line if alerts else None)
        if i is not None and ops.alerts:
            after.setdefault(i, []).append(marker("alerts", token))
    placed: list[int] = []
    for table_line in slo_table_lines:
        i = at(table_line)
        if i is not None:
            before.setdefault(i, []).append(marker(f"slo:{table_line}", token))
            placed.append(table_line)

    if not lines:
        return Placement(f"\n{strip}\n\n", slo_tables=placed)
    # markers go between lines: at position p, those after line p - 1, then those before line p
    at_position: dict[int, list[str]] = {}
    for i, markers in after.items():
        at_position.setdefault(i + 1, []).extend(markers)
    for i, markers in before.items():
        at_position.setdefault(i, []).extend(markers)
    out: list[str] = []
    prev = 0
    for position in sorted(at_position):
        out.extend(lines[prev:position])  # the lines in between, copied in one go
        for mark_line in at_position[position]:
            out += ["", mark_line, ""]
        prev = position
    out.extend(lines[prev:])
    return Placement("\n".join(out) + "\n", slo_tables=placed)


@dataclass(frozen=True)
class TableColumns:
    """Cells to append to one rendered table: header cells, then per body row (in order) the
    cells and an optional CSS class; `notes`, HTML to put right after the table. `row_lines`:
    the file lines of those rows, for whoever adds a column."""

    headers: list[str]
    rows: list[tuple[list[str], str | None]]
    notes: str = ""
    row_lines: list[int] = field(default_factory=list)


_MARKER_START = "<!--opsspec:"
_MARKER_RE = re.compile(r"<!--opsspec:(strip|recovery|alerts|slo:(\d+))(?::([0-9a-f]+))?-->")


def fill_html(
    html: str,
    strip: str,
    recovery: str,
    alerts: str,
    tables: dict[int, TableColumns],
    token: str = "",
) -> str:
    """Replace the markers (those of `token`, see `marker`) in a page's HTML, in one pass over
    it. A marker whose table is not found is removed."""
    pieces = {"strip": strip, "recovery": recovery, "alerts": alerts}
    out: list[str] = []
    pos = 0
    at = html.find(_MARKER_START)  # str.find, not a regex scan: pages with a big nav are long
    while at != -1:
        m = _MARKER_RE.match(html, at)
        if m is not None and (m.group(3) or "") != token:
            m = None  # another conversion's marker, or text that looks like one
        if m is None or m.start() < pos:  # not a marker, or inside a table already copied
            at = html.find(_MARKER_START, at + 1)
            continue
        out.append(html[pos : m.start()])
        pos = m.end()
        at = html.find(_MARKER_START, pos)
        if m.group(2) is None:
            out.append(pieces.pop(m.group(1), ""))
            continue
        columns = tables.get(int(m.group(2)))
        start = html.find("<table", pos)
        end = html.find("</table>", start)
        if columns is None or start == -1 or end == -1:
            continue
        out.append(html[pos:start])
        out.append(_extend_table(html[start:end], columns))
        out.append("</table>" + columns.notes)
        pos = end + len("</table>")
    out.append(html[pos:])
    return "".join(out)


_TR_RE = re.compile(r"<tr(\s[^>]*)?>(.*?)</tr>", re.S)


def _extend_table(table: str, columns: TableColumns) -> str:
    head_end = table.find("</thead>")
    head, body = (table[:head_end], table[head_end:]) if head_end != -1 else ("", table)
    head = _TR_RE.sub(
        lambda m: f"<tr{m.group(1) or ''}>{m.group(2)}{''.join(columns.headers)}</tr>", head, 1
    )
    rows = iter(columns.rows)

    def row(m: re.Match[str]) -> str:
        cells, cls = next(rows, ([], None))
        attrs = m.group(1) or ""
        if cls:
            attrs += f' class="{cls}"'
        return f"<tr{attrs}>{m.group(2)}{''.join(cells)}</tr>"

    return head + _TR_RE.sub(row, body)
