"""Checks of SLI queries, as Sloth makes them (ported from Sloth's `pkg/common/validation`:
`isValidSLIQueryTemplate` and the PromQL dialect's `ValidateQueryExpression`):

- a query is a template that must contain the `{{.window}}` variable (spaces allowed inside
  the braces, as Sloth's `{{ *\\.window *}}`);
- rendered with a window of `1m`, it must parse as PromQL.

PromQL is parsed by `promql-parser` (PyPI; Rust bindings of the parser GreptimeDB uses), an
optional dependency: `pip install 'mkdocs-opsspec[export]'`.
"""

from __future__ import annotations

import re

#: Sloth's `conventions.TplSLIQueryWindowVarRegex`.
WINDOW_VAR_RE = re.compile(r"\{\{ *\.window *\}\}")
#: What Sloth renders `{{.window}}` as before it parses a query.
CHECK_WINDOW = "1m"
INSTALL_HINT = "pip install 'mkdocs-opsspec[export]'"


class ParserMissing(RuntimeError):
    """promql-parser is not installed."""


def template_error(query: str) -> str | None:
    if not query.strip():
        return "query template is required"
    if WINDOW_VAR_RE.search(query) is None:
        return "template must contain the {{ .window }} variable"
    return None


def expression_error(query: str) -> str | None:
    """Why `query` (rendered with a window of 1m) is no PromQL expression; None when it is.
    Raises ParserMissing without promql-parser."""
    if not query.strip():
        return "query is required"
    rendered = WINDOW_VAR_RE.sub(CHECK_WINDOW, query)
    if "{{" in rendered:
        return "uses a template action other than {{.window}}"
    try:
        import promql_parser
    except ImportError as exc:
        raise ParserMissing(f"checking PromQL needs promql-parser: {INSTALL_HINT}") from exc
    try:
        promql_parser.parse(rendered)
    except ValueError as exc:
        return f"is not PromQL: {exc}"
    return None
