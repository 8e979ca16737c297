"""Names and birth dates never travel in a URL (issue 12, finding 5).

Each person search is a POST; the test searches as a person would, then crawls every address the
result page points to (links, forms, redirects) and checks none holds the name or birth date.
A GET with the old query string finds nobody.
"""

import re
from urllib.parse import unquote_plus

import pytest
from django.urls import reverse

from tests.incidents.factories import file_incident, make_aggressor

pytestmark = pytest.mark.django_db
NAME, BIRTH = "Zoekbaar", "1981-07-19"
SECRETS = [NAME.lower(), BIRTH, "19-7-1981", "1981"]


def _addresses(html: str) -> list[str]:
    return [unquote_plus(u) for u in re.findall(r'(?:href|action|src)="([^"]*)"', html)]


def _assert_clean(client, response):
    assert response.status_code == 200
    assert NAME in response.content.decode()  # the search did find the person
    urls = _addresses(response.content.decode())
    for url in urls:
        assert not any(secret in url.lower() for secret in SECRETS), url
    for url in {u for u in urls if u.startswith("/") and not u.startswith("/static/")}:
        followed = client.get(url)
        chain = [followed.get("Location", "")]
        assert not any(secret in "".join(chain).lower() for secret in SECRETS)


@pytest.fixture
def person(world):
    incident = file_incident(world.employee, world.dept_a)
    return make_aggressor(world.manager, incident, last_name=NAME, date_of_birth=BIRTH)


def test_the_aggressor_search_is_a_post(world, person, login):
    client = login(world.manager)
    url = reverse("incidents:aggressor-search")
    assert client.get(url, {"name": NAME}).context["persons"] == []
    _assert_clean(client, client.post(url, {"name": NAME, "date_of_birth": BIRTH}))


def test_the_subject_access_search_is_a_post(world, person, login):
    client = login(world.coordinator)
    url = reverse("privacy:subject-search")
    assert client.get(url, {"q": NAME}).context["results"] is None
    _assert_clean(client, client.post(url, {"q": NAME, "date_of_birth": BIRTH}))


def test_the_breach_search_is_a_post(world, person, login):
    from sanctions.models import Ban
    from tests.sanctions.helpers import ban_in_force

    incident = person.incident_links.first().incident
    ban_in_force(world, person, incident, days=95)
    assert Ban.objects.exists()
    client = login(world.reception)  # only the roles that see the reception list may search
    url = reverse("sanctions:breach-find")
    assert client.get(url, {"name": NAME}).context["matches"] is None
    _assert_clean(client, client.post(url, {"name": NAME}))


def test_the_incident_list_name_filter_keeps_the_name_out_of_every_url(world, person, login, monkeypatch):
    """The list's name filter POSTs; the page, its pagination, export and filter links carry an
    opaque session token instead of the name, and keep filtering on it."""
    from incidents.services import aggressor_link
    from incidents.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 1)  # two matching incidents: a second page
    aggressor_link(incident=file_incident(world.employee, world.dept_a), aggressor=person, by=world.manager)
    other = file_incident(world.employee, world.dept_a)  # no aggressor: must be filtered out
    client = login(world.manager)
    url = reverse("incidents:list")

    assert client.get(url, {"q": NAME}).context["total"] == 3  # a name in the URL filters nothing

    response = client.post(url, {"q": NAME, "date_of_birth": BIRTH, "status": ""})
    assert response.status_code == 302
    location = response["Location"]
    assert not any(secret in unquote_plus(location).lower() for secret in SECRETS), location
    assert "zoek=" in location
    page = client.get(location)
    assert page.context["total"] == 2 and other not in page.context["page_obj"].object_list
    html = page.content.decode()
    urls = {u for u in _addresses(html) if u.startswith(("/", "?")) and not u.startswith("/static/")}
    assert any("page=2" in u for u in urls) and any("formaat=csv" in u for u in urls)
    _assert_clean(client, page)
    for found in urls:
        target = found if found.startswith("/") else url + found
        followed = client.get(target)
        assert followed.status_code < 500, target
        assert not any(secret in unquote_plus(followed.get("Location", "")).lower() for secret in SECRETS)
        if "page=2" in found:  # the next page still filters on the name
            assert followed.context["total"] == 2 and "zoek=" in found
        if "formaat=csv" in found:
            rows = b"".join(followed.streaming_content if followed.streaming else [followed.content])
            assert len(rows.decode("utf-8-sig").strip().splitlines()) == 1 + 2  # header + both incidents

    # Another session cannot use the token, and an unknown token filters on no name.
    token = location.split("zoek=")[1].split("&")[0]
    client.logout()
    client = login(world.manager)
    assert client.get(url, {"zoek": token}).context["total"] == 3
    assert client.get(url, {"zoek": "onbekend"}).context["total"] == 3
