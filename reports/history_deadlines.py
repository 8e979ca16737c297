"""Deadline rows for the demo history (``reports.history_demo``), so "Termijnen op tijd" and its
trend are filled for every demo year.

Each history incident gets its 48-hour reaction to the aggressor; every third one also has the
reporter as victim with a closed aftercare case and its three talks. Most deadlines were met,
some late, in a pattern that differs a little per year. Everything is closed and in the past:
the history adds no tasks to anyone's list. Rows are bulk-inserted like the incidents.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from aftercare.constants import TALK_DEADLINE_KINDS, CaseStatus, CloseReason, TalkStatus
from aftercare.models import AftercareCase, AftercareTalk
from gir.models import Deadline, Organisation
from incidents.constants import DEADLINE_REACTION, InvolvementRole
from incidents.models import Incident, Involvement

AFTERCARE_EVERY = 3  # every third history incident had a victim who was offered aftercare


def _late(year: int, n: int, kind: int) -> bool:
    """About one in six deadlines was met late; which ones shifts with the year and the kind
    (a multiplicative spread over a prime, so every third incident is not always on time)."""
    return (n * 41 + year * 31 + kind * 13) % 101 < 17


def _closed_at(due: dt.datetime, start: dt.datetime, late: bool) -> dt.datetime:
    if late:
        return due + dt.timedelta(hours=20)
    return start + (due - start) * 0.6  # done well before the deadline


def _deadline(kind: str, subject, incident: Incident, start, due, late: bool, owner, ct) -> Deadline:
    closed = _closed_at(due, start, late)
    return Deadline(
        kind=kind,
        content_type=ct,
        object_id=subject.pk,
        incident_id=incident.pk,
        owner=owner,
        starts_at=start,
        due_at=due,
        remind_at=start + (due - start) / 2,
        handled_late=late,
        closed_at=closed,
        closed_by=owner,
        close_note="Historische demo-termijn.",
        created_at=start,
    )


def _aftercare(incidents: list[Incident], year: int, worker, org) -> list[Deadline]:
    """Closed aftercare cases with three held talks, for the incidents that had a victim."""
    now, ct = timezone.now(), ContentType.objects.get_for_model(AftercareTalk)
    norms = [org.aftercare_talk1_norm, org.aftercare_talk2_norm, org.aftercare_talk3_norm]
    chosen = [
        (n, i)
        for n, i in enumerate(incidents)
        if n % AFTERCARE_EVERY == 0 and i.occurred_at + norms[2] + dt.timedelta(days=2) < now
    ]
    involvements = Involvement.objects.bulk_create(
        [Involvement(incident=i, role=InvolvementRole.VICTIM, user=i.reporter) for _n, i in chosen]
    )
    cases = AftercareCase.objects.bulk_create(
        [
            AftercareCase(
                incident=i,
                involvement=inv,
                person=i.reporter,
                role=InvolvementRole.VICTIM,
                assigned_to=worker,
                status=CaseStatus.CLOSED,
                opened_at=i.reported_at,
                closed_at=i.occurred_at + norms[2] + dt.timedelta(days=2),
                close_reason=CloseReason.COMPLETED,
            )
            for (_n, i), inv in zip(chosen, involvements, strict=True)
        ]
    )
    talks, plan = [], []
    for (n, incident), case in zip(chosen, cases, strict=True):
        for number, norm in enumerate(norms, start=1):
            start, due = incident.occurred_at, incident.occurred_at + norm
            late = _late(year, n, number)
            held = _closed_at(due, start, late)
            talks.append(
                AftercareTalk(case=case, number=number, due_at=due, status=TalkStatus.HELD, held_at=held)
            )
            plan.append((incident, start, due, late, number))
    talks = AftercareTalk.objects.bulk_create(talks)
    return [
        _deadline(TALK_DEADLINE_KINDS[number], talk, incident, start, due, late, worker, ct)
        for talk, (incident, start, due, late, number) in zip(talks, plan, strict=True)
    ]


def seed_history_deadlines(incidents: list[Incident], year: int, worker) -> None:
    """The reaction deadline of every history incident and the aftercare of some (see above)."""
    org = Organisation.get()
    now, ct = timezone.now(), ContentType.objects.get_for_model(Incident)
    rows = []
    for n, incident in enumerate(incidents):
        start, due = incident.occurred_at, incident.occurred_at + org.reaction_norm
        late = _late(year, n, 0)
        if _closed_at(due, start, late) < now:
            rows.append(
                _deadline(DEADLINE_REACTION, incident, incident, start, due, late, incident.handler, ct)
            )
    rows += _aftercare(incidents, year, worker, org)
    Deadline.objects.bulk_create(rows)
