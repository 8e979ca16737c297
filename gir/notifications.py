"""In-app notifications with e-mail delivery that survives a broker or mail server outage.

A notification is a database row written in the caller's transaction. E-mail is sent
afterwards: enqueued after commit (fast path), and swept every minute for rows still not
e-mailed (the broker was down, the mail server failed, a worker died). A delivery is claimed
with a lease, so two workers never send the same mail, and a crashed one is retried.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gir.models import Notification

logger = logging.getLogger(__name__)


def claim_lease() -> timedelta:
    """How long a delivery claim holds before another worker may retry it (a worker died)."""
    return timedelta(seconds=getattr(settings, "GIR_EMAIL_CLAIM_LEASE_SECONDS", 300))


def sweep_grace() -> timedelta:
    """The sweep leaves fresh rows to the fast path (the task enqueued after commit) this long."""
    return timedelta(seconds=getattr(settings, "GIR_EMAIL_SWEEP_GRACE_SECONDS", 30))


def users_with_perm(dotted: str):
    """Active users holding ``app_label.codename`` through a group or directly."""
    app_label, codename = dotted.split(".", 1)
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    User = get_user_model()
    if perm is None:
        return User.objects.none()
    return User.objects.filter(
        Q(groups__permissions=perm) | Q(user_permissions=perm), is_active=True
    ).distinct()


def notify(*, recipients, subject: str, body: str = "", url: str = "") -> list[Notification]:
    """Create a notification per recipient; e-mail follows after commit.

    ``subject`` and ``body`` go by e-mail: keep personal data out (a reference and a link).
    """
    rows = [
        Notification.objects.create(recipient=user, subject=subject[:200], body=body, url=url)
        for user in {u.pk: u for u in recipients}.values()
    ]
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: enqueue_delivery(ids))
    return rows


# After a broker failure this process stops trying for a while: every further attempt would
# cost the web request the broker's connect timeout again, and the sweep delivers anyway.
BROKER_BACKOFF = 30.0
_broker_down_until = 0.0


def enqueue_delivery(ids: list[int]) -> None:
    """Hand the e-mails to the broker; a broker failure is logged, the sweep catches up."""
    global _broker_down_until
    from gir.tasks import deliver_notifications

    if time.monotonic() < _broker_down_until:
        return
    try:
        # One quick attempt, no retries: kombu's default reconnect waits seconds between tries
        # and a web request must not wait on the broker. The sweep is the safety net.
        with deliver_notifications.app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0)
            deliver_notifications.apply_async((ids,), connection=connection, retry=False)
    except Exception:  # the broker is optional for correctness; never fail the request
        _broker_down_until = time.monotonic() + BROKER_BACKOFF
        logger.warning("Broker unavailable; %d notification e-mail(s) left for the sweep", len(ids))


def _claim(notification_id: int, now) -> bool:
    return bool(
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - claim_lease()))
        .update(email_claimed_at=now)
    )


def deliver(notification_id: int) -> bool:
    """Send one notification's e-mail once. Returns True when this call sent it."""
    now = timezone.now()
    if not _claim(notification_id, now):
        return False
    note = Notification.objects.select_related("recipient").get(pk=notification_id)
    if note.recipient.email:
        link = f"\n\n{settings.SITE_URL}{note.url}" if note.url else ""
        try:
            send_mail(note.subject, f"{note.body}{link}", None, [note.recipient.email])
        except Exception:
            Notification.objects.filter(pk=notification_id).update(email_claimed_at=None)
            raise
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    return True


def pending_ids(now, limit: int = 200) -> list[int]:
    """Notifications whose e-mail is still owed (oldest first), with no live claim on them."""
    return list(
        Notification.objects.filter(emailed_at__isnull=True, created_at__lte=now - sweep_grace())
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - claim_lease()))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
