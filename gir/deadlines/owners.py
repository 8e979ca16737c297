"""Who owns a deadline: the one hand-over mechanism for every app's deadlines.

Rules (DESIGN.md invariant "Every case has one handler"; ADR 0010):
- A deadline that belongs to an incident (``incident_id``) is owned by the incident's handler,
  whatever app opened it (reaction letter, police, ordegesprek, ban serving and review, breach
  aangifte). When the handler or the department changes, ``deadlines_follow_handler`` moves
  every open one in one UPDATE.
- A kind registered with ``own_owner=True`` (an aftercare talk: the aftercare worker; a ban
  request: the mandated manager it is addressed to) keeps its own owner; it follows the handler
  only while nobody is assigned.
- During a deputy period the owner stays the manager, and the deputy acts for them: the scan
  sends to ``stand_in_for_case(owner, incident)`` at send time and "Mijn taken" lists
  ``owned_by(user)``, so a period starting or ending needs no scan and moves nothing. A case
  the deputy is personally part of stays with the manager (nobody handles their own case).
"""

from __future__ import annotations

from django.db.models import Q

from gir.deputies import stand_in_for_case
from gir.models import Deadline
from gir.registry import registry


def own_owner_kinds() -> list[str]:
    return sorted(code for code, kind in registry.deadline_kinds.items() if getattr(kind, "own_owner", False))


def deadlines_follow_handler(*, incident_id: int, handler) -> int:
    """Give every open deadline of the incident that follows the handler to ``handler``.

    Returns how many rows moved. Runs in the caller's transaction.
    """
    if handler is None:
        return 0
    own = own_owner_kinds()
    rows = Deadline.objects.open().filter(incident_id=incident_id)
    follows = ~Q(kind__in=own) | Q(owner__isnull=True)
    return rows.filter(follows).exclude(owner=handler).update(owner=handler)


def recipient(deadline: Deadline, now=None):
    """Who is told about ``deadline`` now: its owner, or the owner's deputy during their leave."""
    if not deadline.owner_id:
        return None
    return stand_in_for_case(deadline.owner, deadline.incident_id, now)
