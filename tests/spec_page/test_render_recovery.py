"""The recovery summary: RTO/RPO of rollback and disaster recovery, backups, flagged cells."""

from __future__ import annotations

from mkdocs_opsspec.model import Finding, Severity
from mkdocs_opsspec.spec_page.recovery import recovery_summary

from helpers.spec_page import make_spec, soup, text_of


def finding(line, rule="OS401"):
    return Finding("operations/ybs-spec_3f9a1c7e2b04.md", line, Severity.ERROR, rule, "m")


def rows(html):
    table = soup(html).find("div", class_="opsspec-recovery").table
    out = {}
    for tr in table.tbody.find_all("tr"):
        out[tr.th.get_text()] = tr.find_all("td")
    return out


def test_summary_layout_and_values(spec_from):
    html = recovery_summary(spec_from(), [])
    div = soup(html).find("div", class_="opsspec-recovery")
    assert div.has_attr("data-search-exclude")
    head = [th.get_text() for th in div.thead.find_all("th")]
    assert head == ["Rollback Procedure", "Disaster Recovery"]
    r = rows(html)
    assert list(r) == ["RTO", "RPO", "Backup frequency", "Backup retention"]
    assert [text_of(str(td)) for td in r["RTO"]] == ["10 minutes (10m)", "1 hour (1h)"]
    assert [text_of(str(td)) for td in r["RPO"]] == ["0 (no data loss) (0s)", "5 minutes (5m)"]
    assert text_of(str(r["Backup frequency"][0])) == (
        "Every 5 minutes (WAL archiving), daily full snapshot (every 5m)"
    )
    assert text_of(str(r["Backup retention"][0])) == "35 days (35d)"
    assert "opsspec-flagged" not in html


def test_variants(spec_from):
    spec = spec_from(
        rollback_rto="< 15 minutes",
        rollback_rpo="N/A (no data held)",
        dr_rto="PT1H30M",
        dr_rpo="soon",
    )
    r = rows(recovery_summary(spec, []))
    assert [text_of(str(td)) for td in r["RTO"]] == ["< 15 minutes (< 15m)", "PT1H30M (1h 30m)"]
    rollback_rpo, dr_rpo = (text_of(str(td)) for td in r["RPO"])
    assert rollback_rpo == "N/A (no data held) (n/a)"
    assert dr_rpo == "soon (not understood)"


def test_os4_findings_flag_their_cells(spec_from):
    spec = spec_from()
    ops = spec.operations
    findings = [
        finding(ops.disaster_recovery.rpo.line),
        finding(ops.backups[0].retention.line, "OS410"),
        finding(ops.rollback.rto.line, "OS301"),  # not a recovery rule: not flagged here
    ]
    r = rows(recovery_summary(spec, findings))
    rb_rto, dr_rto = r["RTO"]
    rb_rpo, dr_rpo = r["RPO"]
    assert "opsspec-flagged" in dr_rpo["class"]
    assert "see findings" in dr_rpo.get_text()
    for td in (rb_rto, dr_rto, rb_rpo, r["Backup frequency"][0]):
        assert "opsspec-flagged" not in td["class"]
        assert "see findings" not in td.get_text()
    assert "opsspec-flagged" in r["Backup retention"][0]["class"]
    assert "see findings" in r["Backup retention"][0].get_text()


def test_missing_objective_flagged_by_section_finding():
    text = (
        "# Operations Specification: X\n\n**Status**: Draft\n\n"
        "## Disaster Recovery\n\n**RPO**: 1 hour\n"
    )
    spec = make_spec(text)
    dr = spec.operations.disaster_recovery
    r = rows(recovery_summary(spec, [finding(dr.line, "OS402")]))
    rb_rto, dr_rto = r["RTO"]
    assert text_of(str(rb_rto)) == "no section"
    assert "not stated" in dr_rto.get_text()
    assert "opsspec-flagged" in dr_rto["class"]
    assert "opsspec-flagged" not in r["RPO"][1]["class"]
    assert "not stated" in r["Backup frequency"][0].get_text()


def test_named_backups_are_listed(spec_from):
    backup = (
        "**Database**:\n- **Frequency**: Hourly\n- **Retention**: 30 days\n\n"
        "**Files**:\n- **Frequency**: Daily\n- **Retention**: one year\n"
    )
    spec = spec_from(backup=backup)
    r = rows(recovery_summary(spec, []))
    items = r["Backup frequency"][0].find_all("li")
    assert [text_of(str(li)) for li in items] == [
        "Database: Hourly (every 1h)",
        "Files: Daily (every 1d)",
    ]
    items = r["Backup retention"][0].find_all("li")
    assert [text_of(str(li)) for li in items] == ["Database: 30 days (30d)", "Files: one year"]


def test_stateless_service_without_backups():
    text = (
        "# Operations Specification: X\n\n## Overview\n\nThe service is stateless.\n\n"
        "## Disaster Recovery\n\n**RTO**: 1 hour\n**RPO**: N/A\n"
    )
    r = rows(recovery_summary(make_spec(text), []))
    assert "holds no data" in r["Backup frequency"][0].get_text()


def test_nothing_to_summarise():
    spec = make_spec("# Operations Specification: X\n\n## Overview\n\nText.\n")
    assert recovery_summary(spec, []) == ""
    other = make_spec("# Business Specification: X\n\n## Overview\n\nText.\n", "business/x.md")
    assert recovery_summary(other, []) == ""
