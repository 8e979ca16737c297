"""Names and birth dates never travel in a URL (issue 12, finding 5).

Each person search is a POST; the test searches as a person would, then crawls every address the
result page points to (links, forms, redirects) and checks none holds the name or birth date.
A GET with the old query string finds nobody.
"""

import re
from datetime import date, timedelta
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
    from tests.sanctions.helpers import make_ban

    incident = person.incident_links.first().incident
    make_ban(
        world,
        person,
        incident,
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=95),
        photo=False,
    )
    assert Ban.objects.exists()
    client = login(world.reception)  # only the roles that see the reception list may search
    url = reverse("sanctions:breach-find")
    assert client.get(url, {"name": NAME}).context["matches"] is None
    _assert_clean(client, client.post(url, {"name": NAME}))
