"""Werkplaats view loads in headless Chromium: per view, from the start of the navigation until its charts are drawn
and its table (or list of stories) is on the page, measured by the browser itself (`performance.now()` when
static/werkplaats.js reports a chart drawn; the DOMContentLoaded time for a page without charts).

The gateway runs with the Werkplaats on its own port over the benchmark index; the person (a sector analyst) is
signed in with a real Keycloak token in the session cookie, so the login itself is not part of any view load.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vertelpunt.cli.bench.measure import percentile

Say = Callable[[str], None]
PORT = 8051
USER = "analist.sector"
CHROMIUM = Path("/usr/bin/chromium")
# Every page of the menu, the pattern kinds and the stories of a cell: what a person opens.
VIEWS: dict[str, str] = {
    "Wat werkt": "/werkplaats/wat-werkt?situatie=schulden&interventie=budgetcoaching",
    "Patronen: driehoek": "/werkplaats/patronen?soort=driehoek&vraag=verschil",
    "Patronen: schuifje": "/werkplaats/patronen?soort=schuif&vraag=ruimte",
    "Patronen: kruistabel": "/werkplaats/patronen?soort=kruistabel&rij=situatie&kolom=interventie",
    "Patronen: verhalen in een vak": ("/werkplaats/patronen/verhalen?soort=kruistabel&rij=situatie&kolom=interventie"
                                      "&r=schulden&k=budgetcoaching"),
    "Trends": "/werkplaats/trends?per=week",
    "Vergelijken": "/werkplaats/vergelijken?vraag=verschil&a_period_to=2026-08&b_period_from=2026-09",
    "Kennisbank": "/werkplaats/kennisbank?q=schulden+budgetcoaching",
    "Rapport": "/werkplaats/rapport?period_from=2026-09&period_to=2026-11",
}
# Null until the view is complete; then its load time in ms since navigation start (-1: a chart failed).
READY = """() => {
  if (document.readyState === "loading") return null;
  const charts = [...document.querySelectorAll(".wp-chart[data-spec]")];
  if (charts.some((c) => c.dataset.rendered === "error")) return -1;
  if (!charts.every((c) => c.dataset.rendered === "true")) return null;
  if (!document.querySelector("main table, main .wp-results, main #geen-verhalen")) return null;
  const navigation = performance.getEntriesByType("navigation")[0];
  const drawn = charts.map((c) => Number(c.dataset.renderedAt));
  return Math.max(navigation ? navigation.domContentLoadedEventEnd : 0, ...drawn);
}"""
TOKEN_LOADS = 60  # a fresh token now and then: access tokens live minutes, the run may take longer


def measure(say: Say, settings: Any, alias: str, repeats: int = 20, port: int = PORT,
            browser: Any = None) -> dict[str, Any]:
    """p50 and p95 (ms) of each view's load over `repeats` loads after one warm-up, and failed loads. Launches
    headless Chromium unless a Playwright `browser` is given (one sync Playwright per process)."""
    from vertelpunt.cli.bench.scenarios import start_gateway

    secret = secrets.token_urlsafe(32)
    base = f"http://127.0.0.1:{port}"
    gateway = start_gateway(settings, alias, port, {
        "VERTELPUNT_GATEWAY_WERKPLAATS_ENABLED": "true", "VERTELPUNT_GATEWAY_SESSION_SECRET": secret,
        "VERTELPUNT_GATEWAY_PUBLIC_URL": base, "VERTELPUNT_GATEWAY_HTTPS": "false"})
    try:
        if browser is not None:
            return _views(say, settings, browser, base, secret, repeats)
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as missing:
            raise RuntimeError("the Werkplaats benchmark needs Playwright (a development dependency: uv sync "
                               "--all-packages)") from missing
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM) if CHROMIUM.is_file() else None, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
            try:
                return _views(say, settings, launched, base, secret, repeats)
            finally:
                launched.close()
    finally:
        gateway.terminate()
        gateway.wait(10)


def _views(say: Say, settings: Any, browser: Any, base: str, secret: str, repeats: int) -> dict[str, Any]:
    from vertelpunt.cli.seeding import user_token
    from vertelpunt.gateway.workbench.session import SESSION_COOKIE, cookie_value

    loads: dict[str, list[float]] = {name: [] for name in VIEWS}
    failed: dict[str, int] = dict.fromkeys(VIEWS, 0)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    done = 0

    def sign_in() -> None:
        token = user_token(settings.keycloak_url, USER, "demo")
        context.add_cookies([{"name": SESSION_COOKIE, "value": cookie_value({"access_token": token}, secret),
                              "url": f"{base}/werkplaats/"}])

    try:
        for name, path in VIEWS.items():
            say(f"werkplaats: {name}, {repeats} loads after one warm-up")
            for attempt in range(repeats + 1):
                if done % TOKEN_LOADS == 0:
                    sign_in()
                done += 1
                elapsed = load(page, base + path)
                if attempt == 0:
                    continue
                if elapsed is None:
                    failed[name] += 1
                else:
                    loads[name].append(elapsed)
    finally:
        context.close()
    return {name: {"p50": percentile(times, 50), "p95": percentile(times, 95), "loads": len(times),
                   "failed": failed[name]} for name, times in loads.items()}


def load(page: Any, url: str, timeout_ms: float = 60_000) -> float | None:
    """One view load in ms, or None when the page failed (error status, a chart that failed, the login page)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    response = page.goto(url, wait_until="commit", timeout=timeout_ms)
    if response is None or response.status >= 400 or not page.url.startswith(url.split("/werkplaats/")[0]):
        return None  # an error page, or sent to the login (Keycloak)
    try:
        ready = page.wait_for_function(READY, timeout=timeout_ms, polling=50).json_value()
    except PlaywrightTimeout:
        return None
    return float(ready) if ready is not None and ready >= 0 else None
