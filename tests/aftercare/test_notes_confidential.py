"""Confidential notes: the aftercare team only, on every page, list and export (QUALITY.md)."""

import pytest
from django.urls import reverse

from gir.models import AuditEntry
from tests.aftercare.helpers import NOTE_TEXT
from tests.conftest import build_world
from tests.matrix import PERSONAS, load_cases

ROUTES, BUILDERS = load_cases()
GET_ROUTES = [r for r in ROUTES if r.get]


@pytest.fixture
def full_world(db):
    world = build_world()
    for build in BUILDERS:
        build(world)
    return world


@pytest.mark.parametrize("persona", PERSONAS)
def test_note_text_appears_only_for_the_aftercare_worker_on_any_page(persona, full_world, client):
    """Every GET page of the whole application (the permission matrix), for every persona."""
    client.force_login(getattr(full_world, persona))
    leaks = []
    for route in GET_ROUTES:
        url = reverse(route.name, kwargs=route.kwargs(full_world) if route.kwargs else None)
        if route.query:
            url = f"{url}?{route.query}"
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if NOTE_TEXT.encode() in body:
            leaks.append(route.name)
    if persona == "aftercare":
        assert leaks == ["aftercare:case"]
    else:
        assert leaks == [], f"note text shown to {persona} on {leaks}"


def test_every_note_read_is_logged(full_world, client):
    client.force_login(full_world.aftercare)
    before = AuditEntry.objects.filter(action="view", content_type__model="aftercarenote").count()
    client.get(reverse("aftercare:case", kwargs={"pk": full_world.aftercare_case.pk}))
    after = AuditEntry.objects.filter(
        action="view", content_type__model="aftercarenote", actor=full_world.aftercare
    ).count()
    assert after == before + 1


def test_manager_and_coordinator_see_dates_but_no_referral(full_world, client):
    for persona in ("manager", "coordinator"):
        client.force_login(getattr(full_world, persona))
        page = client.get(
            reverse("aftercare:case", kwargs={"pk": full_world.aftercare_case.pk})
        ).content.decode()
        assert "Spreekkamer 2" in page  # the planned talk
        assert "Psycholoog" not in page
        assert "Vertrouwelijke notities" not in page


def test_employee_sees_talks_contact_and_referral_but_not_notes(full_world, client):
    client.force_login(full_world.employee)
    page = client.get(reverse("aftercare:case", kwargs={"pk": full_world.aftercare_case.pk})).content.decode()
    assert "Spreekkamer 2" in page and full_world.aftercare.email in page
    assert "Psycholoog" in page
    assert NOTE_TEXT not in page
    start = client.get(reverse("start")).content.decode()
    assert "Mijn nazorg" in start and full_world.aftercare.get_full_name() in start


def test_another_aftercare_worker_does_not_see_a_colleagues_case(full_world, client):
    from gir import roles
    from tests.factories import UserFactory

    other = UserFactory(username="aftercare2", roles=[roles.MEDEWERKER, roles.BEDRIJFSOPVANG])
    client.force_login(other)
    url = reverse("aftercare:case", kwargs={"pk": full_world.aftercare_case.pk})
    assert client.get(url).status_code == 404
    assert NOTE_TEXT.encode() not in client.get(reverse("aftercare:cases")).content


def test_only_the_note_module_reads_notes():
    """Notes live in their own table so no other query picks them up. Guard the code base:
    only aftercare's models, services (write) and notes (the one reader) name the model;
    the privacy app may delete expired notes."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {"aftercare/models.py", "aftercare/notes.py", "aftercare/services.py", "privacy/retention.py"}
    users = set()
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root).as_posix()
        if relative.startswith((".venv/", "tests/", "node_modules/")) or "/migrations/" in relative:
            continue
        if "AftercareNote" in path.read_text(errors="ignore"):
            users.add(relative)
    assert users <= allowed, f"modules outside the note reader touch AftercareNote: {users - allowed}"


def test_viewing_a_case_is_logged_for_every_reader(full_world, client):
    for persona in ("employee", "manager", "coordinator", "aftercare"):
        user = getattr(full_world, persona)
        client.force_login(user)
        client.get(reverse("aftercare:case", kwargs={"pk": full_world.aftercare_case.pk}))
        assert AuditEntry.objects.filter(
            actor=user,
            action="view",
            content_type__model="aftercarecase",
            object_id=str(full_world.aftercare_case.pk),
        ).exists()
