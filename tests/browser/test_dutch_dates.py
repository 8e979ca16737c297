"""Browser: in an English-language browser (locale en-US) the date filters still show and accept
dd-mm-jjjj: they are Dutch text boxes, not the browser's mm/dd/yyyy date picker."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401 - fixtures shared with tests/browser
    _static_served,
    assert_accessible,
    browser_type_launch_args,
)
from tests.conftest import build_world
from tests.incidents.factories import file_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user):
    from tests.twofactor import code, enrol

    device = enrol(user)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill("test-wachtwoord-12345")
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        page.get_by_label("Code").fill(code(device))
        page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_date_filters_are_dutch_in_an_english_browser(browser, live_server):
    world = build_world()
    yesterday = timezone.localdate() - timedelta(days=1)
    incident = file_incident(
        world.employee, occurred_at=timezone.make_aware(datetime.combine(yesterday, time(12)))
    )
    context = browser.new_context(locale="en-US", timezone_id="Europe/Amsterdam", bypass_csp=True)
    page = context.new_page()
    try:
        _log_in(page, live_server, world.coordinator)
        page.goto(f"{live_server.url}/incidenten/overzicht/")
        start = page.get_by_label("Vanaf datum")
        expect(start).to_have_attribute("type", "text")
        expect(page.locator("#id_occurred_from_help")).to_contain_text("30-11-2026")
        typed = yesterday.strftime("%d-%m-%Y")
        start.click()
        page.keyboard.type(typed)
        page.get_by_label("Tot en met datum").click()
        page.keyboard.type(typed)
        page.get_by_role("button", name="Filter toepassen").click()
        expect(page.get_by_label("Vanaf datum")).to_have_value(typed)
        expect(page.get_by_label("Tot en met datum")).to_have_value(typed)
        expect(page.get_by_role("link", name=incident.reference)).to_be_visible()
        assert_accessible(page, "dates-en-us-incident-list")

        page.goto(f"{live_server.url}/incidenten/termijnen/")
        due = page.get_by_label("Uiterlijk op of voor")
        expect(due).to_have_attribute("type", "text")
        due.fill("31-12-2099")
        page.get_by_role("button", name="Filter toepassen").click()
        expect(page.get_by_label("Uiterlijk op of voor")).to_have_value("31-12-2099")
        expect(page.get_by_role("link", name=incident.reference).first).to_be_visible()
    finally:
        context.close()
