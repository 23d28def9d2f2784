"""One person in one headless Chromium tab on the running platform: script errors and Content-Security-Policy
violations are collected, and every page a journey checks is run through axe-core (WCAG 2.1 A and AA: 0
violations) with a full-page screenshot kept in tests/e2e/artefacts/<folder> for people to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

ROOT = Path(__file__).parents[2]
AXE = ROOT / "gateway/workbench-web/node_modules/axe-core/axe.min.js"  # vendored with a lockfile there
ARTEFACTS = Path(__file__).parent / "artefacts"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


class Tab:
    def __init__(self, browser: Browser, folder: str, viewport: dict[str, int] | None = None,
                 agent: str | None = None, touch: bool = False) -> None:
        options: dict[str, Any] = {"viewport": viewport or DESKTOP, "locale": "nl-NL", "has_touch": touch,
                                   "is_mobile": touch}
        if agent:
            options["user_agent"] = agent
        self.page: Page = browser.new_page(**options)
        self.folder = ARTEFACTS / folder
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("console", self._console)
        self.page.add_init_script("window.addEventListener('securitypolicyviolation', (e) => console.error("
                                  "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
        self.folder.mkdir(parents=True, exist_ok=True)

    def _console(self, message: Any) -> None:
        # A form sent back with errors is a 400 by design; any other failed load or script error counts.
        if message.type == "error" and "status of 400" not in message.text:
            self.problems.append(message.text)

    def check(self, label: str) -> None:
        """axe finds nothing, no script error or CSP violation; a screenshot either way."""
        self.page.evaluate(AXE.read_text(encoding="utf-8"))  # over the DevTools protocol: the page's CSP holds
        violations = self.page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))", WCAG_21_AA)
        self.page.screenshot(path=str(self.folder / f"{label}.png"), full_page=True)
        assert violations == [], f"{label}: {violations}"
        assert self.problems == [], f"{label}: {self.problems}"

    def focused(self) -> str:
        focused: str = self.page.evaluate("document.activeElement ? document.activeElement.id : ''")
        return focused

    def rows(self, table_id: str) -> dict[str, list[str]]:
        """A table's body rows by their first cell."""
        result = {}
        rows = self.page.locator(f"#{table_id} tbody tr")
        for index in range(rows.count()):
            cells = [c.strip() for c in rows.nth(index).locator("th, td").all_inner_texts()]
            result[cells[0]] = cells[1:]
        return result

    def close(self) -> None:
        self.page.close()
