"""Role permissions come from the shared cache (gir/security/perm_cache.py): no permission
queries on an ordinary page, and a change of roles or permissions is seen at the next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gir import roles

pytestmark = pytest.mark.django_db
REGISTER = "sanctions:register"


def _perm_queries(client, url) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, [q["sql"] for q in queries if "auth_permission" in q["sql"]]


def test_a_second_page_asks_no_permission_query(world, login):
    client = login(world.coordinator)
    client.get(reverse(REGISTER))
    status, perm_queries = _perm_queries(client, reverse(REGISTER))
    assert status == 200 and perm_queries == []


def test_a_withdrawn_role_is_seen_at_the_next_request(world, login):
    client = login(world.coordinator)
    assert client.get(reverse(REGISTER)).status_code == 200
    world.coordinator.groups.remove(Group.objects.get(name=roles.COORDINATOR))
    assert client.get(reverse(REGISTER)).status_code == 403


def test_a_granted_role_is_seen_at_the_next_request(world, login):
    client = login(world.employee)
    assert client.get(reverse(REGISTER)).status_code == 403
    world.employee.groups.add(Group.objects.get(name=roles.COORDINATOR))
    assert client.get(reverse(REGISTER)).status_code == 200


def test_a_permission_taken_from_a_role_is_seen_at_the_next_request(world, login):
    client = login(world.coordinator)
    assert client.get(reverse(REGISTER)).status_code == 200
    group = Group.objects.get(name=roles.COORDINATOR)
    register_perms = Permission.objects.filter(content_type__app_label="sanctions", group=group)
    group.permissions.remove(*register_perms)
    assert client.get(reverse(REGISTER)).status_code == 403
