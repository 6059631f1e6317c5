"""Browser fixtures: one live server and one Chromium for the whole run, a fresh context per test.

Every page a test opens is watched: requests to any host but ours, script errors and Content-Security-
Policy refusals are collected, and a test that saw any of them fails when it ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.browser.support import DESKTOP, chromium, live_server


@pytest.fixture(scope="session")
def server():
    # Every test's browser comes from 127.0.0.1, so the whole run shares one rendering budget: give it
    # room for dozens of fresh browsers a minute. (The test that types against the default budget has
    # a server of its own: test_browser_writing.py.)
    with live_server({"CARDSHOP_RATE_LIMIT": "20000 per minute"}) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    with chromium() as running:
        yield running


@dataclass
class Watch:
    """What a page did that a user would never see but we care about."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    expected_failures: set[str] = field(default_factory=set)  # addresses a test means to fail (a 404 page)

    def request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith("data:")):
            self.foreign_requests.append(url)

    def console(self, message) -> None:
        # The live preview answers 422 while the form has a problem (the problem is in the answer);
        # Chromium notes every 4xx answer in the console.
        if message.type != "error" or "status of 422" in message.text:
            return
        if message.location.get("url") in self.expected_failures:
            return
        self.problems.append(f"console: {message.text}")

    def page_error(self, error) -> None:
        self.problems.append(f"script error: {error}")


def open_context(browser, server, **options):
    """A browser context on the live server, with every page in it watched."""
    # British English unless a test says otherwise: the check page then offers A4 paper first.
    settings = {"viewport": DESKTOP, "base_url": server.url, "accept_downloads": True, "locale": "en-GB", **options}
    context = browser.new_context(**settings)
    # Generous: a busy machine can be slow, and a test must not depend on speed.
    context.set_default_timeout(30_000)
    watch = Watch(server.url)
    context.on("request", watch.request)
    context.on("page", lambda page: _watch_page(page, watch))
    context.watch = watch
    return context


def _watch_page(page, watch: Watch) -> None:
    page.on("console", watch.console)
    page.on("pageerror", watch.page_error)


def assert_clean(watch: Watch) -> None:
    assert watch.foreign_requests == [], "the page contacted another host"
    assert watch.problems == [], "the page logged errors (a refused script or style shows up here)"


@pytest.fixture()
def context(browser, server):
    context = open_context(browser, server)
    yield context
    context.close()
    assert_clean(context.watch)


@pytest.fixture()
def page(context):
    return context.new_page()
