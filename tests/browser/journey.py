"""A person in a browser: one Playwright page in one language, with the page checks run where they look."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.browser.pages import PageChecks
from tests.funds.paying import Live

DEMO_PASSWORD = "demo-pass-2026"


@dataclass
class Journey:
    page: Page
    lang: str
    checks: PageChecks
    live: Live
    another: Callable[[], Journey]  # a second person, in a browser of their own, in the same language

    def say(self, ko: str, en: str) -> str:
        """The words the interface uses in this journey's language."""
        return ko if self.lang == "ko" else en

    def words(self, ko: str, en: str) -> re.Pattern[str]:
        """A pattern matching the interface's words in this language (case-insensitive for English)."""
        return re.compile(re.escape(self.say(ko, en)), re.IGNORECASE)

    def goto(self, path: str, check: str | None = None, charts: int = 0) -> Page:
        response = self.page.goto(path)
        assert response is not None, f"{path}: no response"
        assert response.ok, f"{path}: {response.status}"
        if check:
            self.check(check, charts)
        return self.page

    def check(self, name: str, charts: int = 0) -> None:
        self.checks.check(f"{self.lang}-{name}", charts)

    def follow(self, link: Locator, check: str, charts: int = 0) -> None:
        """Click a link or button that opens another page, wait for that page, then check it (checked at
        once after a click, the page may still be the one the click left: no charts, the old page's faults)."""
        with self.page.expect_navigation():
            link.click()
        self.check(check, charts)

    def log_in(self, email: str, password: str = DEMO_PASSWORD) -> None:
        self.goto("/account/login")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", password)
        self.page.locator("main form button[type=submit]").click()
        expect(self.page.locator("nav.navbar form[action$='/logout'] button")).to_be_attached()
        self.use_language()
        # The top bar's menus open by Bootstrap's script, which runs at the page's end: a click on "More" before
        # it ran followed the toggle's href="#" and the menu never opened (CI, PostgreSQL, the officer's reports).
        self.page.wait_for_load_state()

    def use_language(self) -> None:
        """Press the top bar's language button if the page is not already in this journey's language."""
        if self.page.locator("html").get_attribute("lang") != self.lang:
            self.page.locator(f"nav.navbar button[name=language][value={self.lang}]").first.click()
            expect(self.page.locator("html")).to_have_attribute("lang", self.lang)

    def log_out(self) -> None:
        self.page.locator("nav.navbar form[action$='/logout'] button").first.click()

    def submit(self, form: Locator | None = None) -> None:
        """Press the form's (first) submit button and wait for the page it leads to."""
        scope = form if form is not None else self.page.locator("main form").last
        scope.locator("button[type=submit], input[type=submit]").first.click()
        self.page.wait_for_load_state()

    def search_from_menu(self, menu: tuple[str, str], query: str, **filters: str) -> None:
        """Open a browse page from the top bar (its Korean and English label) and search it, with any filters."""
        self.page.get_by_role("link", name=self.say(*menu), exact=True).first.click()
        search = self.page.locator("form[role=search]")
        search.locator("input[name=q]").fill(query)
        for name, value in filters.items():
            search.locator(f"select[name={name}]").select_option(value)
        self.submit(search)

    def flash(self) -> Locator:
        return self.page.locator("main .alert")
