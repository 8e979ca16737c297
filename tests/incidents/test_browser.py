"""Browser: an employee reports on a phone; the manager completes it, links an existing
aggressor, adds a screenshot and records the first talk; the coordinator finds it in the
filtered list. axe-core finds no violations on any of these pages."""

import pytest
from playwright.sync_api import expect

from incidents.models import Incident, ReportDraft
from tests.browser.conftest import (  # noqa: F401 - fixtures shared with tests/browser
    PHONE,
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.conftest import build_world
from tests.incidents.factories import file_incident, make_aggressor, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _employee_reports_on_a_phone(page, world, log_in):  # noqa: F811
    page.set_viewport_size(PHONE)
    log_in(world.employee)
    page.get_by_role("link", name="Incident melden").click()
    assert_accessible(page, "incidents-report-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_label("Waar gebeurde het?").select_option("balie")
    page.get_by_label("Schelden of beledigen").check()
    page.get_by_label("Beschrijf kort wat er gebeurde").fill(
        "Bezoeker schold mij uit omdat de wachttijd lang was."
    )
    # Typing is saved on the server in the background (an expired session loses nothing).
    page.get_by_text("Uw concept is bewaard.").wait_for(timeout=60_000)  # a wait, generous for a busy machine
    draft = ReportDraft.objects.get(user=world.employee)
    assert draft.data["fields"]["description"] == ["Bezoeker schold mij uit omdat de wachttijd lang was."]
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier GIR-")
    assert_accessible(page, "incidents-dossier-phone")
    return Incident.objects.get(description__startswith="Bezoeker schold")


def _manager_completes(page, live_server, world, incident, log_in):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(world.manager)
    page.get_by_role("link", name="Inbox", exact=True).click()
    assert_accessible(page, "incidents-inbox")
    page.get_by_role("link", name=incident.reference).click()
    page.get_by_role("link", name="Gegevens aanvullen").click()
    page.get_by_label("Waarmee").fill("Met woorden, niets in de hand")
    page.get_by_label("Aanleiding").fill("Lange wachttijd bij de balie")
    assert_accessible(page, "incidents-edit")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text("De gegevens zijn opgeslagen.")

    page.get_by_role("link", name="Dader zoeken en koppelen").click()
    page.get_by_label("Naam").fill("Kramer")
    page.get_by_role("button", name="Zoeken").click()
    assert_accessible(page, "incidents-aggressor-search")
    page.get_by_role("button", name="Koppelen").first.click()
    expect(page.locator("body")).to_contain_text("De dader is aan het incident gekoppeld.")

    page.get_by_role("link", name="Bewijs toevoegen").click()
    page.get_by_label("Bestanden").set_input_files(
        {"name": "schermafbeelding.png", "mimeType": "image/png", "buffer": png_bytes((300, 200))}
    )
    page.get_by_label("Omschrijving (niet verplicht)").fill("Schermafbeelding van de wachtrij")
    assert_accessible(page, "incidents-evidence")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("body")).to_contain_text("De bestanden zijn toegevoegd aan het dossier.")

    page.get_by_role("link", name="Eerste opvang vastleggen").click()
    page.get_by_label("Korte samenvatting").fill(
        "Direct gesproken; medewerker is geschrokken maar werkt verder."
    )
    page.get_by_label("Geen melding of aangifte").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text("Het eerste opvanggesprek is vastgelegd.")
    assert_accessible(page, "incidents-dossier-manager")


def test_report_complete_and_find(live_server, page, log_in):  # noqa: F811
    world = build_world()
    earlier = file_incident(world.employee, world.dept_a, hours_ago=500)
    person = make_aggressor(world.manager, earlier)
    incident = _employee_reports_on_a_phone(page, world, log_in)
    _manager_completes(page, live_server, world, incident, log_in)
    incident.refresh_from_db()
    assert incident.means == "Met woorden, niets in de hand"
    assert incident.status == "in_behandeling" and incident.first_talk_by == world.manager
    assert incident.aggressor_links.get().aggressor == person
    assert incident.evidence.get().description == "Schermafbeelding van de wachtrij"

    log_in(world.coordinator)
    page.get_by_role("link", name="Dossiers", exact=True).click()
    page.get_by_role("link", name="Incidenten", exact=True).click()
    page.get_by_label("Afdeling").select_option(label="Publiekszaken")
    page.get_by_label("Vorm", exact=True).select_option("schelden")
    page.get_by_label("Status").select_option("in_behandeling")
    page.get_by_role("button", name="Filter toepassen").click()
    expect(page.get_by_role("link", name=incident.reference)).to_be_visible()
    assert page.get_by_role("link", name=earlier.reference).count() == 0
    assert_accessible(page, "incidents-list-filtered")
    page.get_by_label("Zoeken", exact=True).fill(incident.reference)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.locator("body")).to_contain_text(f"1 incident gevonden voor ‘{incident.reference}’.")
    assert_accessible(page, "incidents-list-searched")
    page.get_by_label("Zoeken", exact=True).fill("zwaardvis")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.locator("body")).to_contain_text("Geen incidenten gevonden die bij uw zoekopdracht passen.")
    assert_accessible(page, "incidents-list-nothing-found")
    page.get_by_role("link", name="Daders", exact=True).click()
    page.goto(f"{live_server.url}/incidenten/daders/{person.pk}/")
    assert_accessible(page, "incidents-aggressor-page")
