"""The rule registry: every finding code, its area, default severity and one-line description.

Codes are stable and never reused. A retired rule stays in the registry with `deprecated=True`
(it no longer fires; configuring it is still accepted, with a warning).

`readiness` names the readiness check (`readiness.CHECKS`) a rule's findings fail: every error
rule has one, so a spec with an error finding never passes the check of its area (a test walks
the registry to hold this). Warnings may have one where they mean the same as the check.

`doc` is the rule's documentation (`docs.RuleDoc`: what it catches, why it matters, an example
and its fix), written beside its registration: the one source of the rules page, of
`mkdocs-opsspec rules CODE`, and of the test that checks every example as `check` does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Severity
from .docs import Example, ExampleFile, RuleDoc, header

AREAS: dict[str, str] = {
    "OS0": "Input and detection",
    "OS1": "Header",
    "OS2": "Structure",
    "OS3": "SLOs",
    "OS4": "Recovery and backups",
    "OS5": "Alerts and runbooks",
    "OS6": "Health checks",
    "OS7": "Links and families",
    "OS8": "Secrets",
    "OS9": "SLO monitoring (drift)",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    deprecated: bool = False
    readiness: str | None = None  # the key of the readiness check its findings fail
    doc: RuleDoc | None = None  # what it catches, why, and an example with its fix

    @property
    def area(self) -> str:
        return AREAS[self.code[:3]]


RULES: dict[str, Rule] = {}


def register(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    readiness: str | None = None,
    deprecated: bool = False,
    doc: RuleDoc | None = None,
) -> Rule:
    if code in RULES:
        raise ValueError(f"rule code {code} registered twice")
    rule = Rule(code, name, severity, summary, deprecated, readiness, doc)
    RULES[code] = rule
    return rule


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

# --- input and detection (raised by the parser) -----------------------------------------------
_HEADER = header()
NEAR_MISS_NAME = register(
    "OS001",
    "near-miss-file-name",
    W,
    "A file name looks like a spec's but is not recognised.",
    doc=RuleDoc(
        catches="""
            A Markdown file whose name starts like a spec's (`ybs-spec`, `ybs_spec`, `YBS-Spec`,
            ...) but is not `ybs-spec_<GUID>.md` with a GUID of 12 lowercase hexadecimal
            digits: `ybs-spec-0123456789ab.md`, `ybs-spec_0123456789AB.md`,
            `YBS-Spec_checkout.md`. The message names the file name to use.
        """,
        why="""
            The file name is how a spec is found and how its GUID joins it to the other specs
            of its feature. A near miss is not recognised by its name: unless its title or front
            matter makes it a spec, it is not checked at all, and it is missing from its feature
            page, the matrix and the portfolio.
        """,
        bad=Example(_HEADER, path="operations/ybs-spec-0123456789ab.md"),
        fixed=Example(_HEADER, path="operations/ybs-spec_0123456789ab.md"),
        accepts="""
            - `<type>/ybs-spec_<guid>.md` (a feature spec), `<type>/_BASE.md` (a BASE spec),
              `<type>/ybs-spec.md` and `architecture/ybs-decisions.md` (master documents), at
              any depth under docs_dir; `<type>` is one of business, functional, technical,
              testing, security, operations, architecture.
            - A language suffix of mkdocs-static-i18n: `ybs-spec_0123456789ab.fr.md`.
        """,
    ),
)
OUTSIDE_TYPE_FOLDER = register(
    "OS002",
    "spec-outside-type-folder",
    W,
    "A spec file lies outside the type folders.",
    doc=RuleDoc(
        catches="""
            A file named like a feature spec (`ybs-spec_<guid>.md`) that does not lie in a
            folder named after a spec type (`operations/`, `technical/`, ...).
        """,
        why="""
            The folder tells the spec's type. Outside a type folder the file is a spec only if
            its title (`# Operations Specification: ...`) or front matter says so; otherwise it
            is not checked, and its feature misses it.
        """,
        bad=Example(_HEADER, path="specs/ybs-spec_0123456789ab.md"),
        fixed=Example(_HEADER, path="specs/operations/ybs-spec_0123456789ab.md"),
        accepts="""
            Type folders at any depth: `operations/`, `platform/operations/`,
            `teams/payments/specs/operations/`.
        """,
    ),
)
NOT_UTF8 = register(
    "OS003",
    "not-utf8",
    E,
    "The file is not valid UTF-8.",
    readiness="header",
    doc=RuleDoc(
        catches="""
            Bytes that are not valid UTF-8, typically a file saved as Windows-1252 or Latin-1 by
            an older editor. The finding names the line and the byte offset of the first one.
        """,
        why="""
            MkDocs reads every page as UTF-8 and stops the build at the first file that is not.
            The plugin reads the file with the bad bytes replaced (shown as U+FFFD) so that the
            build goes on, but the text on the page is not what the author wrote.
        """,
        bad=Example(
            """
                ## Overview

                Checkout takes a customer's basket and turns it into an order.
                Escalation: Jürgen Müller, payments team.
            """,
            encoding="cp1252",
        ),
        fixed=Example(
            """
                ## Overview

                Checkout takes a customer's basket and turns it into an order.
                Escalation: Jürgen Müller, payments team.
            """
        ),
        accepts="UTF-8, with or without a byte order mark.",
    ),
)
NOT_VALIDATED = register(
    "OS004",
    "content-not-validated",
    I,
    "Content the parser cannot see (snippets, macros) is not validated.",
    doc=RuleDoc(
        catches="""
            A snippet include (`--8<--`, pymdownx.snippets) or a template macro of mkdocs-macros
            (an expression in double braces, a block tag) in a spec.
        """,
        why="""
            The checks read the file as it is written; what an include or macro puts there
            appears only when the site is built, so none of it is checked. An info finding, so
            that you know which parts of a spec nothing verifies.
        """,
        bad=Example(
            """
                ### Alerts

                --8<-- "includes/checkout-alerts.md"
            """
        ),
        fixed=Example(
            """
                ### Alerts

                #### Alert 1: Checkout errors
                - **Condition**: Error rate > 2% for 5 minutes
                - **Severity**: High
                - **Notification**: PagerDuty, checkout on-call
                - **Runbook**: [Checkout errors](#runbook-checkout-errors)
            """
        ),
    ),
)
BAD_FRONT_MATTER = register(
    "OS005",
    "invalid-front-matter",
    E,
    "The front matter is not a valid YAML mapping.",
    readiness="header",
    doc=RuleDoc(
        catches="""
            Front matter (the block between `---` lines at the top) that is not valid YAML, or
            that is YAML but not a mapping of keys to values. The message gives YAML's reason
            and the line.
        """,
        why="""
            MkDocs does not read front matter that is not valid YAML: the page shows it as text
            at its top, and loses its title, tags and options (`opsspec: {ignore: [...]}`,
            `opsspec: {service: ...}`); a header field given only there is lost as well.
        """,
        bad=Example(
            """
                ---
                title: Checkout: Operations
                tags: [checkout, payments]
                ---
            """
        ),
        fixed=Example(
            """
                ---
                title: "Checkout: Operations"
                tags: [checkout, payments]
                ---
            """
        ),
    ),
)
UNCLOSED_FENCE = register(
    "OS006",
    "unclosed-code-fence",
    W,
    "A code fence never closes, so it renders as plain text.",
    doc=RuleDoc(
        catches="""
            A fenced code block (three or more backticks or tildes) with no closing fence of the
            same character and at least the same length.
        """,
        why="""
            Markdown renders a fence that never closes as text: the code's lines run together
            into a paragraph with the backticks showing, and a `#` comment line in it becomes a
            heading.
        """,
        bad=Example(
            """
                ## Troubleshooting

                ### Debug Mode

                ```bash
                kubectl -n shop set env deployment/checkout LOG_LEVEL=debug
            """
        ),
        fixed=Example(
            """
                ## Troubleshooting

                ### Debug Mode

                ```bash
                kubectl -n shop set env deployment/checkout LOG_LEVEL=debug
                ```
            """
        ),
    ),
)
EMPTY_FILE = register(
    "OS007",
    "empty-spec",
    E,
    "A spec file is empty.",
    readiness="header",
    doc=RuleDoc(
        catches="""
            A spec file (by its path) with no content besides blank lines and front matter. It
            is reported once, with no other finding.
        """,
        why="""
            An empty spec still counts as its feature's spec of that type, so the matrix shows
            a spec where there is none.
        """,
        bad=Example("", part=False),
        fixed=Example(
            """
                # Operations Specification: Checkout

                **GUID**: 0123456789ab
                **Version**: 0.1.0
                **Status**: Draft
                **Last Updated**: 2026-11-20

                ## Overview

                Checkout takes a customer's basket and turns it into an order.
            """
        ),
    ),
)
WEAK_DETECTION_SIGN = register(
    "OS008",
    "weak-detection-sign",
    I,
    "A page shows one weak sign of a spec (front matter 'type:' or a GUID field) and is not "
    "checked as one; 'opsspec: {type: ...}' in its front matter opts it in.",
    doc=RuleDoc(
        catches="""
            A page with exactly one weak sign of a spec written in it, a front matter
            `type: operations` (or another spec type) or a `**GUID**:` field, and no other sign.
            Such a page is not a spec; the finding says how to make it one if it is meant to be.
        """,
        why="""
            A page meant as a spec that is not recognised is never checked and is missing from
            its feature. Two weak signs, or one strong sign (its path, a
            `# <Type> Specification: <name>` title, or front matter `opsspec: {type: ...}`),
            make a page a spec.
        """,
        bad=Example(
            """
                ---
                type: operations
                ---

                # Checkout on-call notes

                Who to call when Checkout pages, and what to check first.
            """,
            path="teams/payments/checkout.md",
            part=False,
        ),
        fixed=Example(
            """
                ---
                type: operations
                ---

                # Operations Specification: Checkout

                **GUID**: 0123456789ab
                **Version**: 1.4.0
                **Status**: Approved
                **Last Updated**: 2026-10-02
            """,
            path="teams/payments/checkout.md",
        ),
        accepts="""
            - Strong signs (one is enough): the path (`<type>/ybs-spec_<guid>.md`,
              `<type>/_BASE.md`, `<type>/ybs-spec.md`), the first H1
              (`# Operations Specification: Checkout`), front matter `opsspec: {type: operations}`.
            - Weak signs (two are needed): front matter `type: <spec type>`, a GUID field in the
              header or front matter, lying in a type folder (`operations/notes.md`). A page
              that only lies in a type folder (an index, a README) gets no finding.
        """,
    ),
)
OPSSPEC_FRONT_MATTER_INVALID = register(
    "OS009",
    "opsspec-front-matter-invalid",
    W,
    "The front matter's 'opsspec:' mapping has a key the plugin does not know, or a value of the "
    "wrong kind (it would do nothing).",
    doc=RuleDoc(
        catches="""
            A key of the front matter's `opsspec:` mapping that nothing reads (`servce:`), or a
            value of the wrong kind (`generated: "yes please"`, `ignore: OS999`,
            `type: operation`), on a spec or on any other page. The finding names the key it
            probably meant.
        """,
        why="""
            A misspelt key does nothing, silently: the page is not opted in, the rule is not
            silenced, the SLOs are exported under another service. Only a finding shows it.
        """,
        accepts="""
            `type` (a spec type: `operations`, `technical`, ...), `ignore` (a rule code or a
            list of them), `service` and `sli` (SLOs as code), `generated` (`true`, written by
            `mkdocs-opsspec generate` only).
        """,
        bad=Example(
            """
                ---
                opsspec: {servce: checkout}
                ---
            """
        ),
        fixed=Example(
            """
                ---
                opsspec: {service: checkout}
                ---
            """
        ),
    ),
)
GENERATED_MARK_IGNORED = register(
    "OS010",
    "generated-mark-ignored",
    W,
    "A spec outside the generated pages' folder carries 'opsspec: {generated: true}' (the mark of "
    "'mkdocs-opsspec generate'): the mark is ignored and the spec is checked.",
    doc=RuleDoc(
        catches="""
            A spec outside the generated pages' folder (`generated_dir`, default `opsspec/`)
            whose front matter carries `opsspec: {generated: true}`, the mark
            `mkdocs-opsspec generate` writes on its pages.
        """,
        why="""
            The mark keeps a generated page from being taken for a spec. Copied onto a real
            spec it would hide the spec from every check, so outside the generated folder it is
            ignored, and this finding says so.
        """,
        bad=Example(
            """
                ---
                opsspec: {generated: true}
                ---
            """
        ),
        fixed=Example(
            """
                ---
                title: Checkout operations
                ---
            """
        ),
    ),
)

# --- SLO monitoring files (raised while reading `slo_sources`; the drift rules: rules/drift.py)
#: The SLOs of the monitoring examples (OS901-OS908): one objective.
AVAILABILITY_SLO = """
    ## SLOs (Service Level Objectives)

    | Metric | Target | Measurement Window |
    |--------|--------|--------------------|
    | Availability | 99.9% | 30 days |
"""
#: The plugin option of the monitoring examples.
SLO_SOURCES = "slo_sources: [monitoring/*.yaml]"


def openslo(
    name: str, target: str, window: str = "30d", service: str = "checkout", title: str = ""
) -> str:
    """An OpenSLO v1 SLO of the monitoring examples (`title`: its displayName line)."""
    display = f"\n  displayName: {title}" if title else ""
    return f"""\
apiVersion: openslo/v1
kind: SLO
metadata:
  name: {name}{display}
spec:
  service: {service}
  indicatorRef: {name}
  budgetingMethod: Occurrences
  timeWindow:
    - duration: {window}
      isRolling: true
  objectives:
    - target: {target}
"""


def _monitored(*files: tuple[str, str], settings: str = SLO_SOURCES) -> Example:
    """The spec with AVAILABILITY_SLO, checked against monitoring files (path, text)."""
    return Example(
        AVAILABILITY_SLO,
        monitoring=tuple(ExampleFile(path, text) for path, text in files),
        settings=settings,
    )


_CHECKOUT_SLO = ("monitoring/checkout.yaml", openslo("checkout-availability", "0.999"))
#: A Prometheus rule file (no SLOs) of the monitoring examples.
_ALERT_RULES = """
    groups:
      - name: checkout
        rules:
          - alert: CheckoutErrors
            expr: job:http_errors:ratio_rate5m{job="checkout"} > 0.02
            for: 5m
"""
SLO_SOURCE_INVALID = register(
    "OS901",
    "slo-source-invalid",
    E,
    "A monitoring file of slo_sources is not valid YAML, or one of its SLOs has no service, or "
    "a target or window that cannot be read.",
    readiness="slo",
    doc=RuleDoc(
        catches="""
            A file matched by `slo_sources` that is not UTF-8 or not valid YAML, or an OpenSLO
            or Sloth SLO in it without a service, without objectives, or with a target or time
            window that cannot be read. The message names the file and line.
        """,
        why="""
            The SLOs of a file that cannot be read are not compared with the specs, so drift
            between the docs and what monitoring enforces goes unseen for that service.
        """,
        bad=_monitored(
            (
                "monitoring/checkout.yaml",
                openslo("checkout-availability", "0.999", title="Checkout: availability"),
            )
        ),
        fixed=_monitored(
            (
                "monitoring/checkout.yaml",
                openslo("checkout-availability", "0.999", title='"Checkout: availability"'),
            )
        ),
        accepts="""
            OpenSLO `openslo/v1` and `openslo/v1alpha` (kind `SLO`, with `target` from 0 to 1
            or `targetPercent` from 0 to 100, and a time window such as `30d`, `4w` or a
            calendar month, `1M` with `calendar:`), Sloth `prometheus/v1` files and the Sloth
            `PrometheusServiceLevel` resource. Several documents per file (`---`) are fine.
        """,
    ),
)
SLO_SOURCE_UNRECOGNISED = register(
    "OS902",
    "slo-source-unrecognised",
    W,
    "A document of a monitoring file is neither OpenSLO nor Sloth.",
    doc=RuleDoc(
        catches="""
            A YAML document in a file matched by `slo_sources` that is neither an OpenSLO
            object (`apiVersion: openslo/v1` or `openslo/v1alpha`) nor a Sloth spec, typically
            a Prometheus rule file or a Kubernetes manifest picked up by a broad glob.
        """,
        why="""
            Such a document has no SLOs to compare, so it is skipped; if it was meant to hold
            SLOs, its service's SLOs are not checked.
        """,
        bad=_monitored(
            _CHECKOUT_SLO,
            (
                "monitoring/checkout-alerts.yaml",
                _ALERT_RULES,
            ),
        ),
        fixed=_monitored(
            ("monitoring/slos/checkout.yaml", openslo("checkout-availability", "0.999")),
            (
                "monitoring/alerts/checkout.yaml",
                _ALERT_RULES,
            ),
            settings="slo_sources: [monitoring/slos/*.yaml]",
        ),
    ),
)
SLO_SOURCE_UNMATCHED = register(
    "OS903",
    "slo-source-unmatched",
    W,
    "A glob of slo_sources matches no file.",
    doc=RuleDoc(
        catches="""
            A pattern of the `slo_sources` option that matches no file. Patterns are relative to
            the folder of mkdocs.yml; `**` matches any number of folders.
        """,
        why="""
            A pattern that matches nothing is usually a typo or a moved folder: the SLOs it was
            meant to bring in are not compared with the specs.
        """,
        bad=_monitored(
            _CHECKOUT_SLO, settings="slo_sources: [monitoring/*.yaml, monitoring/payments/*.yaml]"
        ),
        fixed=_monitored(_CHECKOUT_SLO),
    ),
)
