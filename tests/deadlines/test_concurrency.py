"""Two scanners at once on PostgreSQL: every notice exactly once (claim by conditional UPDATE)."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections

from gir.deadlines.scan import scan
from gir.models import Deadline, Notification
from tests.deadlines.conftest import open_test_deadline

T0 = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_two_threads_scanning_at_once_send_each_notice_once(world, test_kind):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent scanners need PostgreSQL (SQLite serialises writers; not production)")
    rows = [
        open_test_deadline(start=T0, norm=timedelta(minutes=m), owner=world.manager) for m in range(1, 121)
    ]
    now = T0 + timedelta(days=1)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            scan(now)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    for row in rows:
        url = f"/test/{row.object_id}/"
        assert (
            Notification.objects.filter(
                url=url, recipient=world.manager, subject__startswith="Termijn verlopen"
            ).count()
            == 1
        )
        assert Notification.objects.filter(url=url, recipient=world.coordinator).count() == 1
        assert Notification.objects.filter(url=url, subject__startswith="Herinnering").count() == 0
    assert Deadline.objects.filter(due_sent_at__isnull=True).count() == 0
