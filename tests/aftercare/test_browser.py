"""Browser: the aftercare worker plans and records a talk; the employee sees it; axe-core clean."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aftercare.constants import TalkStatus
from aftercare.models import AftercareCase, AftercareNote
from tests.aftercare.helpers import NOTE_TEXT, file_incident
from tests.browser.conftest import (  # noqa: F401 - fixtures shared with tests/browser
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_plans_and_records_a_talk_and_the_employee_sees_the_date(live_server, page, log_in):  # noqa: F811
    world = build_world()
    case = AftercareCase.objects.get(incident=file_incident(world))
    log_in(world.aftercare)
    page.get_by_role("link", name="Nazorg", exact=True).click()
    assert_accessible(page, "aftercare-list")
    page.get_by_role("link", name=case.incident.reference).click()
    assert_accessible(page, "aftercare-case")

    page.get_by_role("link", name="Gesprek 1 plannen").click()
    day = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Datum").fill(f"{day:%d-%m-%Y}")  # Dutch text box
    page.get_by_label("Begintijd").fill("10:30")
    page.get_by_label("Plaats").fill("Spreekkamer 7")
    assert_accessible(page, "aftercare-plan")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text("Het gesprek is gepland.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Zet gesprek 1 in uw agenda (.ics)").click()
    assert download.value.suggested_filename == "nazorggesprek-1.ics"

    page.get_by_role("link", name="Uitkomst gesprek 1 vastleggen").click()
    page.get_by_label("Het gesprek is gehouden").check()
    page.get_by_role("button", name="Opslaan").click()  # no date yet: errors, input kept
    expect(page.locator("[data-error-summary]")).to_be_visible()  # waits for the answer
    assert page.get_by_label("Het gesprek is gehouden").is_checked()
    assert_accessible(page, "aftercare-outcome-error")
    now = timezone.localtime()
    page.get_by_label("Datum van het gesprek").fill(f"{now:%d-%m-%Y}")
    page.get_by_label("Tijd van het gesprek").fill(now.strftime("%H:%M"))
    page.get_by_label("Vertrouwelijke notitie (alleen voor bedrijfsopvang)").fill(NOTE_TEXT)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text(NOTE_TEXT)
    talk = case.talks.get(number=1)
    assert talk.status == TalkStatus.HELD and AftercareNote.objects.filter(talk=talk).count() == 1

    log_in(world.employee)
    expect(page.locator("body")).to_contain_text("Mijn nazorg")
    page.get_by_role("link", name="Meer over uw nazorg").click()
    expect(page.locator("body")).to_contain_text("gehouden op")  # waits for the page (content() raced it)
    assert NOTE_TEXT not in page.content()
    assert_accessible(page, "aftercare-employee")
