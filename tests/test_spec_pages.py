"""Built-HTML tests of spec pages: header strip, sibling links, SLO budgets (hand-computed),
recovery and alert summaries, findings, search index exclusion, redaction, link crawl."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.sites import EXAMPLE, build_site, crawl

ORDER_INTAKE = "operations/ybs-spec_3f9a1c7e2b04"
PAYMENT = "operations/ybs-spec_a7d20e5c91f3"
TRACKING = "operations/ybs-spec_5c81b7f04e2d"
NOTIFY = "operations/ybs-spec_9b4f1d62a0e8"
AUDIT_DRAFT = "operations/ybs-spec_4a0c6f2e8d73"
EPOCH_2026_11_26 = "1795651200"


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def built(request, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_11_26)
    site = tmp_path_factory.mktemp(f"site-{request.param}")
    try:
        result = build_site(
            EXAMPLE / "mkdocs.yml", site, strict=True, theme={"name": request.param}
        )
    finally:
        mp.undo()
    return result


def page(built, rel: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(f"{rel}/index.html"), "html.parser")


def slo_rows(soup: BeautifulSoup) -> dict[str, list[str]]:
    for table in soup.find_all("table"):
        head = [th.get_text(" ", strip=True) for th in table.find_all("th")]
        if "Error budget" in head:
            return {
                tr.find_all("td")[0].get_text(strip=True): [
                    td.get_text(" ", strip=True) for td in tr.find_all("td")
                ]
                for tr in table.find("tbody").find_all("tr")
            }
    raise AssertionError("no SLO table with budget columns")


def test_strip_badge_version_guid_and_siblings(built) -> None:
    soup = page(built, ORDER_INTAKE)
    h1 = soup.find("h1")
    strip = soup.find(class_="opsspec-strip")
    assert strip is not None
    # right under the H1
    assert h1.find_next(True, class_="opsspec-strip") is strip
    assert strip.find(class_="opsspec-badge").get_text(strip=True) == "Implemented"
    assert "1.2.0" in strip.find(class_="opsspec-version").get_text()
    assert "2026-10-07" in strip.find(class_="opsspec-updated").get_text()
    assert strip.find(class_="opsspec-guid-value").get_text() == "3f9a1c7e2b04"
    # all six siblings exist for Order Intake; the page's own type is not a link
    links = {
        a.get_text(" ", strip=True).split()[0]: a["href"] for a in strip.select(".opsspec-family a")
    }
    assert set(links) == {
        "Business",
        "Functional",
        "Technical",
        "Testing",
        "Security",
        "Architecture",
    }
    assert all(href.startswith("../../") for href in links.values())
    assert (
        strip.find(class_="opsspec-sibling-self").get_text(" ", strip=True).startswith("Operations")
    )


def test_missing_sibling_types_are_marked(built) -> None:
    soup = page(built, "operations/ybs-spec_71c5e8a3f9b2")  # technical + architecture only
    missing = {
        el.find(class_="opsspec-sibling-name").get_text(strip=True)
        for el in soup.select(".opsspec-sibling-missing")
    }
    assert missing == {"Business", "Functional", "Testing", "Security"}


@pytest.mark.parametrize(
    ("rel", "metric", "expected"),
    [
        # 99.9% over 30 days: 0.001 x 2,592,000 s = 2592 s = 43m 12s; 0.02 x 720 h = 14.4
        (ORDER_INTAKE, "Availability", ["43m 12s", "14.4"]),
        (ORDER_INTAKE, "Error rate", ["0.1% of requests", "14.4"]),
        # p99 states the share: 1% may be slower
        (ORDER_INTAKE, "Latency p99", ["1% of requests may be slower than 300 ms", "14.4"]),
        # 99.95% of a calendar month: 28 d -> 1209.6 s = 20m 10s; 31 d -> 1339.2 s = 22m 19s
        (PAYMENT, "Availability", ["20m 10s – 22m 19s", "14.4"]),
        # 99.9% of 28 days: 2419.2 s = 40m 19s; 0.02 x 672 h = 13.44
        (TRACKING, "Availability", ["40m 19s", "13.44"]),
        (NOTIFY, "Latency p95", ["5% of requests may be slower than 250 ms", "14.4"]),
    ],
)
def test_slo_budgets_hand_computed(built, rel: str, metric: str, expected: list[str]) -> None:
    """The author's cells first, unchanged; then what the plugin adds: the error budget and the
    page burn rate (no "Read as" column: these tables say what the plugin reads)."""
    soup = page(built, rel)
    row = slo_rows(soup)[metric]
    assert row[-2:] == expected
    assert row[0] == metric
    table = next(t for t in soup.find_all("table") if t.find("th", class_="opsspec-slo-extra"))
    added = [
        th.get_text(" ", strip=True) for th in table.find_all("th", class_="opsspec-slo-extra")
    ]
    assert added == ["Error budget", "Page burn rate *"]
    notes = table.find_next("ol", class_="opsspec-slo-notes")
    assert "an alert at that rate should page" in notes.get_text()


def test_recovery_and_alert_summaries(built) -> None:
    soup = page(built, ORDER_INTAKE)
    rec = soup.find(class_="opsspec-recovery")
    cells = {
        tr.find("th").get_text(strip=True): [td.get_text(" ", strip=True) for td in tr("td")]
        for tr in rec.find_all("tr")
        if tr.find("th") and tr.find("td")
    }
    assert cells["RTO"][0].startswith("10 minutes") and cells["RTO"][1].startswith("1 hour")
    assert cells["RPO"][0].startswith("0 (no data loss)")
    alerts = soup.find(class_="opsspec-alerts")
    chips = [c.get_text(strip=True) for c in alerts.select(".opsspec-chip")]
    assert chips[0] == "Critical" and set(chips) <= {"Critical", "High", "Medium", "Low"}
    hrefs = {a["href"] for a in alerts.select("a")}
    heading_ids = {h["id"] for h in soup.find_all(["h2", "h3", "h4"]) if h.has_attr("id")}
    assert hrefs and all(h.startswith("#") and h[1:] in heading_ids for h in hrefs)


def test_findings_block_on_the_draft_spec(built) -> None:
    soup = page(built, AUDIT_DRAFT)
    block = soup.find("details", class_="opsspec-findings")
    assert block is not None
    rules = [el.get_text(strip=True) for el in block.select(".opsspec-finding-rule")]
    assert "OS109" in rules  # stale: 2026-03-02 is 269 days before 2026-11-26
    assert rules.count("OS203") == 3  # Step 1, Step 2, [X]
    assert "stale" in soup.find(class_="opsspec-updated").get_text()
    # a clean spec has no findings block
    assert page(built, ORDER_INTAKE).find(class_="opsspec-findings") is None


def test_strip_and_findings_stay_out_of_the_search_index(built) -> None:
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    text = json.dumps(index)
    message = "is left: replace it with the real value"  # a findings message
    assert message in built.html(f"{AUDIT_DRAFT}/index.html")  # on the page
    assert message not in text  # but not in the index
    assert "Copy GUID" not in text
    page_text = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith(ORDER_INTAKE + "/")
    )
    assert "Order Intake API" in page_text
    assert "Last updated" not in page_text  # the strip's label ("Last Updated" is the author's)
    assert "Page burn rate" not in page_text  # the injected SLO columns
    # the page itself is indexed
    assert "Order Intake API" in text


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_link_crawl_finds_no_broken_link(tmp_path: Path, use_directory_urls: bool) -> None:
    site = tmp_path / "site"
    build_site(
        EXAMPLE / "mkdocs.yml",
        site,
        use_directory_urls=use_directory_urls,
        site_url="https://docs.example.internal/platform/specs/",
    )
    assert crawl(site, site_prefix="/platform/specs/") == []
    if not use_directory_urls:
        soup = BeautifulSoup((site / f"{ORDER_INTAKE}.html").read_text("utf-8"), "html.parser")
        hrefs = [a["href"] for a in soup.select(".opsspec-family a")]
        assert hrefs and all(h.endswith(".html") for h in hrefs)


def test_site_without_markdown_extensions(tmp_path: Path, site_factory) -> None:
    site = site_factory(EXAMPLE)
    yml = site / "mkdocs.yml"
    text = yml.read_text("utf-8")
    text = re.sub(r"markdown_extensions:\n(?:  .*\n|\s*\n)*", "markdown_extensions: []\n", text)
    yml.write_text(text, "utf-8")
    built = build_site(yml, tmp_path / "out", theme={"name": "mkdocs"})
    soup = BeautifulSoup(built.html(f"{ORDER_INTAKE}/index.html"), "html.parser")
    assert soup.find(class_="opsspec-strip") is not None
    assert "Error budget" in soup.get_text()


def test_secret_is_redacted_on_the_page_and_in_the_index(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    key = "AKIA" + "QWERTYUIOPASDFGH"  # not the documented example key
    pem = ["MIIEowIBAAKCAQEAYnVp+s8lCTVUrz2GDvg0cCufg8LrNpcsFGYNcRa76Xf0s3Ax", "hoD5eWZxHd4k"]
    (docs / "operations" / "ybs-spec_0000000000aa.md").write_text(
        "# Operations Specification: Leaky\n\n**GUID**: 0000000000aa\n\n## Configuration\n\n"
        f"The deploy role uses access key {key} for now.\n\n"
        '```ini\napi_key = "sk_test_YOUR_KEY_HERE"\n```\n\n'
        "```text\n-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(pem) + "\n"
        "-----END RSA PRIVATE KEY-----\n```\n",
        "utf-8",
    )
    (docs / "index.md").write_text("# Home\n", "utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: t\nplugins:\n  - search\n  - opsspec\n", "utf-8")
    built = build_site(yml, tmp_path / "site")
    html = built.html("operations/ybs-spec_0000000000aa/index.html")
    # the page says where a value was redacted, and what it was
    assert key not in html and "access key [redacted: AWS access key ID] for now" in html
    # every line of a private key block, though the block is one finding
    assert all(line not in html for line in pem)
    assert html.count("[redacted: private key]") == 2
    # a placeholder is no secret: shown as written
    assert "sk_test_YOUR_KEY_HERE" in html
    index = (tmp_path / "site" / "search" / "search_index.json").read_text("utf-8")
    assert key not in index
    assert any(f["rule"] == "OS801" for f in built.report()["findings"])
    assert all(key not in f["message"] for f in built.report()["findings"])


def test_front_matter_status_is_not_materials_page_status(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "operations" / "ybs-spec_0000000000bb.md").write_text(
        "---\nstatus: approved\n---\n# Operations Specification: With status\n", "utf-8"
    )
    (docs / "notes.md").write_text("---\nstatus: approved\n---\n# Not a spec\n", "utf-8")
    (docs / "index.md").write_text("# Home\n", "utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text(
        "site_name: t\ntheme:\n  name: material\nplugins:\n  - opsspec\n"
        "extra:\n  status:\n    approved: Approved page\n",
        "utf-8",
    )
    built = build_site(yml, tmp_path / "site")
    soup = BeautifulSoup(built.html("index.html"), "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    items = {a.get_text(" ", strip=True): a for a in nav.select("a")}
    spec_link = next(a for t, a in items.items() if "With status" in t)
    other_link = next(a for t, a in items.items() if "Not a spec" in t)
    assert spec_link.select(".md-status") == []  # ours: no Material status icon
    assert other_link.select(".md-status") != []  # a normal page keeps Material's behaviour
    strip = BeautifulSoup(built.html("operations/ybs-spec_0000000000bb/index.html"), "html.parser")
    assert strip.find(class_="opsspec-badge").get_text(strip=True) == "approved"
