"""Start-page panels of the incident registration."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

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
    handled = Incident.objects.managed_by(request.user).open()
    # New and open in one pass; the overdue ones apart, where PostgreSQL can join the deadlines
    # once instead of probing them for every open incident.
    counts = handled.aggregate(new=Count("pk", filter=Q(status=Status.REPORTED)), open=Count("pk"))
    return {
        **counts,
        "overdue": handled.overdue(timezone.now()).count(),
        "all": request.user.has_perm("incidents.view_all_incidents"),
    }
