"""The dependency graph tests' fixture: five features whose specs declare every kind of edge,
a Required cycle, a feature that requires itself and a GUID no spec has; the declarations they
make, written out by hand; and readers of the drawn pictures."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from helpers.pages import operations_spec, technical_spec
from helpers.sites import EXAMPLE

A, B, C, D, E = "aaaaaaaaaaa1", "bbbbbbbbbbb2", "ccccccccccc3", "ddddddddddd4", "fffffffffff6"
UNKNOWN = "eeeeeeeeeee5"
LONG_NAME = 'Bravo <b>"Quoted"</b> & a name far too long for one box, on and on'


def graph_family() -> dict[str, str]:
    """Alpha requires Bravo (which requires Alpha: a cycle) and a GUID no spec has, optionally
    uses Charlie and lists Delta as a dependent; Delta requires Charlie, which lists Delta as a
    dependent and conflicts with Echo; Echo requires itself. Bravo's name is long and hostile."""
    return {
        f"technical/ybs-spec_{A}.md": technical_spec(
            A, "Alpha", required=(B, UNKNOWN), optional=(C,), dependents=(D,)
        ),
        f"operations/ybs-spec_{A}.md": operations_spec(A, "Alpha"),
        f"technical/ybs-spec_{B}.md": technical_spec(B, LONG_NAME, required=(A,)),
        f"operations/ybs-spec_{C}.md": operations_spec(C, "Charlie", status="Draft"),
        f"technical/ybs-spec_{C}.md": technical_spec(C, "Charlie", dependents=(D,), conflicts=(E,)),
        f"technical/ybs-spec_{D}.md": technical_spec(D, "Delta", required=(C,)),
        f"technical/ybs-spec_{E}.md": technical_spec(E, "Echo", required=(E,)),
    }


#: Every dependency the family's specs declare: (declaring GUID, named GUID, kind).
DECLARED = {
    (A, B, "required"),
    (A, UNKNOWN, "required"),
    (A, C, "optional"),
    (A, D, "dependents"),
    (B, A, "required"),
    (C, D, "dependents"),
    (C, E, "conflicts"),
    (D, C, "required"),
    (E, E, "required"),
}
#: The arrows that stand for them: (from, to) -> the kinds it stands for. "Charlie lists Delta
#: as a dependent" and "Delta requires Charlie" are one arrow, Delta -> Charlie.
ARROWS = {
    (A, B): "required",
    (A, UNKNOWN): "required",
    (A, C): "optional",
    (D, A): "dependents",
    (B, A): "required",
    (D, C): "required dependents",
    (C, E): "conflicts",
    (E, E): "required",
}
#: Readiness by hand: Alpha's operations spec reaches Gold; Charlie's is a Draft, which fails
#: Gold's final-status check only; the others have no operations spec.
STATES = {
    A: "gold",
    B: "no-operations",
    C: "silver",
    D: "no-operations",
    E: "no-operations",
    UNKNOWN: "unknown",
}


def write_site(root: Path, *, with_example: bool = True) -> Path:
    """A site of the family (beside the example site's specs, unless `with_example` is off)
    with the example's mkdocs.yml. Returns the config file."""
    if with_example:
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    else:
        root.mkdir(parents=True)
        shutil.copy(EXAMPLE / "mkdocs.yml", root / "mkdocs.yml")
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Graph fixture\n", "utf-8")
    for rel, text in graph_family().items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return root / "mkdocs.yml"


# --- reading a picture ------------------------------------------------------------------------


def picture(soup: BeautifulSoup | Tag) -> Tag:
    svg = soup.find("svg", class_="opsspec-graph-svg")
    assert svg is not None, "no graph picture"
    return svg


def drawn_arrows(svg: Tag) -> list[Tag]:
    return svg.find("g", class_="opsspec-graph-edges").find_all("path")


def drawn_nodes(svg: Tag) -> dict[str, Tag]:
    return {el["data-guid"]: el for el in svg.find_all(attrs={"data-guid": True})}


def declarations(svg: Tag) -> list[tuple[str, str, str]]:
    """The declarations the picture's arrows stand for, read from their data attributes: an
    arrow goes from a dependent to its dependency, so a Dependents (or Downstream) declaration
    is made by the arrow's target, every other kind by its source."""
    out = []
    for path in drawn_arrows(svg):
        source, target = path["data-source"], path["data-target"]
        for kind in path["data-kinds"].split():
            by_target = kind in ("dependents", "downstream")
            out.append((target, source, kind) if by_target else (source, target, kind))
    return out
