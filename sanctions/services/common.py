"""Helpers shared by the sanction services: history rows, status changes, deadline owners."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from gir.errors import RuleViolation
from sanctions.constants import TRANSITIONS, EventKind, MeasureStatus
from sanctions.models import Measure, MeasureEvent


class MeasureError(RuleViolation):
    """A decision that breaks a rule; the message is shown to the user as it is."""


def add_event(
    measure: Measure,
    by,
    kind: EventKind,
    note: str = "",
    old_end: date | None = None,
    new_end: date | None = None,
    at: datetime | None = None,
) -> MeasureEvent:
    return MeasureEvent.objects.create(
        measure=measure,
        by=by,
        kind=kind,
        note=note,
        old_end=old_end,
        new_end=new_end,
        at=at or timezone.now(),
    )


def transition(measure: Measure, to_status: MeasureStatus) -> None:
    if measure.status == to_status:
        return
    if to_status not in TRANSITIONS[MeasureStatus(measure.status)]:
        raise MeasureError(_("Deze maatregel kan niet meer worden gewijzigd."))
    measure.status = to_status
    measure.save(update_fields=["status"])


def first_incident_id(measure: Measure) -> int | None:
    return measure.incidents.order_by("occurred_at", "pk").values_list("pk", flat=True).first()


def lock(measure: Measure) -> Measure:
    """Re-read the measure under a row lock: two people acting at once are serialised."""
    return Measure.objects.select_for_update().get(pk=measure.pk)


def last_event_id(measure: Measure) -> int:
    """A version number for optimistic locking: the newest history row of the decision."""
    return measure.events.order_by("-pk").values_list("pk", flat=True).first() or 0


def measure_period_check(starts_on: date | None, ends_on: date | None) -> None:
    """A period ends on or after its first day (every measure type with a period)."""
    if starts_on and ends_on and ends_on < starts_on:
        raise MeasureError(_("De einddatum ligt voor de ingangsdatum."), field="ends_on")
