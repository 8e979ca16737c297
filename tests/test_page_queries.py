"""Each main page asks the database a fixed number of questions, whatever the amount of data
(QUALITY.md "Performance"): the count is taken with a little data and again with much more
(incidents with forms, aggressors, measures and bans, deadlines), and must not change. Each
page also stays within a budget, so a new panel or section that adds queries is noticed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.sanctions.helpers import ban_in_force, make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db

# persona, page, budget (queries in the steady state: session, organisation, role permissions
# and the second factor's device cached). Issue 13 pinned these at what the pages ask now; they
# may only go down.
PAGES = [
    ("employee", "start", 7),
    ("manager", "start", 10),
    ("coordinator", "start", 12),
    ("reception", "start", 8),
    ("employee", "incidents:list", 5),
    ("manager", "incidents:list", 7),
    ("coordinator", "incidents:list", 5),
    ("manager", "incidents:inbox", 8),
    ("manager", "tasks", 6),
    ("coordinator", "tasks", 4),
    ("coordinator", "sanctions:register", 6),
    ("reception", "sanctions:reception", 4),
    # The dossier's blocks come from the other apps' sections, each loading what it shows once
    # (letters and their dispatches, measures with their scope, the aggressors' alerts in bulk,
    # the incident's deadlines and measures shared): 29 queries before issue 13's work, 20, and
    # 18 since the ban-breach banner asks about a registered breach inside its ban query.
    ("coordinator", "dossier", 18),
    ("coordinator", "person", 9),
]


def _grow(world, n: int, first: int = 0):
    today = date.today()
    anchor = None
    for k in range(first, first + n):
        incident = make_incident(world, forms=("schelden", "bedreiging"))
        aggressor = make_aggressor(incident, last_name=f"Persoon{k}")
        make_ban(
            world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100), photo=False
        )
        anchor = anchor or (incident, aggressor)
    return anchor


def _url(name: str, anchor) -> str:
    incident, aggressor = anchor
    if name == "dossier":
        return reverse("incidents:detail", args=[incident.pk])
    if name == "person":
        return reverse("incidents:aggressor-detail", args=[aggressor.pk])
    return reverse(name)


def _count(client, url: str) -> int:
    client.get(url)  # steady state: the session renewal and the cached organisation
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("persona", "page", "budget"), PAGES)
def test_each_main_page_asks_a_fixed_number_of_queries(world, login, persona, page, budget):
    anchor = _grow(world, 2)
    client = login(getattr(world, persona))
    few = _count(client, _url(page, anchor))
    _grow(world, 6, first=2)
    many = _count(client, _url(page, anchor))
    assert many == few, f"{page} as {persona}: {few} queries with 2 incidents, {many} with 8"
    assert few <= budget, f"{page} as {persona}: {few} queries, budget {budget}"


def test_the_dossier_asks_the_same_with_one_or_three_aggressors(world, login):
    """Each linked aggressor's alerts and other incidents come in bulk, not per person, and so do
    the audit entries of the persons read (one INSERT for all)."""
    incident, _aggressor = _grow(world, 1)
    client = login(world.coordinator)
    url = _url("dossier", (incident, None))
    one = _count(client, url)
    for k in range(2):
        person = make_aggressor(incident, last_name=f"Mededader{k}")
        ban_in_force(world, person, incident)
    assert _count(client, url) == one
