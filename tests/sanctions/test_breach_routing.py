"""Breaches reach someone who can act; names stay need to know (ADR 0010)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gir.models import AuditEntry, Deadline, Notification
from incidents.services import aggressor_link
from sanctions.constants import DEADLINE_BREACH_AANGIFTE
from sanctions.services import breach_register
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def banned(world):
    world.first = make_incident(world)
    world.person = make_aggressor(world.first)
    today = timezone.localdate()
    # From yesterday: the incidents here happened two hours ago, which between 00:00 and 02:00
    # Amsterdam time is the day before (these tests failed at 00:12 with a ban from today).
    world.ban = make_ban(
        world,
        world.person,
        world.first,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=100),
    )
    return world


def _dossier(client, incident) -> str:
    return client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()


def test_a_breach_gives_the_new_incidents_handler_the_aangifte_task_and_a_banner(banned, login):
    w = banned
    breach = breach_register(ban=w.ban, by=w.reception, occurred_at=timezone.now(), description="Kwam binnen")
    incident = breach.incident
    assert incident.handler == w.manager
    task = Deadline.objects.open().get(kind=DEADLINE_BREACH_AANGIFTE)
    assert task.owner == w.manager and task.incident_id == incident.pk
    told = Notification.objects.get(recipient=w.manager, subject__contains="doe aangifte")
    assert told.url == reverse("incidents:detail", args=[incident.pk])
    assert login(w.manager).get(told.url).status_code == 200  # the message leads somewhere they can act
    assert "Aangifte doen na overtreding" in login(w.manager).get(reverse("tasks")).content.decode()
    assert "doe aangifte" in _dossier(login(w.manager), incident)

    waive = reverse("sanctions:breach-waive", args=[breach.pk])
    refused = login(w.manager).post(waive, {"reason": ""})
    assert refused.status_code == 200 and "Schrijf waarom" in refused.content.decode()
    login(w.manager).post(waive, {"reason": "Politie was al ter plaatse en heeft proces-verbaal opgemaakt"})
    assert not Deadline.objects.open().filter(kind=DEADLINE_BREACH_AANGIFTE).exists()
    assert "doe aangifte" not in _dossier(login(w.manager), incident)


@pytest.mark.parametrize("persona", ["employee", "colleague", "aftercare", "admin"])
def test_the_breach_page_and_the_name_search_do_not_exist_for_roles_without_the_reception_list(
    banned, login, persona
):
    client = login(getattr(banned, persona))
    assert client.get(reverse("sanctions:breach", args=[banned.ban.pk])).status_code == 404
    assert client.get(reverse("sanctions:breach-find"), {"name": "Verbodenberg"}).status_code == 404


def test_reception_opening_the_breach_page_is_a_logged_read_of_the_name(banned, login):
    page = login(banned.reception).get(reverse("sanctions:breach", args=[banned.ban.pk]))
    assert page.status_code == 200 and "Verbodenberg" in page.content.decode()
    assert AuditEntry.objects.filter(actor=banned.reception, object_id=str(banned.person.pk)).exists()


def test_linking_a_person_with_a_ban_in_force_shows_a_possible_breach(banned, login):
    w = banned
    later = make_incident(w)
    assert "Mogelijke overtreding" not in _dossier(login(w.manager), later)
    aggressor_link(incident=later, aggressor=w.person, by=w.manager)
    page = _dossier(login(w.manager), later)
    assert "Mogelijke overtreding" in page
    assert "Mogelijke overtreding" not in _dossier(login(w.employee), later)  # the reporter: no banner


def test_filing_at_a_covered_location_shows_a_possible_breach_without_a_name(banned, login):
    w = banned
    later = make_incident(w)
    later.location = w.building
    later.save()
    page = _dossier(login(w.manager), later)
    assert "Op deze plek gold een toegangsverbod" in page
    assert "Verbodenberg" not in page
