"""Start-page panels of the measures: the reception's list of bans and the ban register."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.models import AuditEntry
from sanctions.models import Ban
from sanctions.reception import reception_count, reception_rows


def reception_panel(request) -> dict:
    """Ten bans in force and how many there are: the panel never builds the whole list."""
    count = reception_count()
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=texts.START_PAGE_BANS(count=count),
    )
    return {"rows": reception_rows(limit=10) if count else [], "count": count}


def register_panel_context(request) -> dict:
    return Ban.objects.register_counts(timezone.now(), timedelta(days=14))
