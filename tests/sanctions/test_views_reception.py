"""Sanctions pages for reception and security: the list of bans in force, photos, the start panel,
finding a ban by name, and registering a breach."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from gir.models import AuditEntry, Deadline, Location, Notification
from incidents.models import Aggressor, IncidentAggressor
from sanctions.constants import DEADLINE_BREACH_AANGIFTE, MeasureStatus
from sanctions.models import Ban, BanBreach, Measure
from sanctions.reception import reception_cards_html
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db


def test_reception_sees_name_photo_period_locations_instruction_and_nothing_else(world, login, setup):
    incident, _aggressor, ban = setup
    response = login(world.reception).get(reverse("sanctions:reception"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Karel Verbodenberg" in html
    assert reverse("sanctions:ban-photo", kwargs={"pk": ban.pk}) in html
    assert "Alle gebouwen van de gemeente" in html
    assert "Beveiliging waarschuwen" in html and "Bel 3333" in html
    forbidden = [
        "1979",
        "17-04",
        "17 april",
        "Geheimstraat",
        "9999 ZZ",
        "Nergenshuizen",
        "KL-778899",
        "rode jas",
        incident.reference,
        "reden-test",
        "Schold de medewerker",
        "Publiekszaken",
        ban.measure.reference,
    ]
    for text in forbidden:
        assert text not in html, text


def test_every_view_of_the_reception_list_and_each_photo_is_logged(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.reception)
    client.get(reverse("sanctions:reception"))
    client.get(reverse("sanctions:reception"))
    photo = client.get(reverse("sanctions:ban-photo", kwargs={"pk": ban.pk}))
    assert photo.status_code == 200
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert photo["Content-Disposition"].startswith("attachment")
    assert b"".join(photo.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    lists = AuditEntry.objects.filter(actor=world.reception, description__startswith="receptielijst")
    photos = AuditEntry.objects.filter(
        actor=world.reception, object_id=str(ban.pk), description__startswith="foto toegangsverbod"
    )
    assert lists.count() == 2
    assert photos.count() == 1


def test_reception_cannot_see_the_photo_of_a_ban_not_in_force(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = date.today()
    ban = make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=95), serve=False
    )
    assert (
        login(world.reception).get(reverse("sanctions:ban-photo", kwargs={"pk": ban.pk})).status_code == 404
    )


def test_the_reception_list_changes_exactly_at_local_midnight_on_the_last_sunday_of_october(world, login):
    with time_machine.travel(datetime(2026, 7, 20, 8, 0, tzinfo=UTC), tick=False):
        incident = make_incident(world)
        aggressor = make_aggressor(incident)
        make_ban(world, aggressor, incident, starts_on=date(2026, 7, 20), ends_on=date(2026, 10, 25))
    url = reverse("sanctions:reception")
    # Before the clocks go back (01:00 UTC); 22:59:59 local, where a fixed +02:00 bug would
    # already drop it; 23:59:59 CET; 00:00 CET on 26 October; the next morning.
    moments = [
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 21, 59, 59, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 23, 0, 0, tzinfo=UTC), False),
        (datetime(2026, 10, 26, 9, 0, tzinfo=UTC), False),
    ]
    for moment, expected in moments:
        with time_machine.travel(moment, tick=False):
            # A fresh session each time: the idle timeout would otherwise log us out.
            html = login(world.reception).get(url).content.decode()
        assert ("Karel Verbodenberg" in html) is expected, moment


def test_the_reception_start_panel_lists_the_bans_and_is_logged(world, login, setup):
    html = login(world.reception).get(reverse("start")).content.decode()
    assert "Karel Verbodenberg" in html
    assert AuditEntry.objects.filter(actor=world.reception, description__startswith="startpagina").exists()
    assert "Karel Verbodenberg" not in login(world.employee).get(reverse("start")).content.decode()


def test_a_vague_name_search_does_not_reveal_the_list(world, login):
    today = date.today()
    for n in range(6):
        incident = make_incident(world)
        aggressor = make_aggressor(incident, last_name=f"Bakker{n}")
        make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=95), photo=False)
    html = login(world.reception).post(reverse("sanctions:breach-find"), {"name": "Bakker"}).content.decode()
    assert "Bakker0" not in html
    assert "meer dan 5 personen" in html


def test_a_breach_becomes_an_incident_and_prompts_aangifte(world, login, setup):
    _incident, aggressor, ban = setup
    client = login(world.reception)
    response = client.post(
        reverse("sanctions:breach", kwargs={"pk": ban.pk}),
        {
            "occurred_date": date.today().isoformat(),
            "occurred_time": "00:01",
            "location": world.building.pk,
            "place": "Hal",
            "description": "Kwam toch binnen en wilde niet weg.",
            "aggression_forms": ["weigeren_vertrek"],
        },
    )
    assert response.status_code == 302
    breach = BanBreach.objects.get()
    new = breach.incident
    assert new.reference.startswith("GIR-")
    assert IncidentAggressor.objects.filter(incident=new, aggressor=aggressor).exists()
    assert new.reporter == world.reception
    # The new incident's handler (who can open it) and the coordinator are told.
    for user in (new.handler, world.coordinator):
        assert Notification.objects.filter(recipient=user, subject__contains="overtreden").exists()
    deadline = Deadline.objects.open().get(kind=DEADLINE_BREACH_AANGIFTE)
    assert deadline.owner == new.handler == world.manager
    # The aangifte for the new incident closes the prompt.
    aangifte_url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "aangifte"}
    )
    response = login(world.manager).post(
        aangifte_url,
        {
            "incidents": [new.pk],
            "reason": "Art. 138 Sr",
            "reported_by": "werkgever",
            "reported_on": date.today().isoformat(),
            "vpt": "on",
        },
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.closed_at is not None


def test_each_card_has_its_own_period_and_breach_link_and_a_photo_only_where_there_is_one(
    world, login, setup
):
    """The cards are made in Python (``reception_cards``): each link points at its own ban."""
    incident, _aggressor, ban = setup
    other = make_aggressor(incident, last_name="Zonderfoto")
    today = date.today()
    plain = make_ban(
        world, other, incident, starts_on=today, ends_on=today + timedelta(days=120), photo=False
    )
    html = login(world.reception).get(reverse("sanctions:reception")).content.decode()
    for each in (ban, plain):
        assert reverse("sanctions:breach", kwargs={"pk": each.pk}) in html
    assert reverse("sanctions:ban-photo", kwargs={"pk": plain.pk}) not in html
    assert html.count("Geen foto") == 1
    assert "Overtreding van Karel Verbodenberg melden" in html
    ends = date_format(plain.measure.ends_on, "j F Y")  # as the template's date filter wrote it
    months = "januari februari maart april mei juni juli augustus september oktober november december"
    assert f"tot en met {ends}" in html and ends.split()[1] in months.split()


def _reception_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("sanctions:reception")).content.decode()
    return len(queries), html


def test_the_cards_come_from_the_shared_cache_until_anything_they_show_changes(world, login, setup):
    """The cards' HTML is kept under a hash of every column they show, read on each request:
    changes made without signals (a bulk update) still show at once."""
    _incident, aggressor, ban = setup
    client = login(world.reception)
    client.get(reverse("sanctions:reception"))
    first, _html = _reception_queries(client)
    second, html = _reception_queries(client)
    assert second == first  # steady state: the cards were not made again
    assert "Karel Verbodenberg" in html

    Aggressor.objects.filter(pk=aggressor.pk).update(last_name="Nieuwenaam")
    missed, html = _reception_queries(client)
    assert missed == first + 2  # the bans and their buildings read again to make the cards
    assert "Karel Nieuwenaam" in html and "Verbodenberg" not in html

    Ban.objects.filter(pk=ban.pk).update(instruction_text="Bel 4444")
    assert "Bel 4444" in _reception_queries(client)[1]

    Measure.objects.filter(pk=ban.pk).update(status=MeasureStatus.REVOKED)
    html = _reception_queries(client)[1]
    assert "Nieuwenaam" not in html and "Er gelden nu geen toegangsverboden." in html


def test_a_renamed_building_shows_on_the_cached_cards(world, login):
    incident = make_incident(world)
    place = Location.objects.create(name="Stadskantoor")
    today = date.today()
    make_ban(
        world,
        make_aggressor(incident),
        incident,
        starts_on=today,
        ends_on=today + timedelta(days=95),
        all_locations=False,
        locations=[place],
    )
    client = login(world.reception)
    assert "Stadskantoor" in _reception_queries(client)[1]
    Location.objects.filter(pk=place.pk).update(name="Stadhuis")
    html = _reception_queries(client)[1]
    assert "Stadhuis" in html and "Stadskantoor" not in html


def test_the_cards_are_kept_apart_for_who_may_and_may_not_register_a_breach(setup):
    """Roles are data: a role with the list but without breaches gets no breach links, even
    right after someone with them filled the cache."""
    _incident, _aggressor, ban = setup
    breach_link = reverse("sanctions:breach", kwargs={"pk": ban.pk})
    with_links, count = reception_cards_html(can_register_breach=True)
    without, _count = reception_cards_html(can_register_breach=False)
    assert count == 1 and breach_link in with_links
    assert breach_link not in without and "Karel Verbodenberg" in without


def test_a_new_release_does_not_serve_the_cards_cached_by_the_old_one(setup, settings):
    from sanctions import reception

    reception_cards_html(can_register_breach=True)
    with CaptureQueriesContext(connection) as cached:
        reception_cards_html(can_register_breach=True)
    settings.GIR_VERSION = "99.0.0"
    reception._template_hash.cache_clear()
    try:
        with CaptureQueriesContext(connection) as released:
            reception_cards_html(can_register_breach=True)
    finally:
        reception._template_hash.cache_clear()
    assert len(released) == len(cached) + 2  # the cards were made again
