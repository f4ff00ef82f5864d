"""The rule registry: every finding code, its area, default severity and one-line description.

Codes are stable and never reused. A retired rule stays in the registry with `deprecated=True`
(it no longer fires; configuring it is still accepted, with a warning).

`readiness` names the readiness check (`readiness.CHECKS`) a rule's findings fail: every error
rule has one, so a spec with an error finding never passes the check of its area (a test walks
the registry to hold this). Warnings may have one where they mean the same as the check.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Severity

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
) -> Rule:
    if code in RULES:
        raise ValueError(f"rule code {code} registered twice")
    rule = Rule(code, name, severity, summary, deprecated, readiness)
    RULES[code] = rule
    return rule


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

# --- input and detection (raised by the parser) -----------------------------------------------
NEAR_MISS_NAME = register(
    "OS001", "near-miss-file-name", W, "A file name looks like a spec's but is not recognised."
)
OUTSIDE_TYPE_FOLDER = register(
    "OS002", "spec-outside-type-folder", W, "A spec file lies outside the type folders."
)
NOT_UTF8 = register("OS003", "not-utf8", E, "The file is not valid UTF-8.", readiness="header")
NOT_VALIDATED = register(
    "OS004",
    "content-not-validated",
    I,
    "Content the parser cannot see (snippets, macros) is not validated.",
)
BAD_FRONT_MATTER = register(
    "OS005",
    "invalid-front-matter",
    E,
    "The front matter is not a valid YAML mapping.",
    readiness="header",
)
UNCLOSED_FENCE = register(
    "OS006", "unclosed-code-fence", W, "A code fence never closes, so it renders as plain text."
)
EMPTY_FILE = register("OS007", "empty-spec", E, "A spec file is empty.", readiness="header")
WEAK_DETECTION_SIGN = register(
    "OS008",
    "weak-detection-sign",
    I,
    "A page shows one weak sign of a spec (front matter 'type:' or a GUID field) and is not "
    "checked as one; 'opsspec: {type: ...}' in its front matter opts it in.",
)
OPSSPEC_FRONT_MATTER_INVALID = register(
    "OS009",
    "opsspec-front-matter-invalid",
    W,
    "The front matter's 'opsspec:' mapping has a key the plugin does not know, or a value of the "
    "wrong kind (it would do nothing).",
)
GENERATED_MARK_IGNORED = register(
    "OS010",
    "generated-mark-ignored",
    W,
    "A spec outside the generated pages' folder carries 'opsspec: {generated: true}' (the mark of "
    "'mkdocs-opsspec generate'): the mark is ignored and the spec is checked.",
)

# --- SLO monitoring files (raised while reading `slo_sources`; the drift rules: rules/drift.py)
SLO_SOURCE_INVALID = register(
    "OS901",
    "slo-source-invalid",
    E,
    "A monitoring file of slo_sources is not valid YAML, or one of its SLOs has no service, or "
    "a target or window that cannot be read.",
    readiness="slo",
)
SLO_SOURCE_UNRECOGNISED = register(
    "OS902",
    "slo-source-unrecognised",
    W,
    "A document of a monitoring file is neither OpenSLO nor Sloth.",
)
SLO_SOURCE_UNMATCHED = register(
    "OS903", "slo-source-unmatched", W, "A glob of slo_sources matches no file."
)
