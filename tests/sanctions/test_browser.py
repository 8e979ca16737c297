"""A mandated manager imposes a three-month ban with a photo; reception sees the person until
the local midnight that ends the ban, and not after (the live server shares our clock)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from gir.deadlines.arithmetic import end_of_local_day

# The browser fixtures live in tests/browser/conftest.py; importing them here applies them
# to this module as well (system Chromium, Dutch locale, static files served).
from tests.browser.conftest import (  # noqa: F401
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.conftest import build_world
from tests.sanctions.helpers import make_aggressor, make_incident, png_upload

START = datetime(2026, 7, 26, 9, 0, tzinfo=UTC)
END_DATE = START.date().replace(month=10, day=25)  # three months; the last Sunday of October


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_mandated_manager_imposes_a_ban_reception_sees_it_until_it_ends(live_server, page, log_in, tmp_path):  # noqa: F811
    photo = tmp_path / "persoon.png"
    photo.write_bytes(png_upload().read())
    with time_machine.travel(START, tick=True) as traveller:
        world = build_world()
        incident = make_incident(world)
        aggressor = make_aggressor(incident, first_name="Berend", last_name="Browsertest")
        url = reverse(
            "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
        )
        log_in(world.mandated, target=f"{url}?incident={incident.pk}")
        assert_accessible(page, "sanctions-ban-form")
        page.get_by_label("Waarom deze maatregel").fill("Bedreigde de medewerker met geweld.")
        page.get_by_label("Ingangsdatum").fill(f"{START.date():%d-%m-%Y}")  # Dutch text box
        page.get_by_label("Einddatum").fill(f"{END_DATE:%d-%m-%Y}")
        page.get_by_label("Foto van de persoon").set_input_files(str(photo))
        page.get_by_label("Beveiliging waarschuwen").check()
        page.get_by_role("button", name="Besluit vastleggen").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("Nog niet. Het verbod geldt pas na uitreiken.")
        assert_accessible(page, "sanctions-ban-detail")

        page.get_by_role("link", name="Uitreiken vastleggen").click()
        page.get_by_label("Persoonlijk overhandigd").check()
        page.get_by_label("Ontvangst getekend").check()
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("Van kracht")

        log_in(world.reception, target=reverse("sanctions:reception"))
        card = page.locator(".gir-reception__card", has_text="Berend Browsertest")
        assert card.count() == 1
        image = card.get_by_role("img", name="Foto van Berend Browsertest")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert "25 oktober 2026" in card.inner_text()
        assert_accessible(page, "sanctions-reception")

        traveller.move_to(end_of_local_day(END_DATE) - timedelta(minutes=2))
        log_in(world.reception, target=reverse("sanctions:reception"))
        assert page.locator(".gir-reception__card", has_text="Berend Browsertest").count() == 1

        traveller.move_to(end_of_local_day(END_DATE) + timedelta(seconds=1))
        log_in(world.reception, target=reverse("sanctions:reception"))
        assert page.locator(".gir-reception__card").count() == 0
        expect(page.locator("body")).to_contain_text("Er gelden nu geen toegangsverboden.")
        assert_accessible(page, "sanctions-reception-empty")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reception_registers_a_breach_from_the_list(live_server, page, log_in):  # noqa: F811
    from datetime import date

    from sanctions.models import BanBreach
    from tests.sanctions.helpers import make_ban

    world = build_world()
    incident = make_incident(world)
    aggressor = make_aggressor(incident, first_name="Bea", last_name="Binnenloper")
    today = date.today()
    make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=95))
    log_in(world.reception, target=reverse("sanctions:reception"))
    page.get_by_role("link", name="Toch binnengekomen? Overtreding van Bea Binnenloper melden").click()
    page.get_by_role("button", name="Overtreding melden").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page, "sanctions-breach-errors")
    page.get_by_label("Wat is er gebeurd").fill("Kwam binnen via de zij-ingang en wilde niet weg.")
    page.get_by_label("Weigeren te vertrekken").check()
    page.get_by_role("button", name="Overtreding melden").click()
    page.wait_for_url(f"**{reverse('sanctions:reception')}")
    breach = BanBreach.objects.get()
    expect(page.locator("body")).to_contain_text(breach.incident.reference)
    assert page.url.endswith(reverse("sanctions:reception"))
