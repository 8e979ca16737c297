"""Deciding a measure, revoking it, and recording the ordegesprek."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.deadlines import deadline_close
from incidents.models import Aggressor
from sanctions.constants import (
    DEADLINE_BAN_END,
    DEADLINE_BAN_REVIEW,
    DEADLINE_BAN_SERVE,
    DEADLINE_ORDEGESPREK,
    PERIOD_TYPES,
    Attendance,
    EventKind,
    MeasureStatus,
    MeasureType,
)
from sanctions.models import (
    BanLocation,
    Measure,
    Ordegesprek,
)
from sanctions.services.common import MeasureError, add_event, lock, measure_period_check, transition


def decide_rights_check(by, type_: str) -> None:
    """Raise PermissionDenied unless ``by`` may decide (or revoke) a measure of this type:
    a ban needs the mandate, every other measure ``decide_measure``."""
    if type_ == MeasureType.BAN:
        if not by.has_perm("sanctions.impose_ban"):
            raise PermissionDenied("Imposing a ban needs the mandate")
    elif not by.has_perm("sanctions.decide_measure"):
        raise PermissionDenied("Deciding measures needs the decide_measure permission")


def _decision_period(measure_type: str, incidents: list, starts_on: date | None, ends_on: date | None):
    """What every decision needs, whatever its type; the period kept, for the types that have one."""
    if not incidents:
        raise MeasureError(_("Kies voor welk incident deze maatregel is."))
    if measure_type not in PERIOD_TYPES:
        return None, None
    if starts_on is None:
        raise MeasureError(_("Vul de ingangsdatum in."))
    measure_period_check(starts_on, ends_on)
    return starts_on, ends_on


def _earlier_submission(submission_token: str | None, by) -> Measure | None:
    if not submission_token:
        return None
    return Measure.objects.filter(submission_token=submission_token, decided_by=by).first()


def _checked_spec(measure_type: str, *, aggressor, starts_on, ends_on, details: dict):
    """The type's entry in the decision table, once the type's rules let the decision through."""
    # The table names the forms too, and the forms use this module's rules: import it here.
    from sanctions.measure_types import spec_for

    spec = spec_for(measure_type)
    if spec.rules is not None:
        spec.rules(aggressor=aggressor, starts_on=starts_on, ends_on=ends_on, details=details)
    return spec


@transaction.atomic
def measure_decide(
    *,
    by,
    aggressor,
    measure_type: str,
    incidents,
    reason: str,
    description: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    proposal: str = "",
    details: dict | None = None,
    photo=None,
    decided_at: datetime | None = None,
    submission_token: str | None = None,
) -> Measure:
    """Record a decision about ``aggressor`` for some of their incidents: the type's rules from the
    decision table (``sanctions.measure_types``), then its details, in one transaction. A ban needs
    the mandate; deadlines open through ``gir.deadlines``."""
    decide_rights_check(by, measure_type)
    incidents = list(incidents)
    starts_on, ends_on = _decision_period(measure_type, incidents, starts_on, ends_on)
    # One decision at a time per person; a repeated submission (double click, back and
    # resubmit) carries the same one-time token and finds the decision made first.
    Aggressor.objects.select_for_update().filter(pk=aggressor.pk).first()
    if (repeat := _earlier_submission(submission_token, by)) is not None:
        return repeat
    details = details or {}
    spec = _checked_spec(
        measure_type, aggressor=aggressor, starts_on=starts_on, ends_on=ends_on, details=details
    )
    measure = Measure.objects.create(
        type=measure_type,
        aggressor=aggressor,
        decided_by=by,
        decided_at=decided_at or timezone.now(),
        reason=reason,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        proposal=proposal[:200],
        submission_token=submission_token or None,
    )
    measure.incidents.set(incidents)
    add_event(measure, by, EventKind.DECIDED, reason, at=measure.decided_at)
    if spec.build is not None:
        spec.build(measure, by, details, photo)
    return measure


@transaction.atomic
def measure_revoke(*, measure: Measure, by, reason: str) -> Measure:
    """Revoke a decision: a new history row; a ban leaves every list and its deadlines close."""
    decide_rights_check(by, measure.type)
    if not reason.strip():
        raise MeasureError(_("Geef aan waarom de maatregel wordt ingetrokken."))
    measure = lock(measure)
    transition(measure, MeasureStatus.REVOKED)
    add_event(measure, by, EventKind.REVOKED, reason)
    if measure.type == MeasureType.BAN:
        BanLocation.objects.filter(ban_id=measure.pk).update(is_revoked=True)
    note = _("Maatregel ingetrokken")
    for kind in (DEADLINE_BAN_SERVE, DEADLINE_BAN_REVIEW, DEADLINE_BAN_END, DEADLINE_ORDEGESPREK):
        deadline_close(kind=kind, subject=measure, by=by, note=note)
    return measure


def _talk_still_open(measure: Measure) -> tuple[Measure, Ordegesprek]:
    """The measure and its talk under row locks; refused once revoked or recorded."""
    measure = lock(measure)
    if measure.is_revoked:
        raise MeasureError(_("Deze maatregel is ingetrokken."))
    talk = Ordegesprek.objects.select_for_update().get(measure=measure)
    if talk.attendance:
        raise MeasureError(_("Dit ordegesprek is al vastgelegd."))
    return measure, talk


@transaction.atomic
def ordegesprek_record(
    *, measure: Measure, by, attendance: str, outcome: str = "", agreements: str = ""
) -> Ordegesprek:
    """Record whether the aggressor came, the outcome and the agreements; closes the norm.

    A no-show is recorded too: it counts as a step on the ladder and can lead to the next
    measure.
    """
    measure, talk = _talk_still_open(measure)
    talk.attendance = attendance
    talk.outcome = outcome
    talk.agreements = agreements
    talk.recorded_at = timezone.now()
    talk.recorded_by = by
    talk.save()
    transition(measure, MeasureStatus.DONE)
    no_show = attendance == Attendance.NO_SHOW
    add_event(measure, by, EventKind.NO_SHOW if no_show else EventKind.HELD, outcome)
    deadline_close(
        kind=DEADLINE_ORDEGESPREK,
        subject=measure,
        by=by,
        note=str(Attendance(attendance).label),
    )
    return talk


@transaction.atomic
def ordegesprek_replan(
    *, measure: Measure, by, planned_at: datetime, place: str, attendees: str, reason: str
) -> Ordegesprek:
    """Move a talk that has not taken place. The norm still counts from the decision."""
    measure, talk = _talk_still_open(measure)
    old = timezone.localtime(talk.planned_at)
    talk.planned_at, talk.place, talk.attendees = planned_at, place, attendees
    talk.save(update_fields=["planned_at", "place", "attendees"])
    note = _("Was %(old)s. %(reason)s") % {"old": f"{old:%d-%m-%Y %H:%M}", "reason": reason}
    add_event(measure, by, EventKind.RESCHEDULED, note)
    return talk
