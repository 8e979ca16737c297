"""The annual report page reuses a computation for five minutes, per scope."""

from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.incidents.factories import file_incident

URL = "/rapportages/jaarverslag/?year=2026"


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_the_report_is_computed_once_per_five_minutes_and_scope(world, client):
    with time_machine.travel("2026-11-23 10:00Z", tick=False) as traveller:
        file_incident(world.employee)
        client.force_login(world.coordinator)
        first = _queries(client)
        again = _queries(client)
        assert again < first - 5, "the second request reuses the computed report"
        file_incident(world.employee)
        traveller.shift(timedelta(minutes=6))
        assert _queries(client) > again + 10, "after five minutes the figures are computed afresh"
        client.force_login(world.manager)
        assert _queries(client) > again + 5, "another scope never gets the coordinator's report"
