"""Every role logs in through the form and reaches its start page; core pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.conftest import build_world

ROLE_PERSONAS = ["employee", "manager", "mandated", "coordinator", "aftercare", "reception", "admin"]


@pytest.mark.django_db(transaction=True)
def test_each_role_logs_in_and_reaches_an_accessible_start_page(live_server, page, log_in, axe):
    world = build_world()
    page.goto(f"{live_server.url}/account/inloggen/")
    axe(page, "login")
    for persona in ROLE_PERSONAS:
        log_in(getattr(world, persona))
        assert page.url == f"{live_server.url}/", f"{persona} did not land on the start page"
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
        axe(page, f"start-{persona}")


@pytest.mark.django_db(transaction=True)
def test_admin_pages_are_accessible(live_server, page, log_in, axe):
    world = build_world()
    log_in(world.admin)
    for path, name in [
        ("/beheer/", "admin-home"),
        ("/beheer/organisatie/", "admin-organisation"),
        ("/beheer/gebruikers/", "admin-users"),
        (f"/beheer/gebruikers/{world.employee.pk}/", "admin-user-edit"),
        ("/beheer/afdelingen/nieuw/", "admin-department-new"),
        ("/beheer/locaties/", "admin-locations"),
        ("/beheer/ondertekenaars/nieuw/", "admin-signatory-new"),
        ("/mijn-taken/", "tasks"),
        ("/account/wachtwoord-wijzigen/", "password-change"),
        ("/bestaat-niet/", "not-found"),
    ]:
        page.goto(f"{live_server.url}{path}")
        axe(page, name)


@pytest.mark.django_db(transaction=True)
def test_a_form_error_is_summarised_focused_and_keeps_input(live_server, page, log_in, axe):
    world = build_world()
    log_in(world.admin, target="/beheer/gebruikers/nieuw/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe.collega")
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.get_by_label("Voornaam").input_value() == "Nina"
    axe(page, "form-error")


@pytest.mark.django_db(transaction=True)
def test_start_page_works_on_a_phone(live_server, page, log_in, axe):
    world = build_world()
    page.set_viewport_size(PHONE)
    log_in(world.employee)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page scrolls sideways on a phone ({width}px)"
    axe(page, "start-phone")
