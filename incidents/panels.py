"""Start-page panels of the incident registration."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from gir.models import Deadline
from gir.paging import first_rows
from incidents.constants import Status
from incidents.models import Incident, ReportDraft


def reporter_context(request) -> dict:
    mine = Incident.objects.filter(reporter=request.user).order_by("-reported_at")
    recent, total = first_rows(mine.only("pk", "reference", "status", "occurred_at"), 5)
    return {
        "recent": recent,
        "total": total,
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
