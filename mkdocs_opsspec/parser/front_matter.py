"""The `opsspec:` mapping of a page's front matter, checked: a key nothing reads, or a value of the
wrong kind, would otherwise do nothing without a word (OS009).

    opsspec:
      type: operations        # opt the page in as a spec of this type
      ignore: [OS109]         # rule codes silenced on this page (one code, or a list)
      service: ledger         # the service its SLOs belong to (export, drift)
      sli: {...}              # SLI queries by metric (checked by `export`, with reasons)
      generated: true         # written by `mkdocs-opsspec generate` only
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..lexer import Document
from ..model import SPEC_TYPES, Finding
from ..rules import registry as R
from .header import front_matter_line

#: The keys of `opsspec:`, each with what it holds (for messages).
KEYS: dict[str, str] = {
    "type": f"a spec type ({', '.join(SPEC_TYPES)})",
    "ignore": "a rule code or a list of them, e.g. [OS109]",
    "service": "the service's name, e.g. ledger",
    "sli": "a mapping of metric -> SLI queries",
    "generated": "true, written by 'mkdocs-opsspec generate' only",
}


def opsspec_findings(path: str, doc: Document) -> list[Finding]:
    """A finding (OS009) for each problem of the front matter's `opsspec:` mapping."""
    if "opsspec" not in doc.front_matter:
        return []
    rule = R.OPSSPEC_FRONT_MATTER_INVALID
    return [
        Finding(path, _line(doc, key), rule.severity, rule.code, message)
        for key, message in _problems(doc.front_matter["opsspec"])
    ]


def _problems(cfg: object) -> Iterator[tuple[str | None, str]]:
    """(key, message) of each problem; key None: the mapping itself."""
    if not isinstance(cfg, dict):
        yield (
            None,
            (
                f"front matter 'opsspec' is {_kind(cfg)}: give a mapping of its keys, e.g. "
                "'opsspec: {type: operations}', or remove it"
            ),
        )
        return
    for key, value in cfg.items():
        name = str(key)
        if name not in KEYS:
            close = difflib.get_close_matches(name.lower(), KEYS, n=1)
            fix = f"did you mean '{close[0]}'? " if close else ""
            yield (
                name,
                (
                    f"front matter opsspec: unknown key '{name}', which does nothing: {fix}the "
                    f"keys are {', '.join(KEYS)} (see the README)"
                ),
            )
            continue
        problem = _value_problem(name, value)
        if problem is not None:
            yield name, f"front matter opsspec.{name} {problem}"


def _value_problem(key: str, value: object) -> str | None:
    """What is wrong with the value of a known key, or None."""
    if key == "type":
        if isinstance(value, str) and value.strip().lower() in SPEC_TYPES:
            return None
        return f"is {_kind(value)}, not a spec type: use one of {', '.join(SPEC_TYPES)}"
    if key == "ignore":
        codes = [value] if isinstance(value, str) else value
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            return f"is {_kind(value)}: give a rule code or a list of them, e.g. 'ignore: [OS109]'"
        from ..rules.table import all_rules  # every area module registered

        known = {r.code for r in all_rules()}
        unknown = [c for c in codes if c not in known]
        if unknown:
            return (
                f"names {', '.join(repr(c) for c in unknown)}, no rule code: use the codes "
                "'mkdocs-opsspec rules' lists (e.g. OS109)"
            )
        return None
    if key == "service":
        if isinstance(value, str) and value.strip():
            return None
        return f"is {_kind(value)}: give the service's name as text, e.g. 'service: ledger'"
    if key == "sli":
        if isinstance(value, dict):
            return None
        return f"is {_kind(value)}: give a mapping of metric -> queries (see the README)"
    # generated
    if isinstance(value, bool):
        return None
    return (
        f"is {_kind(value)}: only 'mkdocs-opsspec generate' writes this key, as "
        "'generated: true': remove it"
    )


def _kind(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else "a text"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return f"'{value}'"


def _line(doc: Document, key: str | None) -> int | None:
    """The line of `opsspec.key` in the front matter (block style), else of `opsspec:`."""
    start = front_matter_line(doc, "opsspec")
    if key is None or start is None:
        return start
    for i in range(start, max(doc.front_matter_end - 1, start)):
        text = doc.lines[i]
        if text[:1] not in (" ", "\t"):
            break  # the next top-level key
        if text.strip().startswith(f"{key}:"):
            return i + 1
    return start
