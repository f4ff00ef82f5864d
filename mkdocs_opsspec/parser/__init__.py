"""Parse one file into a `Spec` (or decide it is not one), with the findings of parsing.

`parse_file(path, data)` never raises on bad input: undecodable bytes, broken front matter,
missing sections and short table rows all give a model plus findings.
"""

from __future__ import annotations

import re
from itertools import islice

from .. import detect
from ..lexer import Document, lex, unescaped_text
from ..model import Finding, Section, Spec, Table
from ..rules import registry as R
from ..rules.secrets import find_secrets
from ..sections import build_sections, unique_slugs
from .front_matter import opsspec_findings
from .header import front_matter_line, front_matter_value, read_fields
from .links import (
    DEPENDENCY_SECTIONS,
    OPERATIONS_DEPENDENCY_SECTIONS,
    read_dependencies,
    read_refs,
    read_related,
)
from .operations import read_operations
from .scope import Scope

_MACRO_RE = re.compile(r"--8<--|\{\{.*?\}\}|\{%.*?%\}")


def decode(path: str, data: bytes) -> tuple[str, list[Finding]]:
    """UTF-8 text (BOM dropped); undecodable bytes are replaced and reported at their line."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = body.decode("utf-8", errors="replace")
        before = body[: exc.start]
        # lines as the lexer counts them: \r\n, \n and a lone \r each end one
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        offset = exc.start + len(data) - len(body)
        msg = (
            f"byte 0x{body[exc.start]:02x} at offset {offset} is not valid UTF-8: "
            "save the file as UTF-8 (the bad bytes are shown as U+FFFD)"
        )
        return text, [Finding(path, line, R.NOT_UTF8.severity, R.NOT_UTF8.code, msg)]


def parse_file(
    path: str, data: bytes | str, generated_dir: str = "opsspec"
) -> tuple[Spec | None, list[Finding]]:
    """Parse a file of docs_dir (`path` relative, forward slashes). Returns the spec (None when
    the file is not a spec) and findings that belong to no spec (near-miss file names, a bad
    `opsspec:` front matter). `generated_dir`: the docs folder of the generated pages, where a
    page marked as `generate`'s is none of the site's own."""
    findings: list[Finding] = []
    if isinstance(data, bytes):
        text, findings = decode(path, data)
    else:
        text = data[1:] if data.startswith("\ufeff") else data
    if not detect.might_be_spec(path, text):
        return None, _near_miss(path)
    spec, weak, loose = _parse(path, text, generated_dir)
    if spec is None:
        near = _near_miss(path)  # a near miss says how to rename it: no hint besides
        return None, findings + loose + (near or _weak_sign(path, weak))
    spec.findings[:0] = findings
    spec.findings.extend(_near_miss(path))
    return spec, []


def _near_miss(path: str) -> list[Finding]:
    found = detect.near_miss(path)
    if found is None:
        return []
    code, message = found
    rule = R.RULES[code]
    return [Finding(path, None, rule.severity, rule.code, message)]


def _weak_sign(path: str, weak: list[detect.WeakSign]) -> list[Finding]:
    """The hint for a page with one weak sign of a spec (OS008), if it gets one."""
    hint = detect.weak_sign_hint(weak)
    if hint is None:
        return []
    rule = R.WEAK_DETECTION_SIGN
    return [Finding(path, hint[0], rule.severity, rule.code, hint[1])]


def parse_text(path: str, text: str) -> Spec | None:
    """The spec of a file's text, or None when it is not one."""
    return _parse(path, text, "opsspec")[0]


def _parse(
    path: str, text: str, generated_dir: str
) -> tuple[Spec | None, list[detect.WeakSign], list[Finding]]:
    """The spec (or None); for a file that is not one, the weak signs it shows and the findings
    of its `opsspec:` front matter (a spec has them among its own)."""
    doc = lex(text)
    fm = doc.front_matter
    marked = detect.is_generated(fm)
    if marked and detect.in_folder(path, generated_dir):
        return None, [], []  # a page `generate` wrote
    h1 = next((h for h in doc.headings if h.level == 1), None)
    fields = read_fields(doc)
    options_findings = opsspec_findings(path, doc)
    found, weak = detect.detect(
        path,
        h1.text if h1 else None,
        fm,
        fields.get("guid"),
        front_matter_line(doc, "type") if "type" in fm else None,
    )
    if found is None:
        # a generated page elsewhere (`generate --out`) is no spec, and gets no hint
        return None, [] if marked else weak, options_findings
    spec_type = found.type
    spec = Spec(path=path, type=spec_type, role=found.role, detected_by=found.detected_by)
    spec.line_count = len(doc.lines)
    spec.document = doc
    spec.secrets = tuple(find_secrets(doc.lines))
    spec.front_matter = fm
    spec.filename_guid = detect.filename_guid(path)
    title_name = detect.type_from_title(h1.text if h1 else None)[1]
    _header(spec, doc, h1.text if h1 else None, h1.line if h1 else None, title_name)
    spec.fields = fields
    guid = fields.get("guid")
    spec.guid = guid.value if guid else spec.filename_guid
    anchors = unique_slugs([h.text for h in doc.headings])
    spec.heading_ids = tuple(anchors)
    spec.sections = build_sections(doc.headings, len(doc.lines), anchors)
    spec.tables = _tables(doc, spec.sections)
    spec.related = read_related(doc, spec.sections)
    # without HTML comments every visible line is a line of the text (see `macros` below)
    has_comments = "<!--" in text
    if has_comments or "$ref:" in text:
        spec.refs = read_refs(Scope(doc, doc.front_matter_end + 1, len(doc.lines)))
    if spec_type == "operations":
        spec.operations = read_operations(
            doc, spec.sections, {h.line: a for h, a in zip(doc.headings, anchors, strict=True)}
        )
        spec.dependencies = read_dependencies(doc, spec.sections, OPERATIONS_DEPENDENCY_SECTIONS)
    else:
        spec.dependencies = read_dependencies(
            doc, _inside_dependencies(spec.sections), {k: k for k in DEPENDENCY_SECTIONS}
        )
    # without HTML comments every visible line is a line of the text as written, so a macro
    # on one is in the text too (removing a comment could join one up)
    macros = has_comments or "--8<--" in text or "{{" in text or "{%" in text
    spec.findings.extend(_parse_findings(path, doc, macros))
    spec.findings.extend(options_findings)
    if marked:
        rule = R.GENERATED_MARK_IGNORED
        spec.findings.append(
            Finding(
                path,
                front_matter_line(doc, "opsspec"),
                rule.severity,
                rule.code,
                f"front matter 'opsspec: {{generated: true}}' marks a page 'mkdocs-opsspec "
                f"generate' wrote, but this spec lies outside '{generated_dir}/' (the "
                "generated pages' folder): it is checked as a spec; remove 'generated: true'",
            )
        )
    return spec, [], []


def _header(spec: Spec, doc: Document, h1: str | None, h1_line: int | None, title_name: str | None):
    fm = doc.front_matter
    fm_title = front_matter_value(fm.get("title"))
    fm_name = front_matter_value(fm.get("name"))
    spec.title = h1.strip() if h1 else fm_title
    spec.title_line = h1_line
    if fm_name:
        spec.name = fm_name
    elif title_name:
        spec.name = unescaped_text(title_name)  # `C\#` is "C#", as the page shows it
    elif fm_title:
        spec.name = detect.type_from_title(fm_title)[1] or fm_title


def _tables(doc: Document, sections: list[Section]) -> list[Table]:
    """Every table, with `section` set to the innermost matched section holding it: the last
    section (in document order) that starts before the table, ends after it and has a key."""
    out = []
    n = len(sections)
    k = 0  # sections[:k] start before the table (tables and sections are in line order)
    for _, table in doc.tables:
        line = table.line
        while k < n and sections[k].line < line:
            k += 1
        key = None
        for i in range(k - 1, -1, -1):
            s = sections[i]
            if s.key and s.end_line >= line:
                key = s.key
                break
        table.section = key
        out.append(table)
    return out


def _inside_dependencies(sections: list[Section]) -> list[Section]:
    deps = [s for s in sections if s.key == "dependencies"]
    return [
        s
        for s in sections
        if s.key in DEPENDENCY_SECTIONS and any(d.line < s.line <= d.end_line for d in deps)
    ]


def _parse_findings(path: str, doc: Document, macros: bool = True) -> list[Finding]:
    """`macros`: whether the text may hold a snippet include or macro at all."""
    out: list[Finding] = []
    if doc.front_matter_error is not None:
        line, msg = doc.front_matter_error
        out.append(
            Finding(
                path,
                line,
                R.BAD_FRONT_MATTER.severity,
                R.BAD_FRONT_MATTER.code,
                msg + ": fix the YAML between the '---' lines",
            )
        )
    if not any(line.strip() for line in islice(doc.lines, doc.front_matter_end, None)):
        out.append(
            Finding(
                path,
                None,
                R.EMPTY_FILE.severity,
                R.EMPTY_FILE.code,
                "the spec file is empty: start from the template of its type",
            )
        )
    if doc.unclosed_fence is not None:
        out.append(
            Finding(
                path,
                doc.unclosed_fence,
                R.UNCLOSED_FENCE.severity,
                R.UNCLOSED_FENCE.code,
                "code fence opened here never closes, so it renders as plain text: "
                "close it with a matching fence line",
            )
        )
    for line in doc.visible if macros else ():
        if ("--8<--" in line.text or "{{" in line.text or "{%" in line.text) and _MACRO_RE.search(
            line.text
        ):
            what = "snippet include" if "--8<--" in line.text else "macro"
            out.append(
                Finding(
                    path,
                    line.line,
                    R.NOT_VALIDATED.severity,
                    R.NOT_VALIDATED.code,
                    f"{what} is expanded at build time and not validated: "
                    "inline the content or check it by hand",
                )
            )
    return out
