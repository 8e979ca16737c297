"""Browser tests: Playwright with the system Chromium, accessibility checked with axe-core.

Never downloads a browser: Debian's /usr/bin/chromium is launched directly. Tests use
``live_server`` (a real HTTP server in this process, so ``time_machine`` moves its clock too)
and need ``django_db(transaction=True)``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(os.environ.get("GIR_SCREENSHOTS", "/tmp/gir-screenshots"))
PHONE = {"width": 360, "height": 740}

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(
                    pytest.mark.skip(reason="Debian chromium is not installed (./dev test installs it)")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp only lets the test inject axe-core; the pages themselves keep their CSP.
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam", "bypass_csp": True}


@pytest.fixture
def log_in(live_server, page):
    """``log_in(user)``: log in through the real login form; returns the page on the start page."""

    def _log_in(user, password="test-wachtwoord-12345", target=None):
        from tests.twofactor import code, enrol

        device = enrol(user)
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/account/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if device is not None:  # the second factor, as a person types it
            page.get_by_label("Code").fill(code(device))
            page.get_by_role("button", name="Doorgaan").click()
            page.wait_for_load_state()
        if target:
            page.goto(f"{live_server.url}{target}")
        return page

    return _log_in


def assert_accessible(page, name: str | None = None) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the current page; optionally save a screenshot."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]
    if name:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert violations == [], f"axe-core violations on {page.url}:\n" + "\n".join(violations)


@pytest.fixture
def axe():
    return assert_accessible


@pytest.fixture(autouse=True)
def _static_served(settings):
    # live_server serves static files through the staticfiles finders (node_modules included).
    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
