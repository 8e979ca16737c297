"""Long lists count at most a cap of rows (issue 13): exact below it, "meer dan" above it, and
the pages still lead on to every row."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gir import paging
from gir.audit import audit_log
from gir.models import AuditEntry, Department
from gir.paging import CappedPaginator
from tests.letters.helpers import dispatched, final, incident_with_aggressor
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db


def _departments(n: int):
    Department.objects.bulk_create(Department(name=f"Afdeling {k:02d}") for k in range(n))
    return Department.objects.order_by("name")


def test_below_the_cap_the_count_is_exact():
    paginator = CappedPaginator(_departments(3), 2, cap=3)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.more_than, paginator.num_pages) == (3, None, 2)
    assert page.has_next()


def test_above_the_cap_it_counts_one_row_more_and_says_more_than():
    departments = _departments(10)
    paginator = CappedPaginator(departments, 2, cap=3)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("1")
    assert paginator.more_than == 3 and paginator.count == 4
    assert "LIMIT 4" in queries[0]["sql"] and queries[0]["sql"].startswith("SELECT COUNT(*)")
    assert [d.name for d in page] == ["Afdeling 00", "Afdeling 01"] and page.has_next()


def test_each_page_past_the_cap_offers_the_next_until_the_last():
    departments = _departments(10)
    second = CappedPaginator(departments, 2, cap=3).get_page(2)
    assert second.has_next() and second.paginator.more_than == 3
    fourth = CappedPaginator(departments, 2, cap=3).get_page(4)
    assert [d.name for d in fourth] == ["Afdeling 06", "Afdeling 07"] and fourth.has_next()
    last = CappedPaginator(departments, 2, cap=3).get_page(5)
    assert [d.name for d in last] == ["Afdeling 08", "Afdeling 09"] and not last.has_next()
    assert last.paginator.more_than is None and last.paginator.count == 10


def test_a_page_beyond_the_end_or_not_a_number_gives_a_real_page():
    departments = _departments(10)
    assert CappedPaginator(departments, 2, cap=3).get_page(99).number == 5
    assert CappedPaginator(departments, 2, cap=3).get_page("x").number == 1
    absurd = CappedPaginator(departments, 2, cap=3).get_page(10**30)  # no count past LIMIT's range
    assert len(absurd) == 2


def test_the_count_leaves_out_the_pages_annotations(world):
    from incidents.models import Incident
    from incidents.views.lists import listed

    make_incident(world)
    rows = Incident.objects.all()
    paginator = CappedPaginator(listed(rows).order_by("-occurred_at"), 25, counted=rows)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 1
    assert "gir_deadline" not in queries[0]["sql"]


PAGED = [
    "incidents.deadline_overview",
    "incidents.views.lists",
    "letters.views.register",
    "privacy.audit_views",
    "sanctions.views.register",
]


@pytest.fixture
def cap_of_two(monkeypatch):
    """Count two rows at most, on pages of one row (the count reaches at least one page)."""
    monkeypatch.setattr(paging, "CAP", 2)
    for module in PAGED:
        monkeypatch.setattr(importlib.import_module(module), "PAGE_SIZE", 1)


def _text(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_the_incident_list_says_more_than_the_cap(world, login, cap_of_two):
    client = login(world.coordinator)
    for _ in range(2):
        make_incident(world)
    assert "2 incidenten gevonden." in _text(client, "incidents:list")
    make_incident(world)
    assert "Meer dan 2 incidenten gevonden." in _text(client, "incidents:list")


def test_a_capped_list_names_no_last_page_until_it_is_reached(world, login, cap_of_two):
    client = login(world.coordinator)
    for _ in range(3):
        make_incident(world)
    first = _text(client, "incidents:list")
    assert "Pagina 1</span>" in first and 'rel="next"' in first
    last = client.get(reverse("incidents:list"), {"page": 3}).content.decode()
    assert "Pagina 3 van 3" in last and 'rel="next"' not in last


def test_the_deadline_overview_says_more_than_the_cap(world, login, cap_of_two):
    for _ in range(3):
        make_incident(world)  # each opens its 48-hour reaction deadline
    assert "Meer dan 2 termijnen" in _text(login(world.coordinator), "incidents:deadlines")


def test_the_ban_register_says_more_than_the_cap(world, login, cap_of_two):
    today = date.today()
    for k in range(3):
        incident = make_incident(world)
        person = make_aggressor(incident, last_name=f"Persoon{k}")
        make_ban(world, person, incident, starts_on=today, ends_on=today + timedelta(days=100), photo=False)
    assert "Meer dan 2 verboden gevonden." in _text(login(world.coordinator), "sanctions:register")


def test_the_dispatch_register_says_more_than_the_cap(world, login, cap_of_two):
    for _ in range(3):
        incident, aggressor = incident_with_aggressor(world.employee, world.manager)
        dispatched(final(incident, aggressor, world.manager), world.manager)
    assert "Meer dan 2 verzendingen" in _text(login(world.coordinator), "letters:register")


def test_the_audit_log_says_more_than_the_cap_and_pages_on(world, login, cap_of_two):
    for k in range(5):
        audit_log(actor=world.admin, action=AuditEntry.Action.VIEW, description=f"regel {k}")
    client = login(world.coordinator)
    assert "Meer dan 2 regels" in _text(client, "privacy:auditlog")


def test_first_rows_gives_the_first_rows_and_the_total_in_one_query():
    _departments(7)
    rows = Department.objects.filter(name__startswith="Afdeling").order_by("name")
    with CaptureQueriesContext(connection) as queries:
        first, total = paging.first_rows(rows, 3)
    assert len(queries) == 1
    assert [d.name for d in first] == ["Afdeling 00", "Afdeling 01", "Afdeling 02"] and total == 7
    assert paging.first_rows(rows.filter(name="nothing"), 3) == ([], 0)
