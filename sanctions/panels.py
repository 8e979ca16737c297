"""Start-page panels of the measures: the reception's list of bans, the ban register, and the
mandated manager's open ban requests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.models import AuditEntry, Deadline
from gir.paging import first_rows
from sanctions.constants import DEADLINE_BAN_REQUEST
from sanctions.models import Ban
from sanctions.reception import in_force_by_name
from sanctions.services.requests import request_url, requests_for


def reception_panel(request) -> dict:
    """Ten bans in force (name and end date) and how many there are, in one query: the panel
    never builds the whole list, nor the locations only the reception list shows."""
    # Only the name and the end date: the window count carries every ban in force's row.
    shown = (
        "measure__ends_on",
        *(f"measure__aggressor__{f}" for f in ("first_name", "initials", "last_name")),
    )
    bans, count = first_rows(in_force_by_name().only(*shown), 10)
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=texts.START_PAGE_BANS(count=count),
    )
    rows = [{"name": ban.measure.aggressor.display_name, "ends_on": ban.measure.ends_on} for ban in bans]
    return {"rows": rows, "count": count}


def register_panel_context(request) -> dict:
    return Ban.objects.register_counts(timezone.now(), timedelta(days=14))


def ban_requests_panel(request) -> dict:
    """The open ban requests this mandated manager (or whom they stand in for) must decide on,
    soonest first: the incidents' references and who asked, no name (that is on logged pages)."""
    requests = requests_for(request.user).select_related("requested_by").prefetch_related("incidents")
    by_id = {ban_request.pk: ban_request for ban_request in requests}
    deadlines = Deadline.objects.open().filter(kind=DEADLINE_BAN_REQUEST, object_id__in=list(by_id))
    rows = [
        {
            "request": by_id[deadline.object_id],
            "deadline": deadline,
            "url": request_url(by_id[deadline.object_id]),
        }
        for deadline in deadlines.order_by("due_at")[:5]
    ]
    return {"rows": rows, "total": len(by_id), "now": timezone.now()}
