"""Periodic and background work of the core. Tasks take ids, never personal data."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from gir import notifications
from gir.deadlines.scan import scan
from gir.models import SystemStatus

logger = logging.getLogger(__name__)


@shared_task
def heartbeat() -> None:
    """Proof that beat, broker and worker work together; shown to the beheerder."""
    SystemStatus.objects.update_or_create(name="heartbeat", defaults={"last_run_at": timezone.now()})


@shared_task
def deadline_scan() -> None:
    """One pass of the deadline engine, then the e-mails still owed."""
    result = scan()
    logger.info(
        "deadline scan: %d reminders, %d due, %d escalations, %d late",
        result.reminders,
        result.due_notices,
        result.escalations,
        len(result.late),
    )
    deliver_pending()


def deliver_pending() -> int:
    """Send the e-mails still owed, oldest first; stop at the first failure.

    A failure almost always means the mail server is down: trying the other rows would wait out
    the SMTP timeout once per row and run the scan task past its time limit. The next minute's
    sweep tries again.
    """
    sent = 0
    for pk in notifications.pending_ids(timezone.now()):
        try:
            sent += notifications.deliver(pk)
        except Exception:
            logger.warning("E-mail for notification %s failed; the rest waits for the next sweep", pk)
            break
    return sent


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def deliver_notifications(self, ids: list[int]) -> None:
    for pk in ids:
        try:
            notifications.deliver(pk)
        except Exception as exc:
            # Short retries only; the minute sweep is the real safety net.
            raise self.retry(exc=exc) from exc
