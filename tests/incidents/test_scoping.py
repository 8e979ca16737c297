"""Need to know: 404 outside scope; lists return exactly the rows in scope, whatever the
parameters; a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents.constants import ReporterRole
from incidents.services import Target
from tests.incidents.factories import add_evidence, file_incident, make_aggressor

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents(world):
    a1 = file_incident(world.employee, world.dept_a, description="A1")
    a2 = file_incident(
        world.manager,
        world.dept_a,
        reporter_role=ReporterRole.MANAGER,
        target=Target(user=world.employee),
        description="A2",
    )
    a3 = file_incident(world.mandated, world.dept_a, description="A3")
    b1 = file_incident(world.colleague, world.dept_b, description="B1")
    r1 = file_incident(world.reception, world.dept_b, description="R1")
    return {"A1": a1, "A2": a2, "A3": a3, "B1": b1, "R1": r1}


def _listed(client, query=""):
    response = client.get(reverse("incidents:list") + query)
    assert response.status_code == 200
    return {incident.description for incident in response.context["page_obj"].object_list}


def _named(client, name):
    """The search is POSTed; the list it redirects to searches through a token."""
    response = client.post(reverse("incidents:list"), {"q": name})
    assert response.status_code == 302 and "zoek=" in response["Location"]
    return _listed(client, response["Location"].removeprefix(reverse("incidents:list")))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", {"A1", "A2"}),
        ("colleague", {"B1"}),
        ("manager", {"A1", "A2", "A3"}),
        ("other_manager", {"B1", "R1"}),
        ("coordinator", {"A1", "A2", "A3", "B1", "R1"}),
        ("reception", {"R1"}),
        ("aftercare", set()),
    ],
)
def test_the_list_shows_exactly_the_rows_in_scope(world, incidents, login, persona, expected):
    assert _listed(login(getattr(world, persona))) == expected


def test_crafted_filter_parameters_never_widen_the_scope(world, incidents, login):
    client = login(world.employee)
    assert _listed(client, f"?department={world.dept_b.pk}") == set()
    assert _listed(client, "?status=nonsense&department=abc") == {"A1", "A2"}
    assert _listed(client, "?page=999&overdue=on&form=<script>") == {"A1", "A2"}
    other = make_aggressor(world.other_manager, incidents["B1"])
    manager = login(world.manager)
    assert _named(manager, str(other.pk)) == set()
    assert _named(manager, "Kramer") == set()
    assert _named(login(world.other_manager), str(other.pk)) == {"B1"}


def test_filters_narrow_the_list(world, incidents, login):
    client = login(world.coordinator)
    assert _listed(client, f"?department={world.dept_b.pk}") == {"B1", "R1"}
    assert _listed(client, "?form=schelden&status=gemeld") == {"A1", "A2", "A3", "B1", "R1"}
    assert _listed(client, "?form=wapen") == set()


@pytest.mark.parametrize("persona", ["colleague", "other_manager", "aftercare", "reception", "admin"])
def test_outsiders_get_404_on_the_incident_its_files_and_its_dossier(world, login, persona):
    incident = file_incident(world.employee, world.dept_a)
    evidence = add_evidence(incident, world.employee)
    client = login(getattr(world, persona))
    for url in [
        reverse("incidents:detail", args=[incident.pk]),
        reverse("incidents:edit", args=[incident.pk]),
        reverse("incidents:evidence-add", args=[incident.pk]),
        reverse("incidents:evidence-download", args=[evidence.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_list_and_inbox_use_a_constant_number_of_queries(world, login):
    client = login(world.coordinator)

    def count(url):
        client.get(url)  # steady state: session renewal and the organisation cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    file_incident(world.employee)
    small = (count(reverse("incidents:list")), count(reverse("incidents:inbox")))
    for n in range(12):
        file_incident(
            world.colleague, world.dept_b, description=f"extra {n}", forms=["schelden", "bedreiging"]
        )
    large = (count(reverse("incidents:list")), count(reverse("incidents:inbox")))
    assert small == large


def test_the_list_stays_within_a_query_budget(world, login, django_assert_max_num_queries):
    for n in range(30):
        file_incident(world.employee, description=f"n{n}")
    client = login(world.manager)
    with django_assert_max_num_queries(25):
        client.get(reverse("incidents:list") + "?overdue=on&form=schelden")


def test_the_inbox_shows_new_incidents_of_managed_departments_only(world, incidents, login):
    response = login(world.other_manager).get(reverse("incidents:inbox"))
    assert {i.description for i in response.context["page_obj"].object_list} == {"B1", "R1"}
    assert response.context["new"] == 2
    html = response.content.decode()
    assert "reactie binnen 1\xa0dag" in html or "reactie binnen 2\xa0dagen" in html


def test_the_dossier_uses_a_constant_number_of_queries(world, login):
    from incidents.services import incident_update, involvement_add

    incident = file_incident(world.employee, forms=["bedreiging"])
    client = login(world.manager)
    url = reverse("incidents:detail", args=[incident.pk])

    def count():
        client.get(url)  # steady state: session renewal and the organisation cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(6):
        incident = incident_update(
            incident=incident, by=world.manager, version=incident.version, changes={"means": f"m{n}"}
        )
        add_evidence(incident, world.employee)
        involvement_add(incident=incident, by=world.manager, role="getuige", name=f"Getuige {n}")
    assert count() == before


def test_the_date_filters_count_local_calendar_days(world, login):
    """From/until are whole days in Amsterdam time (as ``occurred_at__date`` was), asked as
    instants so the date index can answer: 00:10 local on the first day is 23:10 UTC the day
    before and counts; 00:30 local the day after the last does not."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ams = ZoneInfo("Europe/Amsterdam")
    moments = {
        "before": datetime(2025, 2, 28, 23, 50, tzinfo=ams),
        "first": datetime(2025, 3, 1, 0, 10, tzinfo=ams),
        "last": datetime(2025, 3, 31, 23, 30, tzinfo=ams),  # summer time since 30 March
        "after": datetime(2025, 4, 1, 0, 30, tzinfo=ams),
    }
    for name, moment in moments.items():
        file_incident(world.employee, world.dept_a, description=name, occurred_at=moment)
    client = login(world.coordinator)
    assert _listed(client, "?occurred_from=01-03-2025&occurred_until=31-03-2025") == {"first", "last"}
    assert _listed(client, "?occurred_from=2025-03-01") >= {"first", "last", "after"}
    assert "before" not in _listed(client, "?occurred_from=2025-03-01")
