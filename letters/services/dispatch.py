"""Dispatches: how and when a final letter went out; the first one meets the 48-hour norm."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.deadlines import deadline_close
from gir.errors import RuleViolation
from gir.models import AuditEntry
from letters.constants import REACTION_DEADLINE
from letters.models import Dispatch, Letter


def _incidents_reacted_to(letter: Letter) -> list:
    """The letter's incident, and the other incidents of its measure with the same aggressor:
    one ban decision for three incidents is the reaction to each of them."""
    incidents = [letter.incident]
    if letter.measure_id:
        others = letter.measure.incidents.filter(aggressor_links__aggressor=letter.aggressor_id)
        incidents += list(others.exclude(pk=letter.incident_id).distinct())
    return incidents


@transaction.atomic
def dispatch_record(
    *,
    letter: Letter,
    method: str,
    dispatched_at: datetime,
    by,
    tracking_number: str = "",
    email: str = "",
    note: str = "",
) -> Dispatch:
    """Record how a final letter went out; the first dispatch meets the 48-hour norm.

    A letter to the aggressor that has gone out is the reaction the norm asks for, so the
    ``incident_reaction`` deadline of each incident it reacts to is closed here (a no-op when
    already closed).
    """
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if not locked.is_final:
        raise RuleViolation(_("Maak de brief eerst definitief; een concept kan niet worden verzonden."))
    same = locked.dispatches.filter(
        method=method, dispatched_at=dispatched_at, tracking_number=tracking_number.strip()
    ).first()
    if same is not None:
        return same  # a double-clicked submit records the dispatch once
    dispatch = Dispatch.objects.create(
        letter=locked,
        method=method,
        dispatched_at=dispatched_at,
        tracking_number=tracking_number.strip(),
        email=email.strip(),
        note=note.strip(),
        recorded_by=by,
    )
    for incident in _incidents_reacted_to(locked):
        deadline_close(
            kind=REACTION_DEADLINE,
            subject=incident,
            by=by,
            note=f"Brief {locked.reference} verzonden",
            at=dispatched_at if dispatched_at <= timezone.now() else None,
        )
    audit_log(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=dispatch,
        description=texts.LETTER_DISPATCHED(letter=locked.pk),
    )
    return dispatch
