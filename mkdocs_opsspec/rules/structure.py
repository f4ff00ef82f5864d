"""Structure rules: required sections, and template placeholders left in a spec.

Also the helpers the other rule modules share: `finding` builds a Finding, `quote` shows a value
in a message, and `placeholder_reported` tells a value-format rule that the placeholder rule
already reports a value (so a template placeholder such as `[time]` is reported once, as a
placeholder, and not again as "not a duration").

Placeholders are matched against a closed list taken from the templates (TEMPLATE-*.md), never
as arbitrary substrings:

- bracket tokens (`[time]`, `[X]`, `[Feature Name]`, ...) anywhere in visible text, as a
  standalone bracket group: not a link (`[x](url)`, `[x][ref]`), not a task box at the start of
  a list item, not a reference definition or a reference that the page defines;
- whole values: a list item's text, a field's value (`**Condition**: When to trigger`), a table
  cell or a heading that is exactly a template text (`Step 1`, `What it does`, `param1`), after
  stripping emphasis, code marks and surrounding whitespace. `Step 10 of the migration` and
  `Service 1 Gateway` are not placeholders. Label-like texts (`Step 1`, `Expected load`,
  `Backup frequency`) only count as list items or field values, because a real two-column
  table may well have a row labelled `Backup frequency`.

Severity: two codes, so that baselines and severity overrides keep working when a spec's status
changes: OS202 (error) when the spec is Approved or Implemented, OS203 (warning) otherwise
(Draft, Review, a custom status, or no status at all).
"""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from operator import attrgetter

from ..lexer import Document, VisibleLine
from ..model import Finding, Spec
from ..parser.scope import key_value, section_scope
from ..sections import SECTION_TITLES
from ..statuses import is_final
from . import RuleContext
from .common import finding, joined, plain, quote
from .docs import Example, RuleDoc, header, rollback
from .registry import E, W, register

REQUIRED_SECTION_MISSING = register(
    "OS201",
    "required-section-missing",
    E,
    "An operations spec lacks required sections (the plugin's 'required_sections'); one "
    "finding names them all.",
    readiness="sections",
    doc=RuleDoc(
        catches="""
            An operations feature spec without a heading for one of the required sections:
            by default Rollback Procedure, Health Checks, Alerts, SLOs and Disaster Recovery.
            One finding names every section that is missing. Headings are matched by meaning,
            not letter for letter (see below).
        """,
        why="""
            These sections are what on-call needs during an incident and what the other checks
            and the spec page read: without a Disaster Recovery section there is no RTO to
            check, without an SLOs section no error budget to show.
        """,
        bad=Example("## Deployment\n\n" + rollback("### Rolling back")),
        fixed=Example("## Deployment\n\n" + rollback("### Rollback Plan")),
        accepts="""
            A heading of level 2 to 4 means a section when, after numbering, emoji, punctuation
            and case are set aside (`&` reads as `and`, a part in parentheses may be dropped):

            - it is one of the section's names: `Rollback Procedure`, `Rollback`,
              `Rollback Plan`; `Health Checks`, `Health Check`; `Alerts`, `Alerting`,
              `Alert Policies`; `SLOs`, `SLO`, `Service Level Objectives`, `SLO Targets`;
              `Disaster Recovery`, `DR`;
            - or it starts with one and every further word names a part of the same subject:
              `Health Check Endpoints`, `Rollback Plan and Procedures`, `SLOs and Error
              Budgets`, `Disaster Recovery & Restoration Verification`;
            - or it joins such names with `and`: `Monitoring and Alerts`, `Backup & Disaster
              Recovery`.

            Any other word makes it no section: `Alerts We Retired` or `History of Rollbacks`
            is not the section. The `required_sections` option sets the list (titles or keys
            such as `health_checks`).
        """,
    ),
)
_PLACEHOLDERS = """
    A closed list taken from the spec templates, never arbitrary text:

    - bracket placeholders anywhere in the text: `[time]`, `[X]`, `[Feature Name]`,
      `[YYYY-MM-DD]`, `[Critical | High | Medium | Low]`, ... (a Markdown link, a task box
      `- [ ]` or a reference the page defines is not one);
    - template texts as a whole value (a list item, a field's value, a table cell, a heading):
      `When to trigger`, `Who/what to notify`, `What it does`, `param1`, ...;
    - template labels as a whole list item or field value only: `Step 1`, `Backup frequency`,
      `Expected load`, ... (`Step 10 of the migration` and a table row labelled `Backup
      frequency` are real content).
"""
PLACEHOLDER = register(
    "OS202",
    "template-placeholder",
    E,
    "A template placeholder ('[time]', 'Step 1', ...) is left in an Approved or Implemented spec.",
    readiness="final_status",
    doc=RuleDoc(
        catches="""
            Text of the spec template left unfilled in a spec whose Status is Approved or
            Implemented. The same text in a spec that is not approved yet is OS203, a warning.
        """,
        why="""
            An approved spec is what people rely on; `[time]` where the RTO should be is a
            promise nobody made. Other checks skip a placeholder (it is reported once, here).
        """,
        bad=Example(rollback(rto="[time]")),
        fixed=Example(rollback()),
        accepts=_PLACEHOLDERS,
    ),
)
PLACEHOLDER_DRAFT = register(
    "OS203",
    "template-placeholder-draft",
    W,
    "A template placeholder is left in a spec that is not yet approved (Draft, Review, no status).",
    readiness="final_status",
    doc=RuleDoc(
        catches="""
            Text of the spec template left unfilled in a spec that is not approved yet (Draft,
            Review, another status or none). Once the spec is Approved, the same text is OS202,
            an error.
        """,
        why="A reminder of what is left to write before the spec is approved.",
        bad=Example(
            header(status="Draft")
            + textwrap.dedent(
                """
                ## Deployment

                ### Rollback Procedure

                If deployment fails:
                1. Step 1
                2. Step 2
                3. Verification

                **RTO**: 15 minutes
                **RPO**: 0 (a rollback writes no data)
                """
            )
        ),
        fixed=Example(header(status="Draft") + "\n## Deployment\n\n" + rollback()),
        accepts=_PLACEHOLDERS,
    ),
)


# --- the closed placeholder lists ----------------------------------------------------------------

#: Texts of the templates' bracket placeholders (without the brackets).
BRACKET_TOKENS: frozenset[str] = frozenset(
    t.casefold()
    for t in (
        # TEMPLATE-operations.md
        "Feature Name",
        "12-hex-guid",
        "Draft | Review | Approved | Implemented",
        "YYYY-MM-DD",
        "time",
        "time/data loss",
        "data loss",
        "X",
        "feature-name",
        "Alert Name",
        "Critical | High | Medium | Low",
        "Failure Type",
        "Problem",
        "Scenario",
        "guid",
        # TEMPLATE-BASE-operations.md
        "System Name",
        "Terraform | CloudFormation | Pulumi | Other",
        "Link to infra repo",
        "Rolling | Blue-Green | Canary",
        "Prometheus | Datadog | New Relic | Other",
        "Link to dashboard",
        "ELK Stack | Splunk | CloudWatch | Other",
        "Link",
        "Issue Name",
        "metric/log",
        "condition",
        "dashboard",
        "description",
        "threshold",
        "Special deployment considerations for this feature",
        # TEMPLATE-business.md
        "user type",
        "feature",
        "benefit",
        "Metric 1",
        "Metric 2",
        "Metric 3",
        "Target value",
        "Quantifiable benefit 1",
        "Quantifiable benefit 2",
        "estimate",
        "low/medium/high",
        "User persona 1",
        "User persona 2",
        "User persona 3",
        "Criterion 1",
        "Criterion 2",
        "Criterion 3",
        # TEMPLATE-functional.md
        "Primary Use Case",
        "Secondary Use Case",
        # TEMPLATE-technical.md
        "language",
        "what to test",
        "yes/no, details",
        "steps",
        "External doc 1",
        "External doc 2",
        # TEMPLATE-testing.md
        "percentage or coverage target",
        "what requires manual testing",
        "Component Name",
        "Test name",
        "Integration Point",
        "User Workflow",
        "Error Type",
        "Performance Metric",
        "Other security concerns",
        # TEMPLATE-security.md
        "Attack Type",
        "Low | Medium | High",
        "Other events",
        "specify",
        # TEMPLATE-architecture.md
        "Decision Title",
        "Proposed | Accepted | Deprecated | Superseded",
        "System Context Diagram",
        "Component Diagram",
        "Data Model Diagram or Schema",
        "Data Flow Diagram",
        "API Specification or OpenAPI Schema",
        "Internal Interface Definitions",
        "Deployment Diagram",
        "entry point",
        "criteria",
        "transformations",
        "data",
        "results",
        "Tech",
        "Risk Description",
    )
)

#: Template texts that are placeholders wherever they are a whole value (cell, item, field value,
#: heading): instructions and questions nobody writes as real content.
SENTENCES: tuple[str, ...] = (
    # TEMPLATE-operations.md
    "param1",
    "param2",
    "value1",
    "value2",
    "What it does",
    "Where stored, how injected",
    "/health or equivalent",
    "When to trigger",
    "Who/what to notify",
    "Link to response procedure",
    "Deployment method (rolling, blue-green, canary, etc.)",
    "Can this feature scale horizontally?",
    "What are the considerations?",
    "When to scale up/down",
    "What to backup",
    "Tasks to perform daily",
    "Tasks to perform weekly",
    "Tasks to perform monthly",
    "What users see",
    "How to identify",
    "How to fix",
    "How to avoid",
    "When to escalate, to whom",
    "What happens if it fails",
    "Impact if this feature fails",
    # TEMPLATE-functional.md
    "Description of what it does",
    "Nice-to-have functionality",
    "What the user wants to accomplish",
    "How to know it worked",
    "What happens and how system responds",
    "When it occurs, what user sees, how to recover",
    # TEMPLATE-technical.md
    "Time complexity: O(?)",
    "Space complexity: O(?)",
    # TEMPLATE-testing.md
    "What we're testing",
    "What we're not testing",
    "Required components and state",
    "What to test",
    "What to check",
    "How to reset",
    "What should happen",
    "How to verify success",
    "How to trigger this case",
    "How to cause this error",
    "Error message, status code, recovery",
    "What to measure",
    # TEMPLATE-security.md
    "Description, sensitivity level",
    "Motivation, capabilities",
    "How the attack works",
    "How we prevent/detect/respond",
    "Applicable? Mitigation?",
    "Validation rules, sanitization method",
    "How stored, how accessed, rotation policy",
    "Which algorithm, why chosen",
    "How keys are generated, stored, rotated",
    "What information is captured",
    "Where logs go, retention period",
    "How logs are secured",
    "How to detect breach",
    "What to analyze",
    "How to restore",
    "What to learn",
    "What compliance requirements apply",
    "How does this feature authenticate users/systems?",
    "What authentication mechanisms are used?",
    "What permissions are required?",
    "How are access controls enforced?",
    "What sensitive data is handled?",
    "How is data protected at rest?",
    "How is data protected in transit?",
    # TEMPLATE-architecture.md
    "What situation requires a decision?",
    "What did we decide?",
    "Why did we make this decision?",
    "Why not chosen",
    "Why chosen",
    "What we gain",
    "What we lose",
    "What could go wrong",
    "Description, responsibilities",
    "Database/File/Cache/etc.",
    "JSON/Binary/etc.",
    "Link or description",
    "How long data is kept",
    "REST/gRPC/etc.",
    "How authenticated",
    "JSON/XML/etc.",
    "How errors handled",
    "How retries work",
    "CPU, memory, instances",
    "Type, size, IOPS",
    "Bandwidth, latency requirements",
    "What's needed",
    "Response time requirements",
    "Simultaneous users/operations",
    "Can we add more instances?",
    "Can we add more resources?",
    "How failures are handled",
    "How system recovers",
    "How users are authenticated",
    "How access is controlled",
    "What's encrypted, how",
    "How components are separated",
    "How easy to test",
    "How easy to debug",
    "How to reduce risk",
    "What if it happens",
)

#: Template labels: placeholders as a whole list item or field value only (a table may have a
#: real row labelled "Backup frequency", a list of steps a real row "Step 1").
LABELS: tuple[str, ...] = (
    # TEMPLATE-operations.md
    "Required infrastructure",
    "Required services",
    "Configuration needed",
    "Deployment commands/scripts",
    "Step 1",
    "Step 2",
    "Step 3",
    "Auto-scaling triggers",
    "Resource requirements",
    "Scaling limits",
    "Expected load",
    "Growth projections",
    "Resource recommendations",
    "Backup frequency",
    "Backup retention",
    "Backup location",
    "Recovery steps",
    "Recovery procedure",
    "Migration strategy",
    "Triggering conditions",
    "Assess situation",
    "Take action",
    # TEMPLATE-functional.md
    "User action",
    "System response",
    "Constraint 1",
    "Constraint 2",
    "Anti-pattern 1",
    "Anti-pattern 2",
    # TEMPLATE-testing.md
    "Initial state",
    "Action taken",
    "Expected result",
    "Acceptable threshold",
    "Test conditions",
    # TEMPLATE-security.md
    "Immediate actions",
    "Source of entropy",
    # TEMPLATE-architecture.md
    "Consistency guarantees",
    "Long-term storage strategy",
)

#: Template keys that stand for a name still to be written (`- **Service 1**: ...`).
KEYS: tuple[str, ...] = ("Service 1", "Service 2", "Secret 1", "Secret 2")


def _norm(text: str) -> str:
    return plain(text).casefold()


_SENTENCE_SET = frozenset(_norm(s) for s in SENTENCES)
_VALUE_SET = _SENTENCE_SET | frozenset(_norm(s) for s in LABELS + KEYS)
_KEY_SET = frozenset(_norm(s) for s in KEYS)


def _variants(words: Iterable[str]) -> set[str]:
    """The words as in the template, all lowercase, and with the first letter's case swapped."""
    out: set[str] = set()
    for w in words:
        out.update((w, w.lower(), w[:1].lower() + w[1:], w[:1].upper() + w[1:]))
    return out


def _reversed_trie(words: Iterable[str]) -> str:
    """A pattern for a text that starts with one of `words` reversed: a trie, which `re` walks
    one character at a time (an alternation of the words would try each in turn). A word that
    ends where another one goes on stands for both: the pattern only tells whether one fits."""
    root: dict[str, dict] = {}
    for word in sorted({w[::-1] for w in words}, key=len):
        node = root
        for c in word:
            node = node.setdefault(c, {})
            if "" in node:
                break
        else:
            node[""] = {}

    def alternatives(node: dict[str, dict]) -> str:
        if "" in node:
            return ""
        alts = [re.escape(c) + alternatives(sub) for c, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return alternatives(root)


# The prefilter: one pass over the visible lines with cheap tests (a placeholder ends its line,
# its table cell or its bold key), so that a spec without placeholders costs little. A line that
# passes is only a candidate; candidates are then checked exactly. The endings are matched as in
# the template, all lowercase, or with the first letter's case changed.
_WHOLE = _variants((*SENTENCES, *LABELS, *KEYS, "`/health` or equivalent"))
_TAIL = min(len(w) for w in _WHOLE)
#: Last _TAIL characters -> the placeholders ending with them.
_ENDINGS: dict[str, tuple[str, ...]] = {}
for _w in sorted(_WHOLE):
    _ENDINGS[_w[-_TAIL:]] = (*_ENDINGS.get(_w[-_TAIL:], ()), _w)
_LAST_CHARS = frozenset(w[-1] for w in _WHOLE)
_JUNK = " \t*_`:"  # may follow a value at the end of a line
_JUNK_CHARS = frozenset(_JUNK)
#: In the reversed text: blanks (a table cell is stripped of any), junk, then a `_WHOLE` text;
#: after a line break (a line's end, `_ENDS_RE`) or a pipe (a table cell's end, but for the last
#: cell of a row without an outer pipe: `_CELL_ENDS_RE`). Blanks and junk are taken
#: possessively: no `_WHOLE` text ends with a blank or junk character.
_BEFORE_RE = r"[^\S\n]*+[" + re.escape(_JUNK) + "]*+" + _reversed_trie(_WHOLE)
_ENDS_RE = re.compile("\n" + _BEFORE_RE)
_CELL_ENDS_RE = re.compile(r"\|" + _BEFORE_RE)
#: Template keys (`**Service 1**:`) end with a digit and the bold marker: "1**", "1:**", ...
_KEY_PROBE_RE = re.compile(r"[12]:?\*\*")
#: A bracket group that is not a link or reference link (the character before it is checked in
#: Python: a lookbehind here would make every position of the text an attempt).
_BRACKET_RE = re.compile(r"\[([^\[\]\n]{1,80})\](?![(\[])")
_MACRO_RE = re.compile(r"--8<--|\{\{.*?\}\}|\{%.*?%\}")
_REF_DEF_LINE_RE = re.compile(r" {0,3}\[([^\[\]]+)\]:")
_ITEM_MARKER_RE = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_TASK_BOX_RE = re.compile(r"\[[ xX]\][ \t]+")
_GLUED = re.compile(r"[A-Za-z0-9\\]")
_LINE = attrgetter("line")


def bracket_tokens(text: str) -> list[re.Match[str]]:
    """The template bracket placeholders in a piece of text: standalone bracket groups (not a
    link, not right after a letter, digit or backslash) whose text is a template token."""
    if "[" not in text:
        return []
    return [
        m
        for m in _BRACKET_RE.finditer(text)
        if m.group(1).strip().casefold() in BRACKET_TOKENS
        and (m.start() == 0 or not _GLUED.match(text, m.start() - 1))
    ]


def is_template_placeholder(value: str | None) -> bool:
    """Whether a field value is (or contains) a template placeholder."""
    if not value:
        return False
    return bool(bracket_tokens(value)) or _norm(value) in _VALUE_SET


def placeholder_reported(spec: Spec, value: str | None) -> bool:
    """Whether the placeholder rule reports `value` (so other rules skip it)."""
    return spec.role == "feature" and is_template_placeholder(value)


def unchecked(spec: Spec, value: str | None) -> bool:
    """Whether value-format rules skip a value: a placeholder the placeholder rule reports, or
    a macro / snippet expanded at build time (OS004 says it is not validated)."""
    if not value:
        return False
    if ("{{" in value or "{%" in value or "--8<--" in value) and _MACRO_RE.search(value):
        return True
    return placeholder_reported(spec, value)


# --- required sections -------------------------------------------------------------------------


def _required_sections(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    """One finding naming every required section the spec lacks (one cause, one finding)."""
    if spec.operations is None:
        return
    present = {key for s in spec.sections for key in s.keys}
    titles = [
        SECTION_TITLES.get(key, key.replace("_", " ").title())
        for key in ctx.required_sections
        if key not in present
    ]
    if len(titles) == 1:
        message = (
            f"required section {quote(titles[0])} is missing: add a '{titles[0]}' heading with "
            "its content as in the operations template, or remove the section from the "
            "'required_sections' option"
        )
    elif titles:
        message = (
            f"required sections {joined([quote(t) for t in titles])} are missing: add a heading "
            "for each with its content as in the operations template, or remove them from the "
            "'required_sections' option"
        )
    else:
        return
    yield finding(spec, REQUIRED_SECTION_MISSING, spec.title_line, message)


# --- placeholders ------------------------------------------------------------------------------


def _candidates(spec: Spec, doc: Document) -> list[VisibleLine]:
    """Visible lines that may hold a placeholder (a superset: each is checked exactly after).

    This runs over every line of every spec, so the lines are searched joined, in C: a
    whole-value placeholder ends its line or its table cell (before `_JUNK`), which `_ENDS_RE`
    and `_CELL_ENDS_RE` find in the reversed text; a bracket placeholder is found by
    `bracket_tokens`. Only the lines found are looked at in Python, and the table cells only
    when a cell may end like a placeholder (key names are looked at separately).
    """
    visible = doc.visible
    text = "\n".join([v.text for v in visible])
    rev = (text + "\n")[::-1]  # each line's end follows a line break, each cell's end a pipe
    out: list[VisibleLine] = []
    suspects: list[int] = []  # lines with "[" that end like a placeholder
    ends = _line_ends(rev, len(visible))
    for k in ends:
        v = visible[k]
        if "[" in v.text:
            if _suspect(v.text):
                suspects.append(k)
        elif _ends_value(v):
            out.append(v)
    if "[" in text:
        hits = _bracket_lines(text)
        hits.update(suspects)
        out.extend(visible[k] for k in sorted(hits))
    lines = _key_lines(spec, doc)
    if ends or ("|" in text and _CELL_ENDS_RE.search(rev) is not None):
        lines |= _suspect_rows(doc)
    if lines:
        for line in lines:
            k = bisect_left(visible, line, key=_LINE)
            if k < len(visible) and visible[k].line == line:
                out.append(visible[k])
    if len(out) > 1:
        out = sorted({v.line: v for v in out}.values(), key=_LINE)
    return out


def _line_ends(rev: str, n: int) -> list[int]:
    """Indexes (0-based, ascending) of the `n` lines of a text, `rev` reversed after a line
    break is added, that end with a `_WHOLE` text give or take `_JUNK` and blanks after it (a
    superset of the lines `_ends_value` and `_suspect` take, and of the rows whose last cell
    `_suspect_rows` takes)."""
    if n == 0:
        return []
    found: list[int] = []
    seen, pos = 0, 0  # line breaks before pos
    for m in _ENDS_RE.finditer(rev):
        seen += rev.count("\n", pos, m.start())
        pos = m.start()
        found.append(n - 1 - seen)
    found.reverse()
    return found


def _ends_value(v: VisibleLine) -> bool:
    """Whether a line without "[" may end with a whole-value placeholder: a list item, a bold
    field line or a heading whose text ends with a `_WHOLE` text, give or take `_JUNK`."""
    t = v.text
    if t[-1] not in _LAST_CHARS:
        if t[-1] not in _JUNK_CHARS:
            return False
        t = t.rstrip(_JUNK)
        if not t or t[-1] not in _LAST_CHARS:
            return False
    if v.item or "*" in t or t[0] == "#":
        ends = _ENDINGS.get(t[-_TAIL:])
        return ends is not None and t.endswith(ends)
    return False


def _bracket_lines(text: str) -> set[int]:
    """Indexes (0-based) of the lines of `text` with a bracket placeholder."""
    hits: set[int] = set()
    line, pos = 0, 0
    for m in bracket_tokens(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        hits.add(line)
    return hits


def _suspect_rows(doc: Document) -> set[int]:
    """Table rows with a cell that ends like a placeholder (inlined `_suspect`)."""
    rows: set[int] = set()
    endings, last_chars, junk_chars, n = _ENDINGS, _LAST_CHARS, _JUNK_CHARS, -_TAIL
    for _, table in doc.tables:
        for row in table.rows:
            for c in row.cells:
                if not c:
                    continue
                if c[-1] in junk_chars:
                    c = c.rstrip(_JUNK)
                    if not c:
                        continue
                if c[-1] in last_chars:
                    ends = endings.get(c[n:])
                    if ends is not None and c.endswith(ends):
                        rows.add(row.line)
                        break
    return rows


def _suspect(text: str) -> bool:
    """The ending test of `_candidates`, for one bracket line or table cell."""
    text = text.rstrip(_JUNK)
    if not text or text[-1] not in _LAST_CHARS:
        return False
    ends = _ENDINGS.get(text[-_TAIL:])
    return ends is not None and text.endswith(ends)


def _key_lines(spec: Spec, doc: Document) -> set[int]:
    """Lines whose bold key is a template key (`**Service 1**:`, `**Secret 1**:`): the parsed
    dependency names, and the Secrets section's lines."""
    out = {
        d.line
        for d in spec.dependencies
        if d.name and d.name[-1] in "12" and _norm(d.name) in _KEY_SET
    }
    section = spec.section("secrets")
    if section is not None:
        for v in section_scope(doc, section).lines():
            t = v.text
            if "**" in t and _KEY_PROBE_RE.search(t) is not None:
                out.add(v.line)
    return out


class _Page:
    """Lazily built lookups over one document, for the few lines the prefilters pick."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.rows = {r.line: r.cells for _, t in doc.tables for r in t.rows}
        self.headers = {t.line for _, t in doc.tables}
        self.headings = {h.line: h.text for h in doc.headings}
        self._refs: set[str] | None = None

    def defines(self, label: str) -> bool:
        """Whether the page defines a link reference `[label]: url`."""
        if self._refs is None:
            self._refs = {
                m.group(1).strip().casefold()
                for line in self.doc.visible
                if "]:" in line.text and (m := _REF_DEF_LINE_RE.match(line.text)) is not None
            }
        return label.strip().casefold() in self._refs


def _values(page: _Page, v: VisibleLine) -> list[tuple[str, frozenset[str]]]:
    """(text, placeholders it may be) for each whole value on a line."""
    if v.line in page.rows:
        return [(c, _SENTENCE_SET) for c in page.rows[v.line]]
    if v.line in page.headings:
        return [(page.headings[v.line], _SENTENCE_SET)]
    if v.line in page.headers:
        return []
    out: list[tuple[str, frozenset[str]]] = []
    if v.item:
        body = _without_marker(v.text)
        m = _TASK_BOX_RE.match(body)
        out.append((body[m.end() :] if m else body, _VALUE_SET))
    kv = key_value(v)
    if kv is not None:
        out.append((kv.key, _KEY_SET))
        out.append((kv.value, _VALUE_SET))
    return out


def _without_marker(text: str) -> str:
    """A line without its list marker (`- `, `1. `), if it has one."""
    m = _ITEM_MARKER_RE.match(text)
    return text[m.end() :] if m else text


def _task_box_at(v: VisibleLine) -> int:
    """Where the task box of a list item `- [x] ...` starts (-1 if the line has none)."""
    if not v.item:
        return -1
    m = _ITEM_MARKER_RE.match(v.text)
    if m is None or _TASK_BOX_RE.match(v.text, m.end()) is None:
        return -1
    return m.end()


def _holder(page: _Page, v: VisibleLine, token: str) -> str:
    """The value (heading, cell, field value, item) that holds a bracket placeholder."""
    if v.line in page.rows:
        return next((c for c in page.rows[v.line] if token in c), v.text.strip())
    if v.line in page.headings:
        return page.headings[v.line]
    kv = key_value(v)
    if kv is not None and token in kv.value:
        return kv.value
    return _without_marker(v.text).strip()


def _line_placeholders(page: _Page, v: VisibleLine) -> Iterator[tuple[str, str | None]]:
    """(placeholder, the value holding it or None) for each placeholder on a line."""
    text = v.text
    if "[" in text and _REF_DEF_LINE_RE.match(text) is None:
        box = _task_box_at(v)
        holders: dict[str, str] = {}
        for m in bracket_tokens(text):
            if m.start() == box or page.defines(m.group(1)):
                continue
            token = m.group(0)
            if token not in holders:
                holders[token] = _holder(page, v, token)
            yield token, holders[token]
    for value, allowed in _values(page, v):
        if _norm(value) in allowed:
            yield plain(value), None


def _placeholders(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    doc = spec.document
    if doc is None:
        return
    lines = _candidates(spec, doc)
    if not lines:
        return
    final = is_final(plain(spec.status))
    rule = PLACEHOLDER if final else PLACEHOLDER_DRAFT
    if final:
        fix = f"replace it with the real value (the spec is {quote(plain(spec.status))})"
    else:
        fix = "replace it with the real value before the spec is approved"
    page = _Page(doc)
    messages: dict[tuple[str, str | None], str] = {}  # a line may repeat one placeholder
    for v in lines:
        for token, holder in _line_placeholders(page, v):
            message = messages.get((token, holder))
            if message is None:
                where = f" in {quote(plain(holder))}" if holder and holder != token else ""
                message = f"template placeholder {quote(token)} is left{where}: {fix}"
                messages[(token, holder)] = message
            yield finding(spec, rule, v.line, message)


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    if spec.role != "feature":
        return []
    return [*_required_sections(spec, ctx), *_placeholders(spec, ctx)]
