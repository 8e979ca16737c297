"""Every URL × every persona × method (QUALITY.md "Access control")."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import build_world
from tests.matrix import LOGGED_OUT, PERSONAS, load_cases

ROUTES, BUILDERS = load_cases()


def _names(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}"


def test_every_url_is_in_the_matrix():
    named = set(_names(get_resolver().url_patterns))
    listed = {r.name for r in ROUTES}
    assert named - listed == set(), "URLs missing from the permission matrix"
    assert listed - named == set(), "matrix lists URLs that do not exist"


def test_every_url_has_a_name():
    def unnamed(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from unnamed(p.url_patterns)
            elif not p.name:
                yield str(p.pattern)

    assert list(unnamed(get_resolver().url_patterns)) == []


def _ok(expected: int, actual: int, method: str) -> bool:
    if method == "POST" and expected == 200:
        return actual in (200, 302)
    return expected == actual


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """The whole world, built once for this module inside a transaction that is rolled back at
    the end; every test runs in a savepoint of it (like Django's setUpTestData)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            for build in BUILDERS:
                build(world)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_route_answers_each_persona_as_expected(route, client, matrix_world):
    world = matrix_world
    url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
    if route.query:
        url = f"{url}?{route.query}"
    methods = (["GET"] if route.get else []) + (["POST"] if route.post else [])
    failures = []
    for persona in LOGGED_OUT + PERSONAS:
        for method in methods:
            client.logout()
            if persona != "anonymous":
                client.force_login(getattr(world, persona))
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, route.post_data(world) if route.post_data else {})
            expected = route.expected(persona, method)
            if not _ok(expected, response.status_code, method):
                failures.append(f"{method} {persona}: expected {expected}, got {response.status_code}")
            if response.status_code == 302 and persona in LOGGED_OUT and not route.public:
                assert reverse("login") in response["Location"], f"{persona} not sent to login"
    assert not failures, f"{route.name}: " + "; ".join(failures)
    assert _unknown_descriptions() == [], f"{route.name} wrote audit text not in gir/audit_texts.py"


def _unknown_descriptions() -> list[str]:
    """Stored audit descriptions that are no form of a ``gir.audit_texts`` description."""
    from gir.audit_texts import match
    from gir.models import AuditEntry

    stored = AuditEntry.objects.exclude(description="").values_list("description", flat=True).distinct()
    return [text for text in stored if match(text) is None]


@pytest.mark.django_db
def test_every_state_change_needs_a_csrf_token(matrix_world):
    """Each POST route refuses a request without a CSRF token (QUALITY.md: POST with CSRF)."""
    from django.test import Client

    world = matrix_world
    failures = []
    for route in ROUTES:
        if not route.post:
            continue
        persona = next((p for p in PERSONAS if route.expected(p, "POST") == 200), None)
        client = Client(enforce_csrf_checks=True)
        if persona:
            client.force_login(getattr(world, persona))
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        response = client.post(url, route.post_data(world) if route.post_data else {})
        if response.status_code != 403:
            failures.append(f"{route.name}: {response.status_code}")
    assert not failures, "POST accepted without CSRF token: " + ", ".join(failures)


# Responses that chose their own caching because they hold no personal data.
PUBLIC_CACHEABLE = {"organisation-logo"}


@pytest.mark.django_db
def test_every_authenticated_page_and_download_is_no_store(matrix_world):
    """Issue 12 finding 4: shared reception PCs must not keep a page in the browser cache."""
    from django.test import Client

    world = matrix_world
    failures, checked = [], 0
    for route in ROUTES:
        if not route.get or route.name in PUBLIC_CACHEABLE:
            continue
        # The persona that sees the page itself (its download, its personal data), else any.
        persona = next((p for p in PERSONAS if route.expected(p) == 200), "employee")
        client = Client()
        client.force_login(getattr(world, persona))
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        response = client.get(f"{url}?{route.query}" if route.query else url)
        checked += response.status_code == 200
        if "no-store" not in response.get("Cache-Control", ""):
            failures.append(
                f"{route.name} as {persona}: {response.status_code} {response.get('Cache-Control')}"
            )
    assert checked > 50
    assert not failures, "cacheable: " + "; ".join(failures[:20])


@pytest.mark.django_db
def test_every_menu_link_opens_for_each_persona_that_sees_it(matrix_world):
    """The menu (gir.navigation) shows a persona only pages the matrix lets them open."""
    from django.urls import resolve

    from gir.navigation import menu_for

    routes = {r.name: r for r in ROUTES}
    failures, seen = [], {}
    for persona in PERSONAS:
        user = getattr(matrix_world, persona)
        links = [item["url"] for group in menu_for(user, "/") for item in group["items"]]
        seen[persona] = links
        for url in links:
            route = routes.get(resolve(url).view_name)
            if route is None or route.expected(persona) != 200:
                failures.append(f"{persona}: {url}")
    assert not failures, "menu links the matrix refuses: " + ", ".join(failures)
    # The comparison import has its place in the coordinator's menu, and only theirs.
    comparisons = reverse("reports:comparisons")
    assert [p for p, links in seen.items() if comparisons in links] == ["coordinator"]
