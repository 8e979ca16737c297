"""Start-page panels of the incident registration."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from gir.models import Deadline
from incidents.constants import Status
from incidents.models import Incident, ReportDraft


def reporter_context(request) -> dict:
    """The five latest own reports, and whether there are more (the link to all of them).

    Six rows instead of a count: the panel never says how many, and a window count read
    every own report (a busy reporter has hundreds) on each start page."""
    mine = Incident.objects.filter(reporter=request.user).order_by("-reported_at")
    rows = list(mine.only("pk", "reference", "status", "occurred_at")[:6])
    return {
        "recent": rows[:5],
        "more": len(rows) > 5,
        "has_draft": ReportDraft.objects.filter(user=request.user, data__has_key="fields").exists(),
    }


def manager_context(request) -> dict:
    """The three counts of the manager's (or coordinator's) open cases, in one query."""
    # The overdue deadlines as one hashed list (a few thousand open ones are read once by their
    # partial index), not a lookup among each open case's closed history per row.
    late = Deadline.objects.overdue(timezone.now()).order_by().values("incident_id")
    counts = (
        Incident.objects.managed_by(request.user)
        .open()
        .aggregate(
            new=Count("pk", filter=Q(status=Status.REPORTED)),
            open=Count("pk"),
            overdue=Count("pk", filter=Q(pk__in=late)),
        )
    )
    return {**counts, "all": request.user.has_perm("incidents.view_all_incidents")}
