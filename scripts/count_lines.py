"""Lines of code of a Python package: non-blank lines that are not comments or docstrings.

    python scripts/count_lines.py [PACKAGE_DIR]     # default: mkdocs_opsspec

Prints the count per file (largest first) and the total. A docstring is a string literal that
is the first statement of a module, class or function.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from pathlib import Path


def code_lines(source: str) -> int:
    """Lines holding code: not blank, not only a comment, not part of a docstring."""
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                docstrings.update(range(first.lineno, (first.end_lineno or 0) + 1))
    lines: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT):
            continue
        if tok.type in (tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        lines.update(range(tok.start[0], tok.end[0] + 1))
    return len(lines - docstrings)


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "mkdocs_opsspec")
    counts = {p: code_lines(p.read_text("utf-8")) for p in sorted(root.rglob("*.py"))}
    for path, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{n:6d}  {path}")
    print(f"{sum(counts.values()):6d}  total ({len(counts)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
