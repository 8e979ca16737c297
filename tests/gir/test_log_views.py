"""``gir.audit.log_views``: one VIEW entry per person a page names, written together."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from gir import audit_texts as texts
from gir.audit import log_view, log_views
from gir.models import AuditEntry

# Real transactions: inside a test's own transaction bulk_create never issues BEGIN and COMMIT.
pytestmark = pytest.mark.django_db(transaction=True)


def _request(user):
    request = RequestFactory().get("/incidenten/1/", REMOTE_ADDR="10.0.0.7")
    request.user = user
    return request


def _written(callable_) -> tuple[list[tuple], int]:
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    rows = AuditEntry.objects.filter(pk__gt=last).order_by("object_id")
    fields = ("actor_id", "action", "content_type_id", "object_id", "description", "ip_address", "path")
    return list(rows.values_list(*fields)), len(ctx)


def test_one_person_is_one_insert_like_log_view(world):
    request, person = _request(world.coordinator), world.employee
    text = texts.AGGRESSOR_VIEWED(pk=person.pk)
    ContentType.objects.get_for_model(person)  # the type is cached per process, as in a server
    single, queries = _written(lambda: log_views(request, [person], lambda pk: text))
    assert queries == 1  # no BEGIN and COMMIT around a single row
    assert single == _written(lambda: log_view(request, person, text))[0]


def test_several_people_are_one_insert_and_each_appears_once(world):
    request = _request(world.coordinator)
    people = [world.employee, world.colleague, world.employee]  # named twice on the page
    rows, queries = _written(lambda: log_views(request, people, lambda pk: texts.AGGRESSOR_VIEWED(pk=pk)))
    assert sorted(row[3] for row in rows) == sorted({str(world.employee.pk), str(world.colleague.pk)})
    assert {row[0] for row in rows} == {world.coordinator.pk}
    assert queries <= 3  # BEGIN, one INSERT for all, COMMIT: not one per person
    assert _written(lambda: log_views(request, [], str))[1] == 0
