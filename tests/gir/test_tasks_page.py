"""Mijn taken costs one query per kind of deadline, however many tasks there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gir.models import Deadline
from tests.incidents.factories import file_incident


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/mijn-taken/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_task_list_does_not_query_per_row(world, login):
    first = file_incident(world.employee)
    file_incident(world.employee)
    manager = login(world.manager)
    few, html = _queries(manager)
    assert first.reference in html
    for _i in range(6):
        file_incident(world.employee)
    many, html = _queries(manager)
    assert Deadline.objects.open().filter(owner=world.manager).count() >= 8
    assert many == few
    owners = set(Deadline.objects.filter(kind__startswith="aftercare_talk").values_list("owner", flat=True))
    assert world.aftercare.pk in owners  # the talks are assigned to the aftercare worker
    client = login(world.aftercare)
    talks_before, html = _queries(client)
    assert "nazorgdossier" in html
    file_incident(world.employee)
    file_incident(world.employee)
    talks_after, _html = _queries(client)
    assert talks_after == talks_before
