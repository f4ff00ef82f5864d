"""Helpers for the headless Chromium tests: Debian's chromium driven by Playwright, and a static
file server for a built site on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


@contextmanager
def serve_dir(root: Path) -> Iterator[str]:
    """Serve `root` on a free 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="opsspec-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=FLAGS, headless=True
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def screenshot_dir(default: Path) -> Path:
    """Where screenshots go: OPSSPEC_SCREENSHOT_DIR (the README's images) or a temp folder."""
    target = Path(os.environ.get("OPSSPEC_SCREENSHOT_DIR", default))
    target.mkdir(parents=True, exist_ok=True)
    return target


def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio."""
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# JavaScript: the text colour of an element and the colour it is drawn on (the nearest ancestor
# with a non-transparent background), both as [r, g, b, a] after alpha blending onto white.
COLOURS_JS = """
el => {
  const parse = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const blend = (top, under) => {
    const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a));
  };
  const layers = [];
  for (let n = el; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c.length && (c.length < 4 || c[3] > 0)) layers.push(c);
    if (c.length && (c.length < 4 || c[3] === 1)) break;
  }
  let bg = [255, 255, 255];
  for (const layer of layers.reverse()) bg = blend(layer, bg);
  const fg = blend(parse(getComputedStyle(el).color), bg);
  return {fg, bg, text: el.textContent.trim()};
}
"""


# JavaScript: what keeps a page's tables from being read, as {problems: [...], scrolled: n}
# (n: the tables whose frame had something to scroll to, so the checks below ran on them).
# - the page itself scrolls sideways (then a row's name scrolls away with the rest);
# - a table wider than what shows of it has no frame that scrolls sideways (a column cannot be
#   reached), or its frame reaches past the window;
# - in a frame scrolled to its end, and half way, a row's first cell is not wholly in view (its
#   name is lost) or, at the end, the end of a row's last cell is not;
# - a cell's text overflows it (scrollWidth past clientWidth), or an item of the portfolio's
#   "needs attention" list overflows it.
# `scope` selects the page's content (Material's article, the other themes' role="main").
LAYOUT_JS = """
scope => {
  const problems = [];
  const root = document.querySelector(scope);
  if (!root) return {problems: ["no content element " + scope], scrolled: 0};
  let scrolled = 0;
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) {
    problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
  }
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const name = (t, i) => (t.getAttribute("aria-label") || "table") + " #" + i;
  const tables = Array.from(root.querySelectorAll("table"));
  tables.forEach((table, i) => {
    const rows = Array.from(table.rows).filter(r => r.cells.length);
    if (!rows.length || table.offsetParent === null) return;
    let frame = table;
    while (frame && frame !== root.parentElement && !scrolls(frame)) frame = frame.parentElement;
    const box = table.getBoundingClientRect();
    if (!frame || !scrolls(frame)) {
      const limit = Math.min(root.getBoundingClientRect().right, window.innerWidth);
      if (box.right > limit + 1) problems.push(`${name(table, i)}: wider than the page, no frame`);
      return;
    }
    const f = frame.getBoundingClientRect();
    if (f.right > window.innerWidth + 1 || f.left < -1) {
      problems.push(`${name(table, i)}: its frame reaches past the window`);
    }
    if (frame.scrollWidth <= frame.clientWidth + 1) return;  // nothing hidden
    scrolled += 1;
    const inView = (cell, fr) => {
      const c = cell.getBoundingClientRect();
      return c.left >= fr.left - 1 && c.right <= fr.right + 1;
    };
    for (const at of [0.5, 1]) {
      frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) * at;
      const fr = frame.getBoundingClientRect();
      rows.forEach((row, r) => {
        if (!inView(row.cells[0], fr)) {
          problems.push(`${name(table, i)} scrolled ${at}: row ${r}'s first cell is not in view`);
        }
        const last = row.cells[row.cells.length - 1].getBoundingClientRect();
        if (at === 1 && last.right > fr.right + 1) {
          problems.push(`${name(table, i)} scrolled to the end: row ${r}'s last cell is cut`);
        }
      });
    }
    frame.scrollLeft = 0;
  });
  const cells = root.querySelectorAll("td, th, .opsspec-attention-item");
  cells.forEach(cell => {
    if (cell.offsetParent === null) return;
    if (cell.scrollWidth > cell.clientWidth + 1) {
      const text = cell.textContent.trim().slice(0, 40);
      problems.push(`text overflows its cell: '${text}' ${cell.scrollWidth} > ${cell.clientWidth}`);
    }
  });
  return {problems, scrolled};
}
"""
