"""Personas that encode the permission matrix (CONVENTIONS.md "Tests")."""

from types import SimpleNamespace

import pytest

from gir import roles
from tests import migration_data
from tests.factories import DepartmentFactory, LocationFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The freshly migrated test database: remember the rows its data migrations created."""
    global _db_blocker
    _db_blocker = django_db_blocker
    with django_db_blocker.unblock():
        migration_data.take_snapshot()


_db_blocker = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the migrations' rows back for the next test."""
    result = yield
    # With no next test the session is over and the test database already gone.
    if _db_blocker is not None and nextitem is not None and _flushes_database(item):
        with _db_blocker.unblock():
            migration_data.restore()
    return result


def _flushes_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    fixtures = set(getattr(item, "fixturenames", ()))
    return transactional or bool({"transactional_db", "live_server"} & fixtures)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (reports and charts are cached per process)."""
    from django.core.cache import cache

    cache.clear()
    yield


def build_world() -> SimpleNamespace:
    """Two departments, a user per persona, and a building; apps add their objects."""
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
