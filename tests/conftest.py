"""Personas that encode the permission matrix (CONVENTIONS.md "Tests")."""

from types import SimpleNamespace

import pytest

from gir import roles
from tests.factories import DepartmentFactory, LocationFactory, UserFactory


def ensure_roles() -> None:
    """Roles come from data migrations; a transactional test's flush removes them for every later
    test in the same process. Put them back exactly as the migrations define them."""
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=roles.COORDINATOR, permissions__isnull=False).exists():
        roles.restore_all()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (reports and charts are cached per process)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _roles_from_migrations(request):
    if request.instance is not None or (
        request.node.get_closest_marker("django_db") is None
        and not ({"db", "transactional_db", "world"} & set(request.fixturenames))
    ):
        yield  # no database, or a unittest-style class that sets up its own data
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    ensure_roles()
    yield


def build_world() -> SimpleNamespace:
    """Two departments, a user per persona, and a building; apps add their objects."""
    ensure_roles()
    dept_a = DepartmentFactory(name="Publiekszaken")
    dept_b = DepartmentFactory(name="Werk en Inkomen")
    w = SimpleNamespace(dept_a=dept_a, dept_b=dept_b)
    w.employee = UserFactory(username="employee", department=dept_a, roles=[roles.MEDEWERKER])
    w.colleague = UserFactory(username="colleague", department=dept_b, roles=[roles.MEDEWERKER])
    w.manager = UserFactory(
        username="manager", department=dept_a, roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE]
    )
    w.other_manager = UserFactory(
        username="other_manager", department=dept_b, roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE]
    )
    w.mandated = UserFactory(
        username="mandated",
        department=dept_a,
        roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE, roles.GEMANDATEERDE],
    )
    w.coordinator = UserFactory(username="coordinator", roles=[roles.MEDEWERKER, roles.COORDINATOR])
    w.aftercare = UserFactory(username="aftercare", roles=[roles.MEDEWERKER, roles.BEDRIJFSOPVANG])
    w.reception = UserFactory(username="reception", roles=[roles.MEDEWERKER, roles.RECEPTIE])
    w.admin = UserFactory(username="admin", roles=[roles.MEDEWERKER, roles.BEHEERDER])
    w.privacy = UserFactory(username="privacy", roles=[roles.MEDEWERKER, roles.PRIVACY])
    w.deactivated = UserFactory(username="deactivated", department=dept_a, roles=[roles.MEDEWERKER])
    w.deactivated.is_active = False
    w.deactivated.save()
    dept_a.managers.add(w.manager, w.mandated)
    dept_b.managers.add(w.other_manager)
    w.building = LocationFactory(name="Stadhuis")
    return w


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    """``login(user)`` returns the test client logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
