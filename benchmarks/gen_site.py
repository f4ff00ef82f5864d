"""Make a synthetic MkDocs site of N features from the example site's template-sized specs.

    python benchmarks/gen_site.py OUT_DIR N [--ops-only] [--theme material|mkdocs] [--no-plugin]

Each feature gets the example site's specs (operations, technical, testing, ...) with its own
GUID, a name and cross-references rewritten, so sizes and structure match real specs.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
from pathlib import Path

EXAMPLE_DOCS = Path(__file__).resolve().parent.parent / "example-site" / "docs"
#: A filled-in copy of TEMPLATE-operations.md (template-sized, no findings), for ops-only sites.
TEMPLATE_SEED = Path(__file__).resolve().parent / "seed" / "operations.md"
SEED_GUID = "3f9a1c7e2b04"  # a fully filled-in feature of the example site
GUID_RE = re.compile(r"ybs-spec_([0-9a-f]{12})")


def guid_for(i: int) -> str:
    return hashlib.sha1(f"feature-{i}".encode()).hexdigest()[:12]


def seed_specs(ops_only: bool) -> dict[str, str]:
    if ops_only:
        text = TEMPLATE_SEED.read_text("utf-8")
        # no sibling specs in an ops-only site: drop the Related Specifications entry
        text = "\n".join(ln for ln in text.split("\n") if not ln.startswith("- **Technical**: `"))
        return {"operations": text}
    out = {}
    for path in sorted(EXAMPLE_DOCS.glob(f"*/ybs-spec_{SEED_GUID}.md")):
        spec_type = path.parent.name
        if ops_only and spec_type != "operations":
            continue
        out[spec_type] = path.read_text("utf-8")
    return out


def make_docs(docs: Path, n: int, ops_only: bool = False) -> int:
    seeds = seed_specs(ops_only)
    if docs.exists():
        shutil.rmtree(docs)
    for spec_type in seeds:
        (docs / spec_type).mkdir(parents=True)
    count = 0
    for i in range(n):
        guid = guid_for(i)
        other = guid_for((i + 1) % n)
        for spec_type, text in seeds.items():
            body = text.replace(SEED_GUID, guid)
            # point references to other features at a neighbour that exists
            body = GUID_RE.sub(
                lambda m, g=guid, o=other: f"ybs-spec_{g if m.group(1) == g else o}", body
            )
            body = body.replace("Order Intake API", f"Feature {i:05d}")
            (docs / spec_type / f"ybs-spec_{guid}.md").write_text(body, "utf-8")
            count += 1
    if not ops_only:
        shutil.copy(EXAMPLE_DOCS / "operations" / "_BASE.md", docs / "operations" / "_BASE.md")
        shutil.copy(EXAMPLE_DOCS / "technical" / "_BASE.md", docs / "technical" / "_BASE.md")
    (docs / "index.md").write_text("# Benchmark site\n\nGenerated specs.\n", "utf-8")
    return count


def write_config(root: Path, theme: str, plugin: bool) -> Path:
    plugins = ["search"] + (["opsspec"] if plugin else [])
    lines = [
        "site_name: Benchmark",
        "docs_dir: docs",
        f"theme:\n  name: {theme}",
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - tables\n  - admonition",
        "plugins:",
        *[f"  - {p}" for p in plugins],
    ]
    cfg = root / ("mkdocs.yml" if plugin else "mkdocs-noplugin.yml")
    cfg.write_text("\n".join(lines) + "\n", "utf-8")
    return cfg


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--ops-only", action="store_true")
    ap.add_argument("--theme", default="material")
    args = ap.parse_args()
    count = make_docs(args.out / "docs", args.n, args.ops_only)
    write_config(args.out, args.theme, plugin=True)
    write_config(args.out, args.theme, plugin=False)
    print(f"{count} spec files in {args.out / 'docs'}")


if __name__ == "__main__":
    main()
