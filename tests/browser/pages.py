"""What every page a journey visits must satisfy, checked in the real browser.

`PageChecks` listens to a page for console errors, uncaught exceptions and Content-Security-Policy
violations, and `check` looks at the page as a person would at two widths: nothing sticks out sideways at
1400 px or at 390 px, no menu word is broken across lines or pushed off the screen, no amount is split
across two lines, axe-core finds no
serious or critical accessibility fault (contrast included), and every chart is visibly drawn. A failed
check keeps screenshots under the artifacts folder, named after the test and the page.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import ConsoleMessage, Page

DESKTOP, NARROW_DESKTOP, PHONE = 1400, 1280, 390
HEIGHT = 900
SERIOUS = {"serious", "critical"}
ARTIFACTS = Path(os.environ.get("SANGSAENG_BROWSER_ARTIFACTS", "test-artifacts/browser")).resolve()
KEEP_ALL = os.environ.get("SANGSAENG_BROWSER_SHOTS") == "all"  # keep every checked page, to look at them

# Installed on every page before its scripts run: a CSP violation is an event, not always a console line.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  const where = e.sourceFile + ':' + e.lineNumber;
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + where);
});
"""

# Elements sticking out of the page on the right, as short selectors (the first few say where to look).
OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return [];
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
      const names = typeof el.className === 'string' ? el.className.trim().split(/\\s+/).filter(Boolean) : [];
      const classes = names.map(n => '.' + n).join('');
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes + ' right=' + Math.round(r.right));
    }
    if (out.length >= 5) break;
  }
  return out.length ? out : ['document ' + document.documentElement.scrollWidth + ' > ' + width];
}
"""

# Menu entries (links and buttons in the top bar) whose words wrap onto a second line or leave the screen.
MENU_FAULTS = """
() => {
  const faults = [];
  for (const el of document.querySelectorAll('nav.navbar .nav-link, nav.navbar .btn, nav.navbar .navbar-brand')) {
    const r = el.getBoundingClientRect();
    if (!r.width || getComputedStyle(el).visibility === 'hidden') continue;
    const text = el.innerText.trim();
    const range = document.createRange();
    range.selectNodeContents(el);
    // A new line starts where a piece of text begins below the bottom of the line before it
    // (a smaller word on the same line sits lower but still overlaps it).
    let lines = 0, bottom = -Infinity;
    for (const piece of [...range.getClientRects()].filter(x => x.width > 0).sort((a, b) => a.top - b.top)) {
      if (piece.top >= bottom - 1) lines += 1;
      bottom = Math.max(bottom, piece.bottom);
    }
    if (lines > 1) faults.push('"' + text + '" wraps onto ' + lines + ' lines');
    const offScreen = r.right > document.documentElement.clientWidth + 1 || r.left < -1;
    if (offScreen) faults.push('"' + text + '" is off the screen');
  }
  return faults;
}
"""

# Amounts (₩120,000,000, 1,250 kWh) split across two lines: a reader takes "₩120," and "000,000" for two figures.
SPLIT_AMOUNTS = """
() => {
  const faults = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const amount = /₩?\\d{1,3}(?:,\\d{3})+/g;
  for (let node = walker.nextNode(); node && faults.length < 5; node = walker.nextNode()) {
    for (const match of node.data.matchAll(amount)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) faults.push('"' + match[0] + '" is split across lines');
    }
  }
  return faults;
}
"""


@dataclass
class PageChecks:
    """Problems seen on one browser page since the last check, and the checks of its current view."""

    page: Page
    test_name: str
    errors: list[str] = field(default_factory=list)
    shots: int = 0

    def __post_init__(self) -> None:
        self.page.add_init_script(RECORD_CSP)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def check(self, name: str, charts: int = 0) -> None:
        """Check the page as it is now; `charts`: how many charts at least must be visibly drawn."""
        # Once its stylesheets are in: read before, the top bar's white text sits on no background yet and
        # axe reports a contrast fault the user never sees (seen once in CI on a loaded machine).
        self.page.wait_for_load_state("load")
        problems = self._console_problems()
        problems += self._chart_problems(charts)
        problems += self._accessibility_problems()
        problems += self._layout_problems()
        if problems or KEEP_ALL:
            folder = self.keep_screenshots(name)
        if problems:
            raise AssertionError(
                f"{name} ({self.page.url}):\n  " + "\n  ".join(problems) + f"\n  screenshots: {folder}"
            )

    def _console_problems(self) -> list[str]:
        seen = self.errors + [f"CSP: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        self.errors.clear()
        self.page.evaluate("window.__cspViolations = []")
        return seen

    def _layout_problems(self) -> list[str]:
        problems = []
        for width in (DESKTOP, NARROW_DESKTOP, PHONE):
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            problems += [f"{width}px: sticks out: {where}" for where in self.page.evaluate(OVERFLOW)]
            problems += [f"{width}px: {fault}" for fault in self.page.evaluate(SPLIT_AMOUNTS)]
            if width != PHONE:  # on a phone the menu folds behind its button
                problems += [f"{width}px: menu: {fault}" for fault in self.page.evaluate(MENU_FAULTS)]
        self.page.set_viewport_size({"width": DESKTOP, "height": HEIGHT})
        return problems

    def _accessibility_problems(self) -> list[str]:
        results = Axe().run(self.page)
        problems = []
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
                problems.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} at {targets}")
        return problems

    def _chart_problems(self, at_least: int) -> list[str]:
        charts = self.page.locator(".report-chart")
        count = charts.count()
        problems = [f"expected at least {at_least} charts, found {count}"] if count < at_least else []
        for index in range(count):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            if not visibly_drawn(chart.screenshot()):
                problems.append(f"chart {index + 1} ({chart.get_attribute('aria-label')}) is one flat colour")
        return problems

    def keep_screenshots(self, name: str) -> Path:
        """Full-page screenshots at both widths, kept under the artifacts folder; returns the folder."""
        folder = ARTIFACTS / slug(self.test_name)
        folder.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        for width in (DESKTOP, PHONE):
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            self.page.screenshot(path=folder / f"{self.shots:02d}-{slug(name)}-{width}.png", full_page=True)
        self.page.set_viewport_size({"width": DESKTOP, "height": HEIGHT})
        return folder


def visibly_drawn(png: bytes) -> bool:
    """A chart is drawn when no single colour covers nearly all of it and several colours are present."""
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((180, 90))
    # Colours in coarse buckets: shrinking blends a thin bar's edges into many near-shades of one colour.
    counts = Counter((r // 32, g // 32, b // 32) for r, g, b in image.get_flattened_data())
    total = sum(counts.values())
    common = counts.most_common(4)
    return common[0][1] / total < 0.97 and sum(1 for _, n in common if n / total > 0.005) >= 3


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9가-힣._-]+", "-", text).strip("-")[:80]
