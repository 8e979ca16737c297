"""axe-core on every page that exists: each GET route of the permission matrix, opened by a
persona that may see it (QUALITY.md "Accessibility"). A new page is checked automatically.

The pages are dealt into ``PARTS`` parts, one test file each (``test_every_page_<n>.py``), so that
``pytest -n 2 --dist loadfile`` runs them side by side; together the parts are every page."""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from tests.browser.conftest import assert_accessible
from tests.conftest import build_world
from tests.matrix import PERSONAS, load_cases

ROUTES, BUILDERS = load_cases()
PARTS = 2
# A generous wait for each page (Playwright's default is 30 s): on a machine whose cores are busy
# with other work a heavy page (the annual report) can take longer. A wait, not a measurement.
PAGE_TIMEOUT_MS = 180_000
# The most specific persona first: it shows the richest version of a page.
PREFERENCE = ["coordinator", "mandated", "manager", "aftercare", "reception", "admin", "employee"]


def _viewer(route):
    allowed = [p for p in PREFERENCE + PERSONAS if route.expected(p, "GET") == 200]
    return allowed[0] if allowed else None


def _session_cookie(user) -> dict:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # A complete login, second factor included (as force_login: tests/backends.py), just done.
    session[BACKEND_SESSION_KEY] = "tests.backends.ForceLoginBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["gir_authenticated_at"] = int(time.time())
    session.create()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "domain": "localhost",
        "path": "/",
    }


def part_routes(part: int) -> list:
    """The GET routes of part ``part`` (0-based): every PARTS-th route, so each part gets a mix of
    every app's pages."""
    return [route for route in ROUTES if route.get][part::PARTS]


def check_pages(live_server, page, part: int) -> None:
    """Open each page of ``part`` as its viewer and run axe-core; fail with every violation found."""
    world = build_world()
    for build in BUILDERS:
        build(world)
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    failures, checked = [], 0
    for route in part_routes(part):
        persona = _viewer(route)
        if persona is None and not route.public:
            continue
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        if route.query:
            url = f"{url}?{route.query}"
        page.context.clear_cookies()
        if persona:
            page.context.add_cookies([_session_cookie(getattr(world, persona))])
        probe = page.request.get(base + url, max_redirects=0, timeout=PAGE_TIMEOUT_MS)
        if probe.status != 200 or "text/html" not in probe.headers.get("content-type", ""):
            continue  # downloads and redirects: nothing for axe to read
        page.goto(base + url)
        try:
            assert_accessible(page)
            checked += 1
        except AssertionError as error:
            failures.append(f"{route.name} as {persona}: {error}")
    assert checked >= 10
    assert not failures, "\n\n".join(failures)
