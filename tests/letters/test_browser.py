"""A manager makes a letter from an incident, finalises it and records the dispatch, in a real
browser; every page on the way passes axe-core."""

import pytest
from playwright.sync_api import expect

from gir.models import Deadline
from letters.constants import REACTION_DEADLINE
from letters.models import Letter
from letters.services import template_defaults_install
from tests.conftest import build_world
from tests.letters.helpers import incident_with_aggressor, organisation, signatory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_manager_makes_finalises_and_dispatches_a_letter(live_server, page, log_in, axe):
    world = build_world()
    template_defaults_install()
    organisation()
    signatory()
    incident, _aggressor = incident_with_aggressor(world.employee, world.manager, hours_ago=3)

    log_in(world.manager)
    panel = page.get_by_role("region", name="Reactie naar de dader")
    assert incident.reference in panel.inner_text()
    panel.get_by_role("link", name=incident.reference).click()
    axe(page, "letters-incident")

    page.get_by_role("link", name="Schriftelijke waarschuwing").first.click()
    page.get_by_role("button", name="Concept maken").click()
    expect(page.locator(".utrecht-form-field--invalid").first).to_be_visible()  # the summary is required
    axe(page, "letters-create-error")
    page.get_by_label("Korte beschrijving van wat er gebeurde").fill(
        "U schold een medewerker uit aan de balie."
    )
    page.get_by_role("button", name="Concept maken").click()
    expect(page.get_by_text("Het concept is gemaakt")).to_be_visible()
    expect(page.locator(".gir-letter-preview")).to_contain_text("U schold een medewerker uit aan de balie.")
    axe(page, "letters-detail-concept")

    page.get_by_role("link", name="Tekst aanpassen").click()
    axe(page, "letters-edit")
    page.get_by_label("Onderwerp").fill("Waarschuwing na uw bezoek")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".gir-letter-preview")).to_contain_text("Waarschuwing na uw bezoek")

    page.get_by_label("Ik heb de brief gecontroleerd").check()
    page.get_by_role("button", name="Definitief maken").click()
    expect(page.locator("body")).to_contain_text("De brief is definitief")
    axe(page, "letters-detail-final")
    letter = Letter.objects.get()
    assert letter.is_final and letter.sha256

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    assert download.value.suggested_filename.endswith(".pdf")

    _dispatch_by_registered_mail(page, axe)
    deadline = Deadline.objects.for_object(incident).get(kind=REACTION_DEADLINE)
    assert deadline.closed_at is not None


def _dispatch_by_registered_mail(page, axe) -> None:
    page.get_by_role("link", name="Verzending vastleggen").click()
    axe(page, "letters-dispatch")
    page.get_by_role("radio", name="Aangetekende post").check()
    page.get_by_role("button", name="Verzending vastleggen").click()
    assert page.locator(".utrecht-form-field--invalid").count() == 1  # tracking number missing
    page.get_by_label("Zendingnummer").fill("3SGIR0001")
    page.get_by_role("button", name="Verzending vastleggen").click()
    expect(page.locator("body")).to_contain_text("De verzending is vastgelegd")
    expect(page.locator("body")).to_contain_text("3SGIR0001")


@pytest.mark.django_db(transaction=True)
def test_coordinator_edits_a_template_with_a_preview(live_server, page, log_in, axe):
    world = build_world()
    template_defaults_install()
    log_in(world.coordinator, target="/brieven/sjablonen/")
    axe(page, "letters-templates")
    page.get_by_role("link", name="Besluit toegangsverbod").click()
    # The text box becomes the letter editor once its script has run: type into the editor.
    page.wait_for_selector("trix-editor")
    page.get_by_label("Tekst van de brief").fill("Beste {{ dader.naam }}, {{ dader.geheim }}")
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.locator(".gir-error-summary, [data-error-summary]").first).to_contain_text("dader.geheim")
    axe(page, "letters-template-error")
    page.wait_for_selector("trix-editor")
    page.get_by_label("Tekst van de brief").fill("Beste {{ dader.naam }},")
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.locator(".gir-letter-preview")).to_contain_text("Beste J. de Jong,")
    axe(page, "letters-template-preview")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.locator("body")).to_contain_text("Versie 2 van het sjabloon is opgeslagen")
