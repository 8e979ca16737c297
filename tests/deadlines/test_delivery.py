"""E-mail server down: reminders are retried by the sweep, none lost, each sent once."""

import socket
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from gir.deadlines.scan import scan
from gir.models import Notification
from gir.tasks import deliver_pending
from tests.deadlines.conftest import open_test_deadline

T0 = datetime(2026, 10, 23, 9, 0, tzinfo=UTC)


def _closed_port() -> int:
    """A port where nothing listens: bind to port 0, read the number, close."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mail_server_down_then_back_each_mail_sent_once(world, test_kind, settings):
    with time_machine.travel(T0, tick=False):
        for hours in (1, 2, 3):
            open_test_deadline(start=T0, norm=timedelta(hours=hours), owner=world.manager)
    with time_machine.travel(T0 + timedelta(hours=5), tick=False):
        scan()
    owed = Notification.objects.filter(emailed_at__isnull=True).count()
    assert owed >= 6  # three due notices to the manager, three escalations to the coordinator

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    for minutes in (6, 7):  # two sweeps while the mail server is down
        with time_machine.travel(T0 + timedelta(hours=5, minutes=minutes), tick=False):
            assert deliver_pending() == 0
    assert Notification.objects.filter(emailed_at__isnull=True).count() == owed
    assert Notification.objects.filter(email_claimed_at__isnull=False).count() == 0  # claims released

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    with time_machine.travel(T0 + timedelta(hours=5, minutes=8), tick=False):
        assert deliver_pending() == owed
    with time_machine.travel(T0 + timedelta(hours=5, minutes=30), tick=False):
        assert deliver_pending() == 0
    assert len(mail.outbox) == owed
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients.count(world.manager.email) == 3
    assert all("/test/" in m.body for m in mail.outbox)  # a direct link in every mail


def test_a_live_claim_is_not_sent_twice_but_an_expired_one_is_retried(world, test_kind):
    from gir import notifications

    with time_machine.travel(T0, tick=False):
        open_test_deadline(start=T0, norm=timedelta(hours=1), owner=world.manager)
        scan()
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        scan()
        note = Notification.objects.filter(recipient=world.manager).first()
        # A worker claimed it and died before sending.
        Notification.objects.filter(pk=note.pk).update(email_claimed_at=T0 + timedelta(hours=2))
    with time_machine.travel(T0 + timedelta(hours=2, minutes=2), tick=False):
        assert note.pk not in notifications.pending_ids(T0 + timedelta(hours=2, minutes=2))
        assert notifications.deliver(note.pk) is False
    with time_machine.travel(T0 + timedelta(hours=2, minutes=10), tick=False):
        assert note.pk in notifications.pending_ids(T0 + timedelta(hours=2, minutes=10))
        assert notifications.deliver(note.pk) is True
        assert notifications.deliver(note.pk) is False


@pytest.mark.django_db
def test_notify_survives_a_missing_broker(world, monkeypatch, caplog, django_capture_on_commit_callbacks):
    """The fast path fails quietly; the row stays owed for the sweep."""
    from gir import notifications
    from gir.tasks import deliver_notifications

    def no_broker():
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(deliver_notifications.app, "connection_for_write", no_broker)
    monkeypatch.setattr(notifications, "_broker_down_until", 0.0)
    with django_capture_on_commit_callbacks(execute=True):
        rows = notifications.notify(recipients=[world.employee], subject="Test", body="x", url="/")
    row = Notification.objects.get(pk=rows[0].pk)
    assert row.emailed_at is None and row.email_claimed_at is None
    assert "left for the sweep" in caplog.text
    assert notifications._broker_down_until > time.monotonic()  # the next requests skip the broker


class RefusingBackend:
    """A mail server that is down: every send fails, and each attempt is counted."""

    attempts = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        RefusingBackend.attempts += 1
        raise ConnectionRefusedError("mail server down")


def test_one_sweep_stops_at_the_first_failure_instead_of_waiting_out_every_mail(world, test_kind, settings):
    with time_machine.travel(T0, tick=False):
        for hours in (1, 2, 3):
            open_test_deadline(start=T0, norm=timedelta(hours=hours), owner=world.manager)
    with time_machine.travel(T0 + timedelta(hours=5), tick=False):
        scan()
    owed = Notification.objects.filter(emailed_at__isnull=True).count()
    assert owed >= 6
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    RefusingBackend.attempts = 0
    with time_machine.travel(T0 + timedelta(hours=5, minutes=6), tick=False):
        assert deliver_pending() == 0
    assert RefusingBackend.attempts == 1
    assert Notification.objects.filter(emailed_at__isnull=True).count() == owed


def test_escalation_recipients_are_looked_up_once_per_scan(world, test_kind):
    with time_machine.travel(T0, tick=False):
        for hours in range(1, 11):
            open_test_deadline(start=T0, norm=timedelta(hours=hours), owner=world.manager)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(T0 + timedelta(hours=20), tick=False), CaptureQueriesContext(connection) as ctx:
        result = scan()
    assert result.escalations == 10
    lookups = [q for q in ctx.captured_queries if "auth_permission" in q["sql"]]
    assert len(lookups) == 1
