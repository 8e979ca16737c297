"""The periodic deadline scan: reminder before due, notice at due, escalation when missed.

Each stage is claimed with a conditional UPDATE (``... WHERE <stage>_at IS NULL``) that
returns 1 for exactly one scanner; only the winner writes the notification. The notification
row is written in the same transaction as the claim, so a crash loses neither or both.
After downtime the scan catches up oldest first; a stage handled more than a scan interval
after its moment marks the deadline ``handled_late``. A pre-due reminder that is only reached
after the due time is claimed without sending: the due notice supersedes it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gir.deadlines.arithmetic import is_late
from gir.deadlines.owners import recipient
from gir.models import Deadline, Organisation, SystemStatus
from gir.notifications import notify, users_with_perm
from gir.registry import describe_deadline, registry

logger = logging.getLogger(__name__)
BATCH = 500


@dataclass
class ScanResult:
    reminders: int = 0
    due_notices: int = 0
    escalations: int = 0
    skipped: int = 0
    late: list[int] = field(default_factory=list)
    escalation_recipients: list | None = None


def _describe(deadline: Deadline) -> tuple[str, str, str]:
    text = describe_deadline(deadline)
    return text.label, text.reference, text.url


def _local(instant) -> str:
    return formats.date_format(timezone.localtime(instant), "j F Y H:i")


def _claim(pk: int, column: str, now) -> bool:
    return bool(
        Deadline.objects.filter(pk=pk, closed_at__isnull=True, **{f"{column}__isnull": True}).update(
            **{column: now}
        )
    )


def _mark_late(deadline: Deadline, moment, now, result: ScanResult) -> None:
    """Flag a notice acted on well after its moment: the scan was not running (beat down).

    A deadline born overdue (an incident reported days later) is not late handling: its
    moment counts from when the row was created.
    """
    if is_late(max(moment, deadline.created_at), now):
        Deadline.objects.filter(pk=deadline.pk).update(handled_late=True)
        if deadline.pk not in result.late:
            result.late.append(deadline.pk)


def _remind(deadline: Deadline, now, result: ScanResult, org) -> None:
    if deadline.due_at <= now:
        result.skipped += 1  # superseded by the due notice, which this same scan sends
        return
    _mark_late(deadline, deadline.remind_at, now, result)
    label, ref, url = _describe(deadline)
    if deadline.owner_id:
        notify(
            recipients=[recipient(deadline, now)],
            subject=_("Herinnering: %(label)s voor %(ref)s") % {"label": label, "ref": ref},
            body=_("Deze termijn loopt af op %(due)s.") % {"due": _local(deadline.due_at)},
            url=url,
        )
    result.reminders += 1


def _due(deadline: Deadline, now, result: ScanResult, org) -> None:
    label, ref, url = _describe(deadline)
    _mark_late(deadline, deadline.due_at, now, result)
    kind = registry.deadline_kinds.get(deadline.kind)
    recipients = [recipient(deadline, now)] if deadline.owner_id else []
    if kind is not None and kind.notify_at_due is not None:
        recipients += list(kind.notify_at_due(deadline))
    if kind is not None and kind.due_subject:
        subject = kind.due_subject % {"label": label, "ref": ref}
        body = _("Dit is gebeurd op %(due)s.") % {"due": _local(deadline.due_at)}
    else:
        subject = _("Termijn verlopen: %(label)s voor %(ref)s") % {"label": label, "ref": ref}
        body = _("Deze termijn is verlopen op %(due)s. Handel het zo snel mogelijk af.") % {
            "due": _local(deadline.due_at)
        }
    if recipients:
        notify(recipients=recipients, subject=subject, body=body, url=url)
    if kind is not None and kind.close_at_due:
        # An announcement is done once told; in the claim's transaction, so never escalated.
        Deadline.objects.filter(pk=deadline.pk, closed_at__isnull=True).update(
            closed_at=now, close_note=str(_("Gemeld bij het verlopen"))
        )
    result.due_notices += 1


def _escalate(deadline: Deadline, now, result: ScanResult, org) -> None:
    label, ref, url = _describe(deadline)
    _mark_late(deadline, deadline.due_at + org.escalation_after, now, result)
    if result.escalation_recipients is None:  # once per scan, not once per missed deadline
        result.escalation_recipients = list(users_with_perm("gir.receive_escalations"))
    notify(
        recipients=result.escalation_recipients,
        subject=_("Termijn gemist: %(label)s voor %(ref)s") % {"label": label, "ref": ref},
        body=_("Deze termijn is verlopen op %(due)s en nog niet afgehandeld.")
        % {"due": _local(deadline.due_at)},
        url=url,
    )
    result.escalations += 1


def _stage(queryset, column: str, order: str, action, now, result: ScanResult, org) -> None:
    """Claim and act on every row of ``queryset``, oldest moment first, in batches.

    Each row is one transaction: the claim and its notification commit together. A row that
    fails is rolled back (unclaimed, so the next scan retries it) and does not stop the others.
    """
    failed: set[int] = set()
    while True:
        ids = list(queryset.exclude(pk__in=failed).order_by(order, "pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return
        for pk in ids:
            try:
                with transaction.atomic():
                    if not _claim(pk, column, now):
                        continue  # another scanner got there first, or it was closed meanwhile
                    deadline = Deadline.objects.select_related("owner").get(pk=pk)
                    action(deadline, now, result, org)
            except Exception:
                logger.exception("Deadline %s: %s failed; retried on the next scan", pk, column)
                failed.add(pk)
        if len(ids) < BATCH:
            return


def scan(now=None) -> ScanResult:
    """Run one scan at ``now``. Safe to run concurrently and to repeat."""
    now = now or timezone.now()
    org = Organisation.get()
    result = ScanResult()
    open_rows = Deadline.objects.filter(closed_at__isnull=True)
    _stage(
        open_rows.filter(reminder_sent_at__isnull=True, remind_at__lte=now),
        "reminder_sent_at",
        "remind_at",
        _remind,
        now,
        result,
        org,
    )
    _stage(
        open_rows.filter(due_sent_at__isnull=True, due_at__lte=now),
        "due_sent_at",
        "due_at",
        _due,
        now,
        result,
        org,
    )
    _stage(
        open_rows.filter(escalated_at__isnull=True, due_at__lte=now - org.escalation_after),
        "escalated_at",
        "due_at",
        _escalate,
        now,
        result,
        org,
    )
    SystemStatus.objects.update_or_create(name="deadline_scan", defaults={"last_run_at": now})
    return result


def oldest_unsent_overdue(now=None):
    """Age of the oldest open, overdue deadline whose due notice has not gone out: a health signal."""
    now = now or timezone.now()
    oldest = (
        Deadline.objects.filter(closed_at__isnull=True, due_sent_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    return (now - oldest) if oldest else None


__all__ = ["ScanResult", "oldest_unsent_overdue", "scan"]
