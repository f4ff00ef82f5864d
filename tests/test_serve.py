"""A real `mkdocs serve --livereload` on 127.0.0.1: every change shows up everywhere after the
next rebuild (no stale page), and the server stays idle when nothing changes (no reload loop)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers.sites import EXAMPLE

pytestmark = pytest.mark.serve

OPS = "operations/ybs-spec_3f9a1c7e2b04"
TECH = "technical/ybs-spec_3f9a1c7e2b04"
ROUTE_OPS = "operations/ybs-spec_71c5e8a3f9b2"  # technical + architecture only


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200"}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "-f",
                "mkdocs.yml",
                "-a",
                f"127.0.0.1:{self.port}",
            ],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_log("Serving on", 120)

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line.rstrip())

    def wait_log(self, text: str, timeout: float, start: int = 0) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if any(text in ln for ln in self.log[start:]):
                return
            if self.proc.poll() is not None:
                raise AssertionError("mkdocs serve exited:\n" + "\n".join(self.log[-40:]))
            time.sleep(0.1)
        raise AssertionError(f"no '{text}' in the serve log:\n" + "\n".join(self.log[-40:]))

    def get(self, path: str) -> tuple[int, str]:
        url = f"http://127.0.0.1:{self.port}/{path}"
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, ""

    def report(self) -> dict:
        status, body = self.get("opsspec-report.json")
        assert status == 200
        return json.loads(body)

    def until(self, what: str, check: Callable[[], bool], timeout: float = 90) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if check():
                return
            time.sleep(0.25)
        raise AssertionError(f"never saw: {what}\n" + "\n".join(self.log[-30:]))

    def builds(self) -> int:
        return sum(1 for ln in self.log if "Building documentation" in ln)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve") / "site"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    srv = Server(root)
    try:
        yield srv
    finally:
        srv.stop()


def write(server: Server, rel: str, text: str) -> None:
    (server.root / "docs" / rel).write_text(text, "utf-8")


def read(server: Server, rel: str) -> str:
    return (server.root / "docs" / rel).read_text("utf-8")


def badge_of(html: str, spec_type: str) -> str | None:
    """The status a header strip shows for a sibling type."""
    m = re.search(
        rf'opsspec-sibling-name"[^>]*>{spec_type.capitalize()}</(?:a|span)>\s*'
        rf'<span class="opsspec-badge[^>]*>([^<]+)<',
        html,
        re.S,
    )
    return m.group(1) if m else None


def spec_in_report(server: Server, path: str) -> dict | None:
    return next((s for s in server.report()["specs"] if s["path"] == path), None)


def test_edit_shows_on_the_page_the_siblings_and_the_report(server: Server) -> None:
    text = read(server, f"{TECH}.md")
    assert "**Status**: Implemented" in text
    write(server, f"{TECH}.md", text.replace("**Status**: Implemented", "**Status**: Review", 1))
    server.until(
        "tech page badge",
        lambda: (
            "opsspec-badge" in server.get(TECH + "/")[1] and ">Review<" in server.get(TECH + "/")[1]
        ),
    )
    server.until(
        "sibling strip on the ops page",
        lambda: badge_of(server.get(OPS + "/")[1], "technical") == "Review",
    )
    server.until("report", lambda: spec_in_report(server, f"{TECH}.md")["status"] == "Review")


def test_add_rename_delete_a_spec(server: Server) -> None:
    src = read(server, "testing/ybs-spec_3f9a1c7e2b04.md")
    new = "testing/ybs-spec_71c5e8a3f9b2.md"
    write(server, new, src.replace("3f9a1c7e2b04", "71c5e8a3f9b2"))
    server.until(
        "added sibling appears",
        lambda: badge_of(server.get(ROUTE_OPS + "/")[1], "testing") is not None,
    )
    # rename: the old page goes, the new one comes, siblings follow
    moved = "security/ybs-spec_71c5e8a3f9b2.md"
    (server.root / "docs" / new).rename(server.root / "docs" / moved)
    server.until("renamed page", lambda: server.get(moved[:-3] + "/")[0] == 200)
    server.until("old page gone", lambda: server.get(new[:-3] + "/")[0] == 404)
    server.until(
        "report follows the rename",
        lambda: spec_in_report(server, moved) and not spec_in_report(server, new),
    )
    (server.root / "docs" / moved).unlink()
    server.until(
        "deleted sibling is missing again",
        lambda: (
            "opsspec-sibling-missing" in server.get(ROUTE_OPS + "/")[1]
            and badge_of(server.get(ROUTE_OPS + "/")[1], "security") is None
        ),
    )


def test_editing_a_base_heading_breaks_a_ref(server: Server) -> None:
    base = read(server, "operations/_BASE.md")
    assert "### Alerting" in base
    write(server, "operations/_BASE.md", base.replace("### Alerting", "### Alert Routing", 1))

    def ref_broken() -> bool:
        return any(
            f["rule"] == "OS704" and f["path"] == f"{OPS}.md" for f in server.report()["findings"]
        )

    server.until("a $ref finding on the ops spec", ref_broken)
    server.until("the finding on the page", lambda: "OS704" in server.get(OPS + "/")[1])
    write(server, "operations/_BASE.md", base)
    server.until("fixed again", lambda: not ref_broken())


def test_changing_rules_in_mkdocs_yml(server: Server) -> None:
    yml = server.root / "mkdocs.yml"
    original = yml.read_text("utf-8")
    assert any(f["rule"] == "OS109" for f in server.report()["findings"])
    yml.write_text(
        original.replace("- opsspec", "- opsspec:\n      rules:\n        OS109: 'off'"), "utf-8"
    )
    server.until(
        "rule switched off",
        lambda: not any(f["rule"] == "OS109" for f in server.report()["findings"]),
    )
    yml.write_text(original, "utf-8")
    server.until(
        "rule back on", lambda: any(f["rule"] == "OS109" for f in server.report()["findings"])
    )


def test_idle_server_does_not_rebuild(server: Server) -> None:
    time.sleep(3)  # let a rebuild of the previous test settle
    before = server.builds()
    time.sleep(10)
    assert server.builds() == before, "\n".join(server.log[-20:])
    # and the docs_dir holds only what the example site holds
    produced = {
        p.relative_to(server.root / "docs").as_posix() for p in (server.root / "docs").rglob("*")
    }
    original = {p.relative_to(EXAMPLE / "docs").as_posix() for p in (EXAMPLE / "docs").rglob("*")}
    assert produced == original
