"""Health check rules: the Health Checks section's endpoint, check frequency and success criteria.

Missing fields are reported for feature specs (a BASE spec's Health Checks are defaults, often
without success criteria); an unparseable frequency in every operations spec. A value that is a
template placeholder (`Every [X] seconds`) is reported by the placeholder rule only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..lexer import inline_text
from ..model import Finding, HealthCheck, Spec
from ..units import UnitError, parse_frequency
from . import RuleContext
from .common import finding, plain, quote
from .docs import Example, RuleDoc
from .registry import E, register
from .structure import unchecked


def _health(frequency: str = "Every 30 seconds", criteria: str | None = None) -> Example:
    """The spec's Health Checks section (`criteria` None: no Success Criteria line)."""
    lines = ["### Health Checks", "", "**Endpoint**: `/healthz`"]
    lines.append(f"**Check Frequency**: {frequency}")
    if criteria is not None:
        lines.append(f"**Success Criteria**: {criteria}")
    return Example("\n".join(lines))


HEALTH_FIELD_MISSING = register(
    "OS601",
    "health-check-field-missing",
    E,
    "The Health Checks section has no endpoint, no check frequency or no success criteria (one "
    "finding names the fields it lacks).",
    readiness="health_check",
    doc=RuleDoc(
        catches="""
            A Health Checks section of a feature spec without an Endpoint, a Check Frequency or
            Success Criteria (one finding names every field it lacks), or with one of them
            written without a value.
        """,
        why="""
            A health check is what the load balancer and the orchestrator use to take an
            instance out of service: which URL, how often, and what counts as healthy. Without
            the criteria nobody can tell a degraded instance from a healthy one.
        """,
        bad=_health(),
        fixed=_health(criteria="Status code 200 within 500ms"),
        accepts="""
            `**Endpoint**:` (also `Health Endpoint`, `URL`, `Path`), `**Check Frequency**:`
            (also `Frequency`, `Interval`, `Check Interval`), `**Success Criteria**:` (also
            `Criteria`, `Expected Response`, `Healthy When`), as bold fields, plain
            `Key: value` lines or list items.
        """,
    ),
)
HEALTH_FREQUENCY_INVALID = register(
    "OS602",
    "health-check-frequency-invalid",
    E,
    "The health check frequency is not a fixed interval ('Every 30 seconds').",
    readiness="health_check",
    doc=RuleDoc(
        catches="A Check Frequency that is not a fixed interval: `Every few seconds`, "
        "`On deploy`, `Continuously`.",
        why="""
            The interval, with the number of failed checks, decides how long a dead instance
            keeps receiving traffic; it has to be a number to be configured and reviewed.
        """,
        bad=_health(frequency="Every few seconds", criteria="Status code 200 within 500ms"),
        fixed=_health(frequency="Every 10 seconds", criteria="Status code 200 within 500ms"),
        accepts="`Every 30 seconds`, `every 10s`, `Every minute`, `30s`.",
    ),
)

#: Frequencies repeat across specs ("Every 30 seconds"); a parse is an immutable Duration.

_FIELDS = (
    ("endpoint", "Endpoint", "`/healthz`"),
    ("frequency", "Check Frequency", "Every 30 seconds"),
    ("success_criteria", "Success Criteria", "Status code 200, response time < 200ms"),
)


def _missing(spec: Spec, hc: HealthCheck) -> Iterator[Finding]:
    """One finding on the section's heading naming the fields it lacks, and one on the line of
    each field written without a value."""
    if spec.role != "feature":
        return
    absent: list[tuple[str, str]] = []
    for attr, title, example in _FIELDS:
        kv = getattr(hc, attr)
        if kv is None:
            absent.append((title, example))
        elif not plain(kv.value):
            yield _field_missing(spec, kv.line, [(title, example)])
    if absent:
        yield _field_missing(spec, hc.line, absent)


def _field_missing(spec: Spec, line: int | None, fields: list[tuple[str, str]]) -> Finding:
    names = " and no ".join(title.lower() for title, _ in fields)
    add = " and ".join(f"'**{title}**: {example}'" for title, example in fields)
    return finding(
        spec,
        HEALTH_FIELD_MISSING,
        line,
        f"the Health Checks section has no {names}: add {add}",
    )


def _frequency(spec: Spec, hc: HealthCheck) -> Iterator[Finding]:
    kv = hc.frequency
    if kv is None or not plain(kv.value):
        return
    text = inline_text(kv.value)
    try:
        interval = parse_frequency(text)
    except UnitError as exc:
        if not unchecked(spec, kv.value):
            yield finding(spec, HEALTH_FREQUENCY_INVALID, kv.line, f"health check frequency {exc}")
        return
    if interval.not_applicable or not interval.seconds:
        yield finding(
            spec,
            HEALTH_FREQUENCY_INVALID,
            kv.line,
            f"health check frequency {quote(text)} is not an interval: give how often the "
            "endpoint is checked, e.g. 'Every 30 seconds'",
        )


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    ops = spec.operations
    if ops is None or ops.health is None:
        return []
    return [*_missing(spec, ops.health), *_frequency(spec, ops.health)]
