"""The incident list's search box: each field is found, only within ``visible_to``, in a
constant number of queries; the export honours it; PostgreSQL reads trigram indexes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import search as search_module
from incidents.models import Incident
from tests.incidents.factories import file_incident, make_aggressor

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(world):
    a1 = file_incident(
        world.employee, world.dept_a, description="Klant gooide een stoel om.", place="Markt 3"
    )
    a2 = file_incident(world.manager, world.dept_a, description="Bezoeker dreigde met de hond.")
    a2.location = world.building
    a2.save(update_fields=["location"])
    b1 = file_incident(world.colleague, world.dept_b, description="Man gooide koffie over de balie.")
    Incident.objects.filter(pk=a2.pk).update(aggressor_name="Kees Brouwer")  # named by the reporter
    make_aggressor(world.manager, a1, last_name="Vermeulen", first_name="Sander")
    make_aggressor(world.other_manager, b1, last_name="Vermeulen", first_name="Joost")
    return {"A1": a1, "A2": a2, "B1": b1}


def _search(client, text, **filters):
    """POST the search box, follow the redirect: the set of references listed."""
    response = client.post(reverse("incidents:list"), {"q": text, **filters})
    assert response.status_code == 302 and text.lower() not in response["Location"].lower()
    page = client.get(response["Location"])
    assert page.status_code == 200
    return {i.reference for i in page.context["page_obj"].object_list}, page


def _refs(cases, *names):
    return {cases[name].reference for name in names}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stoel", {"A1"}),  # a word of the description
        ("GOOIDE", {"A1", "B1"}),  # any case, every incident in scope
        ("markt", {"A1"}),  # the place
        ("stadhuis", {"A2"}),  # the building
        ("inkomen", {"B1"}),  # the department
        ("vermeulen", {"A1", "B1"}),  # the aggressor's last name
        ("joost", {"B1"}),  # and first name
        ("brouwer", {"A2"}),  # the name the reporter gave, before a person is linked
        ("gooide balie", {"B1"}),  # every word must match
        ("hond onbekendwoord", set()),
    ],
)
def test_it_finds_each_field(world, cases, login, text, expected):
    found, _page = _search(login(world.coordinator), text)
    assert found == _refs(cases, *expected)


def test_it_finds_the_reference_and_the_aggressor_number(world, cases, login):
    client = login(world.coordinator)
    assert _search(client, cases["A2"].reference)[0] == _refs(cases, "A2")
    aggressor = cases["B1"].aggressor_links.get().aggressor
    assert cases["B1"].reference in _search(client, f"#{aggressor.pk}")[0]


def test_a_manager_never_finds_another_departments_incident(world, cases, login):
    client = login(world.manager)
    assert _search(client, "inkomen")[0] == set()
    assert _search(client, cases["B1"].reference)[0] == set()
    assert _search(client, "joost")[0] == set()  # the aggressor of B1: not theirs
    assert _search(client, "vermeulen")[0] == _refs(cases, "A1")
    assert _search(client, "gooide")[0] == _refs(cases, "A1")


def test_an_employee_finds_only_their_own_reports_and_no_aggressor_names(world, cases, login):
    client = login(world.employee)
    assert _search(client, "gooide")[0] == _refs(cases, "A1")
    assert _search(client, "hond")[0] == set()  # A2 is their manager's report, not theirs
    assert _search(client, "brouwer")[0] == set()  # nor the names reporters gave
    assert _search(client, "vermeulen")[0] == set()  # employees never search aggressors
    assert _search(client, "publiekszaken")[0] == _refs(cases, "A1")


def test_the_page_counts_keeps_the_text_and_explains_an_empty_result(world, cases, login):
    client = login(world.coordinator)
    _found, page = _search(client, "gooide")
    html = page.content.decode()
    assert "2 incidenten gevonden voor ‘gooide’." in html
    assert 'value="gooide"' in html
    _found, page = _search(client, "zwaard")
    html = page.content.decode()
    assert "0 incidenten gevonden voor ‘zwaard’." in html
    assert "Geen incidenten gevonden die bij uw zoekopdracht passen." in html
    assert "Tip:" in html


def test_search_and_filters_combine(world, cases, login):
    client = login(world.coordinator)
    found, _page = _search(client, "gooide", department=str(world.dept_a.pk))
    assert found == _refs(cases, "A1")


def test_the_export_honours_the_search(world, cases, login):
    client = login(world.coordinator)
    response = client.post(reverse("incidents:list"), {"q": "gooide"})
    token = response["Location"].split("zoek=")[1]
    export = client.get(reverse("incidents:export"), {"zoek": token, "formaat": "csv"})
    rows = b"".join(export.streaming_content if export.streaming else [export.content])
    lines = rows.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 2
    assert cases["A2"].reference not in "".join(lines)


def test_a_search_uses_a_constant_number_of_queries(world, login):
    client = login(world.manager)
    response = client.post(reverse("incidents:list"), {"q": "gooide stoel"})
    url = response["Location"]

    def count():
        client.get(url)  # steady state
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    file_incident(world.employee, description="Klant gooide een stoel.")
    before = count()
    for n in range(8):
        incident = file_incident(world.employee, description=f"Klant {n} gooide een stoel.")
        make_aggressor(world.manager, incident, last_name=f"Stoel{n}")
    assert count() == before


def test_the_search_box_is_on_the_managers_start_page(world, login):
    html = login(world.manager).get(reverse("start")).content.decode()
    assert f'action="{reverse("incidents:list")}"' in html and 'name="q"' in html
    html = login(world.employee).get(reverse("start")).content.decode()
    assert 'name="q"' not in html


def test_a_word_too_short_for_the_trigram_index_finds_only_an_aggressor_number(
    world, cases, login, monkeypatch
):
    client = login(world.coordinator)
    found, page = _search(client, "e.")  # ends most descriptions, but no index can find it
    assert found == set()
    hint = "Woorden van minder dan drie tekens (e.) vinden alleen het nummer van een dader"
    assert hint in page.content.decode()
    assert _search(client, "gooide e.")[0] == set()  # every word must match
    number = f"#{cases['B1'].aggressor_links.get().aggressor_id}"
    monkeypatch.setattr(search_module, "MIN_LENGTH", len(number) + 1)  # this number is "too short"
    assert _search(client, number)[0] == _refs(cases, "B1")


def test_long_or_many_words_are_cut_not_refused(world, cases, login):
    client = login(world.coordinator)
    found, _page = _search(client, "gooide " * 40 + "stoel")
    assert found == _refs(cases, "A1", "B1")  # at most six distinct words of 200 characters


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_postgresql_reads_the_trigram_indexes(world, cases):

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert {"incident_description_trgm", "incident_reference_trgm", "aggressor_last_name_trgm"} <= names
    from incidents import scoping
    from incidents.search import _parts

    matching = scoping.union(_parts("gooide", world.coordinator))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matching.explain()
    assert "incident_description_trgm" in plan and "aggressor_last_name_trgm" in plan


def test_a_word_is_matched_once_and_a_broad_word_stays_a_subquery(world, cases, monkeypatch):
    """The matches of a word are listed once, so the page and its count read them by key; a
    word matching more than ``LISTED`` incidents is the same search as a subquery."""
    from incidents.search import search

    def found(text):
        with CaptureQueriesContext(connection) as listing:
            queryset = search(Incident.objects.all(), text, user=world.coordinator)
        sql = str(queryset.query)
        return set(queryset.values_list("reference", flat=True)), sql, len(listing)

    listed, sql, listing_queries = found("gooide")
    assert listed == _refs(cases, "A1", "B1")
    assert "UNION" not in sql and listing_queries >= 1  # matched once, when the search was built
    monkeypatch.setattr(search_module, "LISTED", 1)
    broad, sql, _listing_queries = found("gooide")
    assert broad == listed and "UNION" in sql
