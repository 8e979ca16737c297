"""The aggressor's name on the short report: stored as the reporter typed it, shown to the manager
where they search or create the person, never a person record by itself (ADR 0005)."""

import json

import pytest
from django.urls import reverse

from incidents.forms.aggressors import initial_from_name
from incidents.models import Aggressor, Incident
from tests.incidents.test_views import REPORT, _report_data, _token

pytestmark = pytest.mark.django_db


def _file_with_name(world, login, name="Jan de Vries"):
    client = login(world.employee)
    client.post(REPORT, _report_data(world, aggressor_name=f"  {name} ", submission_token=_token(client)))
    return Incident.objects.get()


def test_the_name_is_stored_with_the_report_and_creates_no_person(world, login):
    incident = _file_with_name(world, login)
    assert incident.aggressor_name == "Jan de Vries"
    assert not Aggressor.objects.exists()


def test_the_report_without_a_name_is_filed_as_before(world, login):
    client = login(world.employee)
    client.post(REPORT, _report_data(world, submission_token=_token(client)))
    assert Incident.objects.get().aggressor_name == ""


def test_the_manager_sees_the_name_and_it_fills_search_and_new_person(world, login):
    incident = _file_with_name(world, login)
    client = login(world.manager)
    dossier = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Naam van de dader volgens de melder" in dossier and "Jan de Vries" in dossier
    search = client.get(reverse("incidents:aggressor-search") + f"?incident={incident.pk}")
    assert 'value="Jan de Vries"' in search.content.decode()
    assert not search.context["persons"]  # pre-filled, not searched: no read is logged yet
    new = client.get(reverse("incidents:aggressor-new", args=[incident.pk]))
    assert new.context["form"]["first_name"].value() == "Jan"
    assert new.context["form"]["last_name"].value() == "de Vries"
    assert not Aggressor.objects.exists()


def test_a_name_is_split_into_a_guess_for_the_person_form():
    assert initial_from_name("Kramer") == {"last_name": "Kramer"}
    assert initial_from_name("J. de Vries") == {"initials": "J.", "last_name": "de Vries"}
    assert initial_from_name("Jan de Vries") == {"first_name": "Jan", "last_name": "de Vries"}
    assert initial_from_name("") == {"last_name": ""}


def test_the_page_knows_each_colleagues_department_for_the_confirmation(world, login):
    page = login(world.employee).get(REPORT).content.decode()
    start = page.index('id="gir-colleague-departments"')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    assert data[str(world.colleague.pk)] == world.colleague.department_id
    assert "data-department-confirm" in page
