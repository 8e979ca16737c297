"""The aggressor as a person on the incident pages: search across departments, logging every
read, describing an unknown person and identifying them later, the photo, linking and unlinking."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gir.models import AuditEntry
from incidents.models import IncidentAggressor
from incidents.services.aggressors import aggressor_link
from tests.incidents.factories import file_incident, make_aggressor, png_upload

pytestmark = pytest.mark.django_db


def test_search_finds_a_person_of_another_department_only_by_exact_name_and_birth_date(world, login):
    theirs = file_incident(world.colleague, world.dept_b)
    person = make_aggressor(world.other_manager, theirs, last_name="Kramer", date_of_birth="1979-04-12")
    mine = file_incident(world.employee, world.dept_a)
    client = login(world.manager)
    search = reverse("incidents:aggressor-search")
    assert client.post(search, {"name": "Kram"}).context["persons"] == []
    found = client.post(search, {"name": "kramer", "date_of_birth": "1979-04-12", "incident": mine.pk})
    assert [p.pk for p in found.context["persons"]] == [person.pk]
    assert person.pk not in found.context["visible_ids"]  # not on their person page yet
    assert client.get(reverse("incidents:aggressor-detail", args=[person.pk])).status_code == 404
    link = reverse("incidents:aggressor-link", args=[mine.pk])
    assert client.post(link, {"aggressor": person.pk}).status_code == 404  # no search proof
    client.post(link, {"aggressor": person.pk, "name": "Kramer", "date_of_birth": "1979-04-12"})
    assert IncidentAggressor.objects.filter(incident=mine, aggressor=person).exists()
    page = client.get(reverse("incidents:aggressor-detail", args=[person.pk]))
    assert page.status_code == 200 and page.context["total_incidents"] == 2
    assert [i.pk for i in page.context["incidents"]] == [mine.pk]


def test_every_read_of_an_aggressor_is_logged(world, login):
    incident = file_incident(world.employee)
    person = make_aggressor(world.manager, incident)
    client = login(world.manager)
    client.get(reverse("incidents:aggressor-detail", args=[person.pk]))
    client.post(reverse("incidents:aggressor-search"), {"name": "Kramer"})
    entries = AuditEntry.objects.filter(action="view", object_id=str(person.pk), actor=world.manager)
    assert entries.count() == 2


def test_an_unknown_aggressor_is_described_and_identified_later(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    new = reverse("incidents:aggressor-new", args=[incident.pk])
    response = client.post(new, {"last_name": "", "description": ""})
    assert "beschrijf de dader" in response.content.decode()
    client.post(new, {"description": "Man met rode jas, ongeveer 30"})
    person = incident.aggressor_links.get().aggressor
    assert not person.is_identified
    client.post(
        reverse("incidents:aggressor-edit", args=[person.pk]),
        {"last_name": "Jansen", "date_of_birth": "1995-02-03", "description": person.description},
    )
    person.refresh_from_db()
    assert person.is_identified and person.last_name == "Jansen"


def test_a_future_birth_date_is_refused(world, login):
    incident = file_incident(world.employee)
    response = login(world.manager).post(
        reverse("incidents:aggressor-new", args=[incident.pk]),
        {"last_name": "X", "date_of_birth": f"{date.today() + timedelta(days=400):%d-%m-%Y}"},
    )
    assert "toekomst" in response.content.decode()
    far = login(world.manager).post(
        reverse("incidents:aggressor-new", args=[incident.pk]),
        {"last_name": "X", "date_of_birth": "01-01-2999"},
    )
    assert "Kies een datum tussen 1900 en 2100." in far.content.decode()


def test_the_photo_is_served_privately_and_logged(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    client.post(
        reverse("incidents:aggressor-new", args=[incident.pk]), {"last_name": "Foto", "photo": png_upload()}
    )
    person = incident.aggressor_links.get().aggressor
    response = client.get(reverse("incidents:aggressor-photo", args=[person.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert AuditEntry.objects.filter(
        action="view", object_id=str(person.pk), description__contains="foto"
    ).exists()


def test_showing_a_linked_aggressor_on_the_dossier_is_logged(world, login):
    incident = file_incident(world.employee)
    person = make_aggressor(world.manager, incident)
    html = login(world.manager).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert person.last_name in html
    assert (
        AuditEntry.objects.filter(action="view", object_id=str(person.pk), actor=world.manager).count() == 1
    )
    # The reporter sees the dossier but no aggressor data, and nothing is logged for them.
    html = login(world.employee).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert person.last_name not in html
    assert not AuditEntry.objects.filter(action="view", actor=world.employee).exists()


def test_the_dossier_lists_the_aggressors_as_linked_with_their_other_incidents(world, login):
    incident = file_incident(world.employee)
    repeat = make_aggressor(world.manager, incident)
    make_aggressor(world.manager, incident, last_name="Eenmalig", date_of_birth="1990-01-01")
    for _ in range(2):
        aggressor_link(incident=file_incident(world.employee), aggressor=repeat, by=world.manager)
    response = login(world.manager).get(reverse("incidents:detail", args=[incident.pk]))
    people = [(p["aggressor"].last_name, p["other_incidents"]) for p in response.context["aggressors"]]
    assert people == [("Kramer", 2), ("Eenmalig", 0)]  # in the order they were linked
    html = response.content.decode()
    assert "Betrokken bij 2 andere incidenten." in html and "Geen eerdere incidenten bekend." in html


def test_creating_a_person_who_exists_warns_and_offers_to_link(world, login):
    theirs = file_incident(world.colleague, world.dept_b)
    existing = make_aggressor(world.other_manager, theirs, last_name="Kramer", date_of_birth="1979-04-12")
    mine = file_incident(world.employee)
    client = login(world.manager)
    url = reverse("incidents:aggressor-new", args=[mine.pk])
    data = {"last_name": "Kramer", "first_name": "P", "date_of_birth": "1979-04-12"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "Deze persoon bestaat misschien al" in html
    assert response.context["duplicates"] == [existing]
    assert 'name="confirm_new" value="1"' in html or 'name="confirm_new" value="True"' in html
    assert mine.aggressor_links.count() == 0
    client.post(url, {**data, "confirm_new": "1"})  # it really is someone else
    assert mine.aggressor_links.get().aggressor != existing


def test_unlinking_an_aggressor_twice_is_harmless(world, login):
    incident = file_incident(world.employee)
    person = make_aggressor(world.manager, incident)
    link = incident.aggressor_links.get()
    client = login(world.manager)
    url = reverse("incidents:aggressor-unlink", args=[incident.pk, link.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "Deze dader was al losgekoppeld." in response.content.decode()
    assert not incident.aggressor_links.exists() and person.incident_links.count() == 0
    assert login(world.employee).post(url).status_code == 403
