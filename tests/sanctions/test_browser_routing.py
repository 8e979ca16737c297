"""The chain across roles in a real browser (ADR 0010): an employee reports on behalf of a
colleague in another department, that department's manager handles it and asks for a ban, the
mandated manager decides it from their task and finalises the letter, reception sees the
person, a breach is registered and the handler gets the aangifte task."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from incidents.models import Incident
from letters.constants import LetterStatus
from letters.models import Letter
from letters.services import template_defaults_install
from sanctions.models import Ban, BanRequest

# The shared browser fixtures (system Chromium, Dutch locale, static files, login form).
from tests.browser.conftest import (  # noqa: F401
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.conftest import build_world
from tests.letters.helpers import organisation, signatory
from tests.sanctions.helpers import make_aggressor

pytestmark = pytest.mark.browser


def _report_for_colleague(page, world) -> Incident:
    page.get_by_label("Waar gebeurde het?").select_option("balie")
    page.get_by_label("Schelden of beledigen").check()
    page.get_by_label("Beschrijf kort wat er gebeurde").fill(
        "Een klant schold mijn collega uit aan de balie."
    )
    page.get_by_label("Tegen een collega").check()
    page.get_by_label("Welke collega?").select_option(str(world.colleague.pk))
    page.get_by_label("Ik was getuige").check()
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_load_state()
    return Incident.objects.get()


def _decide_ban_from_task(page, incident) -> Ban:
    page.get_by_role("link", name="Beslissen over een toegangsverbod (verzoek)").click()
    page.wait_for_load_state()
    assert_accessible(page, "routing-ban-form-from-task")
    page.get_by_label("Waarom deze maatregel").fill("Herhaaldelijk bedreigend aan de balie.")
    page.get_by_label("Einddatum").fill(f"{date.today() + timedelta(days=120):%d-%m-%Y}")
    page.get_by_label("Beveiliging waarschuwen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state()
    return Ban.objects.get()


def _finalise_letter(page) -> None:
    # The ban page the decision lands on offers the decision letter (the letters' MeasureAction).
    page.get_by_role("link", name="Besluitbrief maken").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluit toegangsverbod")
    page.get_by_label("Korte beschrijving van wat er gebeurde").fill("U was bedreigend aan de balie.")
    page.get_by_role("button", name="Concept maken").click()
    page.wait_for_load_state()
    page.get_by_label("Ik heb de brief gecontroleerd").check()
    page.get_by_role("button", name="Definitief maken").click()
    page.wait_for_load_state()


def _serve(page, live_server, ban) -> None:
    page.goto(f"{live_server.url}{reverse('sanctions:detail', args=[ban.pk])}")
    page.get_by_role("link", name="Uitreiken vastleggen").click()
    page.get_by_label("Persoonlijk overhandigd").check()
    page.get_by_label("Ontvangst getekend").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_the_chain_reaches_someone_who_can_act_at_every_step(live_server, page, log_in):  # noqa: F811
    world = build_world()
    template_defaults_install()
    organisation()
    signatory()

    log_in(world.employee, target=reverse("incidents:report"))
    incident = _report_for_colleague(page, world)
    assert incident.department == world.dept_b and incident.handler == world.other_manager

    log_in(world.other_manager, target=reverse("incidents:inbox"))
    page.get_by_role("link", name=incident.reference).first.click()
    page.wait_for_load_state()
    assert "Behandelaar" in page.content() and str(world.other_manager) in page.content()
    assert_accessible(page, "routing-dossier-handler")
    person = make_aggressor(incident, first_name="Rik", last_name="Routetest")
    decide = reverse("sanctions:decide", kwargs={"aggressor_pk": person.pk})
    page.goto(f"{live_server.url}{decide}?incident={incident.pk}")
    page.get_by_role("button", name="Voorleggen aan gemandateerde").click()
    page.wait_for_load_state()
    assert BanRequest.objects.get().addressed_to == world.mandated

    log_in(world.mandated, target=reverse("tasks"))
    assert_accessible(page, "routing-mandated-tasks")
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path="/tmp/routing-shots/mandated-tasks-360.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    ban = _decide_ban_from_task(page, incident)
    _finalise_letter(page)
    assert Letter.objects.filter(measure=ban.measure, status=LetterStatus.FINAL).exists()
    _serve(page, live_server, ban)

    log_in(world.reception, target=reverse("sanctions:reception"))
    assert page.locator(".gir-reception__card", has_text="Rik Routetest").count() == 1
    page.get_by_role("link", name="Toch binnengekomen? Overtreding van Rik Routetest melden").click()
    page.get_by_label("Wat is er gebeurd").fill("Kwam toch binnen bij de balie.")
    page.get_by_role("button", name="Overtreding melden").click()
    page.wait_for_load_state()

    breach_incident = Incident.objects.exclude(pk=incident.pk).get()
    log_in(world.other_manager, target=reverse("tasks"))
    page.get_by_role("link", name="Aangifte doen na overtreding toegangsverbod").click()
    page.wait_for_load_state()
    log_in(world.other_manager, target=reverse("incidents:detail", args=[breach_incident.pk]))
    expect(page.locator("body")).to_contain_text("doe aangifte")
    assert_accessible(page, "routing-breach-banner")
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path="/tmp/routing-shots/breach-banner-360.png", full_page=True)
