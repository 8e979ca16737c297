"""Open, close and reschedule deadlines. Called by the services that create or fulfil
an obligation, inside their own transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from gir.deadlines.arithmetic import due_at as compute_due
from gir.deadlines.arithmetic import remind_at as compute_remind
from gir.models import Deadline, Organisation


def _lead(lead: timedelta | None) -> timedelta:
    return lead if lead is not None else Organisation.get().reminder_lead


@transaction.atomic
def deadline_open(
    *,
    kind: str,
    subject: models.Model,
    starts_at: datetime,
    norm: timedelta | None = None,
    due: datetime | None = None,
    owner=None,
    incident_id: int | None = None,
    lead: timedelta | None = None,
) -> Deadline:
    """Open (or update the open) deadline of ``kind`` for ``subject``.

    Give either ``norm`` (due = start + norm) or an explicit ``due``. Idempotent: a second
    call for the same kind and subject reschedules the open row instead of adding one.
    """
    if (norm is None) == (due is None):
        raise ValueError("Give exactly one of norm or due")
    due_instant = due if due is not None else compute_due(starts_at, norm)
    values = {
        "starts_at": starts_at,
        "due_at": due_instant,
        "remind_at": compute_remind(starts_at, due_instant, _lead(lead)),
        "owner": owner,
        "incident_id": incident_id,
    }
    ct = ContentType.objects.get_for_model(subject)
    existing = (
        Deadline.objects.select_for_update()
        .filter(kind=kind, content_type=ct, object_id=subject.pk, closed_at__isnull=True)
        .first()
    )
    if existing is None:
        return Deadline.objects.create(kind=kind, content_type=ct, object_id=subject.pk, **values)
    return _reschedule(existing, values)


def _reschedule(deadline: Deadline, values: dict) -> Deadline:
    moved = values["due_at"] != deadline.due_at
    for name, value in values.items():
        setattr(deadline, name, value)
    if moved:
        # A moved deadline deserves fresh notices for the new time.
        deadline.reminder_sent_at = deadline.due_sent_at = deadline.escalated_at = None
        deadline.handled_late = False
    deadline.save()
    return deadline


@transaction.atomic
def deadline_reschedule(*, kind: str, subject: models.Model, starts_at: datetime, norm: timedelta) -> None:
    """Move the open deadline of ``kind`` after its start changed (incident time corrected)."""
    deadline = Deadline.objects.open().for_object(subject).filter(kind=kind).first()
    if deadline is not None:
        deadline_open(
            kind=kind,
            subject=subject,
            starts_at=starts_at,
            norm=norm,
            owner=deadline.owner,
            incident_id=deadline.incident_id,
        )


def deadline_close(*, kind: str, subject: models.Model, by=None, note: str = "", at=None) -> int:
    """Close the open deadline of ``kind`` for ``subject``; returns how many were closed (0 or 1)."""
    return (
        Deadline.objects.open()
        .for_object(subject)
        .filter(kind=kind)
        .update(closed_at=at or timezone.now(), closed_by=by, close_note=note[:300])
    )
