"""List pages use a constant number of queries, whatever the number of bans (QUALITY.md)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gir.models import Location
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db


def _add_bans(world, count, first=0):
    today = date.today()
    for n in range(first, first + count):
        incident = make_incident(world)
        aggressor = make_aggressor(incident, last_name=f"Persoon{n}")
        location = Location.objects.create(name=f"Gebouw {n}", parent=world.building)
        make_ban(
            world,
            aggressor,
            incident,
            starts_on=today,
            ends_on=today + timedelta(days=100),
            all_locations=bool(n % 2),
            locations=[location],
            photo=False,
        )


def _count(client, url):
    client.get(url)  # the session and the header's organisation are cached after one request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("reception", "sanctions:reception"),
        ("coordinator", "sanctions:register"),
        ("coordinator", "sanctions:register-export"),
        ("coordinator", "sanctions:list"),
        ("reception", "start"),
    ],
)
def test_list_pages_use_a_constant_number_of_queries(world, login, persona, url_name):
    client = login(getattr(world, persona))
    url = reverse(url_name)
    _add_bans(world, 2)
    few = _count(client, url)
    _add_bans(world, 6, first=2)
    many = _count(client, url)
    assert many == few, f"{url_name}: {few} queries with 2 bans, {many} with 8"


def test_the_start_page_fetches_ten_bans_and_counts_the_others(world, login):
    _add_bans(world, 12)
    client = login(world.reception)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("start")).content.decode()
    assert "12 personen" in html
    assert html.count("(tot en met") == 10
    rows = [q["sql"] for q in queries if q["sql"].startswith('SELECT "sanctions_ban"')]
    assert rows and all("LIMIT 10" in sql for sql in rows), "ten rows asked for, not every ban in force"


def test_the_dossier_marks_measures_in_scope_without_asking_for_every_measure(world):
    """The coordinator sees every measure: their mark is a constant, not ``pk IN (every
    measure)``, which PostgreSQL hashed in full on each dossier. A manager's mark still follows
    their departments."""
    from sanctions.sections import incident_measures

    incident = make_incident(world)
    today = date.today()
    ends_on = today + timedelta(days=100)
    make_ban(world, make_aggressor(incident), incident, starts_on=today, ends_on=ends_on, photo=False)
    with CaptureQueriesContext(connection) as queries:
        marks = [m.in_scope for m in incident_measures(incident, world.coordinator)]
    assert marks == [True]
    assert "IN (SELECT" not in queries[-1]["sql"].upper()
    assert [m.in_scope for m in incident_measures(incident, world.manager)] == [True]
    assert [m.in_scope for m in incident_measures(incident, world.other_manager)] == [False]
