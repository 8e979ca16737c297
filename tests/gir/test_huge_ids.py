"""An id that no database can store is a clear "not found", never a 500 (issue 12, finding 9)."""

import pytest
from django.urls import reverse

from gir.access import MAX_PK, parse_pk
from tests.incidents.factories import file_incident, make_aggressor

HUGE = "1" * 23


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (HUGE, None),
        (str(MAX_PK), MAX_PK),
        (str(MAX_PK + 1), None),
        ("0", None),
        ("-3", None),
        ("١٢", None),
        ("", None),
        (None, None),
        ("12a", None),
    ],
)
def test_parse_pk_accepts_only_storable_ids(raw, expected):
    assert parse_pk(raw) == expected


def test_a_23_digit_incident_in_the_aggressor_search_is_no_500(world, login):
    client = login(world.manager)
    assert client.get(reverse("incidents:aggressor-search"), {"incident": HUGE}).status_code == 200
    link = reverse("incidents:aggressor-link", args=[file_incident(world.employee, world.dept_a).pk])
    assert client.post(link, {"aggressor": HUGE}).status_code == 404


def test_a_23_digit_incident_on_the_decision_page_is_no_500(world, login):
    person = make_aggressor(world.manager, file_incident(world.employee, world.dept_a))
    url = reverse("sanctions:decide", args=[person.pk])
    assert login(world.manager).get(url, {"incident": HUGE}).status_code == 200
