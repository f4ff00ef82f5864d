"""Spec text never becomes markup outside its own page, under Material, `mkdocs` and
`readthedocs` (issue 14).

One feature's operations spec and its technical spec carry live payloads as raw HTML (not in code
spans) in every header field, in headings, alerts, tables, dependencies and links. On their own
pages that HTML is the author's (Markdown passes raw HTML through): those two pages are the only
ones where a payload may run, and the test checks that it does there, so the payloads are live.
Everywhere else (the feature's third spec, whose header strip shows its siblings' statuses,
another feature, the generated pages, the nav of every page, the search results) Chromium must
run none of them: no window flag, `document.title` unchanged, no `javascript:` URL, no event
handler attribute. `tests/test_hostile.py` covers the same fields with payloads in code spans
and front matter on Material; here every theme is built and the payloads are raw.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.pages import operations_spec, technical_spec
from helpers.sites import build_site
from helpers.spec_page import assert_harmless

THEMES = ("material", "mkdocs", "readthedocs")
SITE_NAME = "hostile"
FLAG = "opsspecPwned"  # no underscores: the parser reads `__x__` as emphasis and drops it


def run(n: int) -> str:
    """JavaScript that marks it ran (which payload: `n`) and changes the page's title."""
    return f"window.{FLAG}={n};document.title='PWNED'"


JS_URL = f"javascript:{run(1)}"
BREAKOUT = f'"><img src=x onerror="{run(2)}">'
TITLE_BREAK = f"</title><script>{run(3)}</script>"
SVG = f'<svg onload="{run(4)}">'
LINK_BREAKOUT = f'x" onmouseover="{run(5)}" data-x="'

GUID = "0000000000e1" + BREAKOUT  # a GUID-like value: the feature's GUID, as the specs say it
NAME = f"Billing 🚀 {TITLE_BREAK} {BREAKOUT} {SVG} API"  # the operations spec's title
CLEAN_GUID = "0000000000b2"
CLEAN_NAME = "Ledger"

ALERTS = f"""\
### Alerts

#### Alert 1: High errors {TITLE_BREAK}
- **Condition**: Error rate > 1.44% for 5 minutes {BREAKOUT}
- **Severity**: Critical {SVG}
- **Notification**: PagerDuty {TITLE_BREAK}
- **Runbook**: [Runbook 1]({JS_URL})

#### Alert 2: Slow {BREAKOUT}
- **Condition**: p99 > 300ms
- **Severity**: {TITLE_BREAK}
- **Notification**: Slack
- **Runbook**: #x{LINK_BREAKOUT}

| Alert | Severity | Condition | Notification | Runbook |
|-------|----------|-----------|--------------|---------|
| Disk {SVG} | High {BREAKOUT} | {TITLE_BREAK} | Slack {SVG} | {JS_URL} |
| Queue | Low | backlog | Slack | [r](https://example.com/{LINK_BREAKOUT}) |
"""

BACKUPS = f"""\
### Backup Strategy

- **Frequency**: Every 5 minutes {SVG}
- **Retention**: 35 days {BREAKOUT}
- **Location**: vault {TITLE_BREAK}
"""

SLOS = f"""\
## SLOs (Service Level Objectives)

| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Availability {SVG} | 99.9% {BREAKOUT} | 30 days {TITLE_BREAK} |
| Latency p99 {BREAKOUT} | < 300ms {SVG} | 30 days |
| {TITLE_BREAK} | {SVG} | {BREAKOUT} |
"""

DR = f"""\
## Disaster Recovery

**RTO**: 1 hour {SVG}
**RPO**: 5 minutes {BREAKOUT}
"""

UPSTREAM = f"""\
- **{CLEAN_NAME} {TITLE_BREAK}** (`ybs-spec_{CLEAN_GUID}`): {BREAKOUT}
- **Ghost {SVG}** (`ybs-spec_00000000dead`): {TITLE_BREAK}
- **Postgres {SVG}**: writes fail {BREAKOUT}"""

RELATED = f"""\
- **Technical {SVG}**: [tech]({JS_URL})
- **Business**: [business](../business/ybs-spec_0000000000e1.md{LINK_BREAKOUT})
- **Runbook**: [runbook](<{JS_URL}>)
- **Architecture**: {TITLE_BREAK}
"""

OPS = operations_spec(
    GUID,
    NAME,
    status=f"Approved {SVG}",
    version=f"1.0.0 {BREAKOUT}",
    updated=f"2026-10-01 {TITLE_BREAK}",
    alerts=ALERTS,
    backups=BACKUPS,
    slos=SLOS,
    dr=DR,
    rollback_rto=f"10 minutes {TITLE_BREAK}",
    upstream=UPSTREAM,
    downstream=f"- **Reports {BREAKOUT}**: late {SVG}",
    related=RELATED,
    header_extra=f"**Owner**: {SVG}\n**Class**: B {TITLE_BREAK}\n",
).replace("## Overview", f"## Overview {BREAKOUT}")

TECH = f"""\
# Technical Specification: Billing internals {SVG} {BREAKOUT}

**GUID**: {GUID}
**Version**: 2.0.0 {TITLE_BREAK}
**Status**: Draft {BREAKOUT}
**Last Updated**: {SVG}
**Class**: {BREAKOUT}

## Overview {TITLE_BREAK}

How it is built {SVG}.

## Dependencies

### Required (Must implement first)
- `ybs-spec_{CLEAN_GUID}`  # {CLEAN_NAME} {TITLE_BREAK}

### Dependents (What depends on this)
- `ybs-spec_{CLEAN_GUID}`  # {SVG}

## Related Specifications

- **Operations**: [ops]({JS_URL})
"""

# The hostile feature's third spec: its Markdown holds no HTML (its page is loaded); its GUID,
# in front matter, is the hostile one, and so are the front matter keys Material shows in the
# nav of every page
BUSINESS = f"""\
---
guid: {json.dumps(GUID)}
subtitle: {json.dumps(SVG)}
status: {json.dumps(LINK_BREAKOUT)}
---
# Business Specification: Billing

**Version**: 1.0.0
**Status**: Approved
**Last Updated**: 2026-10-01

## Overview

Text.
"""

# A BASE spec whose title holds no HTML but quotes: text on its own page, an attribute breakout
# wherever a theme puts the title into an attribute unescaped
BASE = f"""\
# Operations BASE Specification {LINK_BREAKOUT}

**Version**: 1.0.0

## Backups

### Backup Strategy
- **Frequency**: Daily
- **Retention**: 30 days

### Disaster Recovery

**RTO**: 4 hours
**RPO**: 1 hour
"""

FILES = {
    "index.md": "# Home\n\nA site with hostile specs.\n",
    "operations/_BASE.md": BASE,
    "operations/ybs-spec_0000000000e1.md": OPS,
    "technical/ybs-spec_0000000000e1.md": TECH,
    "business/ybs-spec_0000000000e1.md": BUSINESS,
    f"operations/ybs-spec_{CLEAN_GUID}.md": operations_spec(CLEAN_GUID, CLEAN_NAME),
    f"technical/ybs-spec_{CLEAN_GUID}.md": technical_spec(CLEAN_GUID, CLEAN_NAME),
}

#: The two pages whose own Markdown holds the raw HTML (the author's, as Markdown renders it).
OWN_PAGES = {
    "operations/ybs-spec_0000000000e1/index.html",
    "technical/ybs-spec_0000000000e1/index.html",
}

#: Each generated page's title as the reader sees it, written by hand (the hostile feature's
#: page is found by its heading: its file name is a hash of the GUID).
GENERATED_TITLES = {
    "opsspec/portfolio/index.html": "Operations portfolio",
    "opsspec/matrix/index.html": "Spec matrix",
    "opsspec/base/index.html": "BASE specs",
    f"opsspec/features/{CLEAN_GUID}/index.html": CLEAN_NAME,
}


def shown(text: str) -> str:
    """Text as a browser shows it in `document.title` and in `textContent` once trimmed:
    runs of white space are one space."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """One build per theme, each into its own folder of one served root."""
    root = tmp_path_factory.mktemp("hostile-pages")
    docs = root / "docs"
    for rel, text in FILES.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, "utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: {SITE_NAME}\nplugins:\n  - search\n  - opsspec\n"
        "markdown_extensions:\n  - toc\n  - tables\n  - attr_list\n  - md_in_html\n",
        "utf-8",
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    try:
        out = {}
        for theme in THEMES:
            out[theme] = root / "site" / theme
            build_site(root / "mkdocs.yml", out[theme], theme={"name": theme})
    finally:
        mp.undo()
    return out


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def hostile_feature_page(site: Path) -> str:
    """The generated page whose heading is the hostile feature's name."""
    found = []
    for rel in pages_of(site):
        if rel.startswith("opsspec/features/"):
            h1 = BeautifulSoup((site / rel).read_text("utf-8"), "html.parser").find("h1")
            if h1 is not None and shown(h1.get_text()) == shown(NAME):
                found.append(rel)
    assert len(found) == 1, found
    return found[0]


def generated_titles(site: Path) -> dict[str, str]:
    return {**GENERATED_TITLES, hostile_feature_page(site): NAME}


def test_the_site_has_the_pages_the_test_loads(sites: dict[str, Path]) -> None:
    for theme, site in sites.items():
        pages = set(pages_of(site))
        assert pages >= OWN_PAGES, theme
        assert set(generated_titles(site)) <= pages, theme
        assert {
            "index.html",
            "business/ybs-spec_0000000000e1/index.html",
            f"operations/ybs-spec_{CLEAN_GUID}/index.html",
        } <= pages, theme


def test_nav_titles_show_the_name_as_written(sites: dict[str, Path]) -> None:
    """Every page's nav lists the hostile specs by their feature name: as text, once escaped."""
    for theme, site in sites.items():
        soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
        texts = [shown(a.get_text()) for a in soup.find_all("a")]
        assert texts.count(shown(NAME)) >= 2, (theme, texts)  # the operations and technical spec
        assert soup.find(lambda el: any(a.startswith("on") for a in el.attrs)) is None, theme


def test_search_index_holds_no_markup_from_spec_text(sites: dict[str, Path]) -> None:
    """Material's index is HTML (its search shows titles and text as markup): nothing but the
    tags it keeps. MkDocs' index holds HTML titles and plain text (its search script escapes
    both); a title of ours never carries markup there either."""
    harmless = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    for theme, site in sites.items():
        index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
        docs = index["docs"]
        fields = ("title", "text") if theme == "material" else ("title",)
        for doc in docs:
            for field in fields:
                soup = BeautifulSoup(doc[field], "html.parser")
                names = {el.name for el in soup.find_all(True)}
                assert names <= harmless, (theme, doc["location"], field, names)
                assert all(not el.attrs for el in soup.find_all(True)), (theme, doc["location"])
        titles = {
            shown(BeautifulSoup(d["title"], "html.parser").get_text())
            for d in docs
            if d["location"].startswith("opsspec/features/")
        }
        assert shown(NAME) in titles, theme  # the feature page's title, as text


def test_portfolio_json_holds_the_text_as_data(sites: dict[str, Path]) -> None:
    for theme, site in sites.items():
        data = json.loads((site / "opsspec" / "portfolio.json").read_text("utf-8"))
        row = next(r for r in data["rows"] if r["path"] == "operations/ybs-spec_0000000000e1.md")
        assert row["name"] == NAME, theme
        assert row["guid"] == GUID, theme
        assert row["status"] == f"Approved {SVG}", theme
        assert row["version"] == f"1.0.0 {BREAKOUT}", theme
        assert row["last_updated"] == f"2026-10-01 {TITLE_BREAK}", theme


def test_what_the_plugin_adds_to_the_hostile_pages_is_harmless(sites: dict[str, Path]) -> None:
    """On the two specs' own pages the author's HTML is live, but the header strip, the alerts
    and recovery summaries the plugin adds show the same text as text, and the runbook written
    as a `javascript:` link is no link."""
    for theme, site in sites.items():
        for rel in sorted(OWN_PAGES):
            soup = BeautifulSoup((site / rel).read_text("utf-8"), "html.parser")
            parts = soup.select(".opsspec-strip, .opsspec-alerts, .opsspec-recovery")
            kinds = {" ".join(part["class"]) for part in parts}
            expected = {"opsspec-strip", "opsspec-alerts"} if "operations/" in rel else set()
            assert kinds >= expected | {"opsspec-strip"}, (theme, rel, kinds)
            for part in parts:
                assert_harmless(str(part))
            assert "</script>" in parts[0].get_text(), (theme, rel)  # the payloads, as text
        ops = BeautifulSoup((site / sorted(OWN_PAGES)[0]).read_text("utf-8"), "html.parser")
        alerts = ops.select_one(".opsspec-alerts")
        assert alerts is not None and JS_URL not in [a.get("href") for a in alerts.find_all("a")]


def test_the_shipped_scripts_never_write_html() -> None:
    """portfolio.js and opsspec.js read the page's text and attributes and write text only: no
    HTML parsing of anything a spec said (and neither reads portfolio.json)."""
    assets = Path(__file__).resolve().parents[1] / "mkdocs_opsspec" / "assets"
    scripts = sorted(assets.glob("*.js"))
    assert [p.name for p in scripts] == ["opsspec.js", "portfolio.js"]
    for script in scripts:
        code = script.read_text("utf-8")
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "Function(",
            'setTimeout("',
            "portfolio.json",
            "fetch(",
        ):
            assert sink not in code, (script.name, sink)


# --- Chromium ----------------------------------------------------------------------------------

#: What each loaded page reports: the flag, the title, URLs with a scheme other than http(s),
#: and attributes named on… (event handlers), wherever they are in the DOM.
PROBE_JS = """
() => {
  const urls = [];
  const handlers = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) handlers.push(el.tagName + " " + name);
      if (["href", "src", "action", "formaction", "xlink:href"].includes(name)) {
        const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
        const scheme = value.match(/^([a-z][a-z0-9+.-]*):/);
        if (scheme && !["http", "https"].includes(scheme[1])) urls.push(attr.value);
      }
    }
  }
  return {flag: window.FLAG === undefined ? null : window.FLAG, title: document.title,
          urls: urls, handlers: handlers};
}
""".replace("FLAG", FLAG)


@pytest.fixture(scope="module")
def chrome(sites: dict[str, Path]) -> Iterator[tuple[str, object]]:
    """(the served root's base URL, a Chromium page), for the whole module."""
    from helpers.browser import browser, chromium_available, serve_dir

    if not chromium_available():
        pytest.skip("no chromium")
    root = next(iter(sites.values())).parent
    with serve_dir(root) as base, browser() as context:
        page = context.new_page()
        page.on("dialog", lambda d: d.dismiss())
        # themes load fonts and scripts from CDNs: offline, each load would wait for them
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        yield base, page
        page.close()


def probe(chrome: tuple[str, object], url: str) -> dict:
    base, page = chrome
    page.goto(base + url)  # type: ignore[attr-defined]
    page.wait_for_timeout(50)  # type: ignore[attr-defined]  # an img's error event, a timer
    return page.evaluate(PROBE_JS)  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_payloads_are_live_on_their_own_pages(sites, chrome, theme) -> None:
    """The control: the author's raw HTML runs on the spec's own page (Markdown's rule), so a
    payload that reached another page would run there too."""
    seen = probe(chrome, f"{theme}/operations/ybs-spec_0000000000e1/")
    assert seen["flag"] is not None
    assert seen["title"] == "PWNED"


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_no_payload_runs_on_any_other_page(sites, chrome, theme) -> None:
    site = sites[theme]
    titles = generated_titles(site)
    loaded = 0
    for rel in pages_of(site):
        if rel in OWN_PAGES:
            continue
        url = f"{theme}/{rel.removesuffix('index.html')}"
        seen = probe(chrome, url)
        loaded += 1
        assert seen["flag"] is None, (url, seen["flag"])
        assert seen["title"] != "PWNED", url
        assert seen["urls"] == [], (url, seen["urls"])
        assert seen["handlers"] == [], (url, seen["handlers"])
        if rel in titles:
            suffix = f" - {SITE_NAME}"
            assert seen["title"].endswith(suffix), (url, seen["title"])
            assert seen["title"].removesuffix(suffix) == shown(titles[rel]), url
    assert loaded >= 10


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_searching_runs_no_payload(sites, chrome, theme) -> None:
    """The theme's search shows results for the hostile text on a clean page."""
    base, page = chrome
    if theme == "material":
        page.goto(f"{base}{theme}/")  # type: ignore[attr-defined]
        # typed as a reader types: one `fill` is at times missed by Material's search
        page.click("input.md-search__input")  # type: ignore[attr-defined]
        page.keyboard.type("Billing", delay=20)  # type: ignore[attr-defined]
        results = ".md-search-result__item"
    else:  # the search box is filled from ?q= (mkdocs: in a closed dialog on every page)
        where = "search.html" if theme == "readthedocs" else ""
        page.goto(f"{base}{theme}/{where}?q=Billing")  # type: ignore[attr-defined]
        results = "#mkdocs-search-results article"
    page.wait_for_selector(results, state="attached", timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(100)  # type: ignore[attr-defined]
    seen = page.evaluate(PROBE_JS)  # type: ignore[attr-defined]
    assert seen["flag"] is None
    assert seen["title"] != "PWNED"
    assert seen["handlers"] == []
    assert "Billing" in page.text_content(results)  # type: ignore[attr-defined]
