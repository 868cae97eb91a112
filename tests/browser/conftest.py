"""Browser journeys: Debian's Chromium driven by Playwright against the app served on 127.0.0.1.

The site is the real app on a database of its own, seeded with the demo world, served by a threaded
server in this process, with the suite's fake Stripe process delivering webhooks to it and a real job
worker process beside it (matching's vectors, the periodic work) on a queue of its own. Every journey runs
in Korean and in English (the browser's language), in a fresh browser context (no shared cookies).

Chromium is `/usr/bin/chromium` (Debian's package; Playwright cannot download its own browser here), or
`SANGSAENG_CHROMIUM`. Without one these tests are skipped, loudly, unless `SANGSAENG_REQUIRE_BROWSER=1`
(set by `.ci/run`), which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from devtools.fake_stripe import FakeStripe
from marketplace.demo.world import seed_demo
from marketplace.unit_of_work import commit
from tests.browser import latency
from tests.browser.journey import Journey
from tests.browser.pages import ARTIFACTS, PageChecks
from tests.funds.paying import Live, live_app, stripe_settings
from tests.jobs.worker import running_worker, wait_for_refresh

CHROMIUM = os.environ.get("SANGSAENG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("SANGSAENG_REQUIRE_BROWSER") == "1"
# Headless flags that keep Chromium off the closed network (it would otherwise keep calling Google's hosts).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
]
LOCALES = {"ko": "ko-KR", "en": "en-US"}
BROWSER_DIR = Path(__file__).parent
METRICS_SUMMARY: list[str] = []


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if BROWSER_DIR in Path(str(item.fspath)).parents]
    if not browser_items or have_chromium():
        return
    if REQUIRED:
        raise pytest.UsageError(f"SANGSAENG_REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)
    config.stash[SKIPPED] = len(browser_items)


SKIPPED = pytest.StashKey[int]()


def pytest_report_header(config: pytest.Config) -> str:
    return f"browser tests: {CHROMIUM if have_chromium() else 'NO CHROMIUM'}; screenshots of failures in {ARTIFACTS}"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    skipped = config.stash.get(SKIPPED, 0)
    if skipped:
        terminalreporter.write_sep("!", f"{skipped} BROWSER TESTS WERE SKIPPED: no Chromium at {CHROMIUM}", red=True)
    if ARTIFACTS.is_dir() and any(ARTIFACTS.rglob("*.png")):
        terminalreporter.write_sep("-", f"browser screenshots of failed checks: {ARTIFACTS}")
    for table in METRICS_SUMMARY:
        terminalreporter.write_sep("-", f"/metrics after the journeys (saved in {ARTIFACTS})")
        terminalreporter.write_line(table)


@pytest.fixture(scope="session")
def site(database_url: str, fake_stripe: FakeStripe, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The app served on 127.0.0.1 with the demo world, on a database of its own, its job worker beside it
    (journeys start once the worker has stored the demo world's vectors: matches use meaning)."""
    jobs_url = f"sqlite:///{tmp_path_factory.mktemp('site-jobs') / 'jobs.sqlite3'}"
    with live_app(database_url, fake_stripe, jobs_url=jobs_url) as live:
        with live.app.app_context(), live.session() as session:
            seed_demo(session)
            commit(session)  # through the unit of work: its effect asks the worker for a matching refresh
        database = live.app.config["DATABASE_URL"]
        with running_worker(database, jobs_url, **stripe_settings(fake_stripe)) as worker:
            wait_for_refresh(live.app, worker)
            yield live
            # What an operator would see after the journeys (docs/operations.md, "What the metrics showed").
            METRICS_SUMMARY.append(latency.save(f"http://127.0.0.1:{live.port}", ARTIFACTS))


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture(params=list(LOCALES))
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


def open_journey(browser: Browser, live: Live, lang: str, test_name: str, another: Callable[[], Journey]) -> Journey:
    context = browser.new_context(
        base_url=f"http://127.0.0.1:{live.port}",
        locale=LOCALES[lang],
        viewport={"width": 1400, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    return Journey(page, lang, PageChecks(page, test_name), live, another)


@pytest.fixture
def journey(browser: Browser, site: Live, lang: str, request: pytest.FixtureRequest) -> Iterator[Journey]:
    """A new browser (no cookies) in the test's language, on the demo site; more people: `journey.another()`."""
    opened: list[Journey] = []

    def start() -> Journey:
        one = open_journey(browser, site, lang, f"{request.node.name}-{len(opened) + 1}", start)
        opened.append(one)
        return one

    yield start()
    for one in opened:
        one.page.context.close()
