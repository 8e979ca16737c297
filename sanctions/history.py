"""The aggressor's history shown while deciding, and the ladder's proposal built from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from incidents.models import Incident, IncidentForm
from sanctions.constants import MeasureStatus
from sanctions.ladder import Proposal, propose
from sanctions.models import Ban, BanBreach, ContactCondition, Measure, local_today


@dataclass
class History:
    incidents: list
    measures: list
    active_bans: list
    conditions: list
    proposal: Proposal


def _forms_of(incidents) -> set[str]:
    return set(IncidentForm.objects.filter(incident__in=incidents).values_list("form", flat=True))


def aggressor_history(aggressor, *, current_incidents=(), now: datetime | None = None) -> History:
    """Earlier incidents, earlier measures, bans in force and contact conditions, plus advice.

    ``current_incidents`` are the incidents being decided on; the ladder looks at their forms
    and at the measures taken before.
    """
    incidents = list(
        Incident.objects.filter(aggressor_links__aggressor=aggressor)
        .select_related("department")
        .prefetch_related("forms")
        .order_by("-occurred_at")
    )
    measures = list(
        Measure.objects.for_aggressor(aggressor).prefetch_related("incidents").order_by("-decided_at")
    )
    active_bans = list(
        Ban.objects.in_force(now).filter(measure__aggressor=aggressor).select_related("measure")
    )
    conditions = contact_conditions_for(aggressor, now)
    current = list(current_incidents) or incidents[:1]
    current_ids = {i.pk for i in current}
    standing = [m for m in measures if m.status != MeasureStatus.REVOKED]
    for_now = [m for m in standing if current_ids & {i.pk for i in m.incidents.all()}]
    proposal = propose(
        earlier=[m.type for m in standing if m not in for_now],
        taken=[m.type for m in for_now],
        earlier_incidents=len(
            [i for i in incidents if i.pk not in current_ids and i.occurred_at < _first(current)]
        ),
        forms=_forms_of(current),
        active_ban=bool(active_bans),
        breach=BanBreach.objects.filter(incident__in=current).exists(),
        damage=any(i.municipal_damage or i.personal_damage for i in current),
    )
    return History(incidents, measures, active_bans, conditions, proposal)


def _first(incidents):
    return min((i.occurred_at for i in incidents), default=None) or datetime.max.replace(tzinfo=UTC)


def contact_conditions_for(aggressors, now: datetime | None = None) -> list[ContactCondition]:
    """Contact conditions that apply today: for wherever the person appears (one person, or a
    list of them)."""
    people = aggressors if isinstance(aggressors, list | tuple) else [aggressors]
    return list(
        ContactCondition.objects.active_on(local_today(now))
        .filter(measure__aggressor__in=people)
        .select_related("measure")
    )
