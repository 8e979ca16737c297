"""The coordinator's ban register with filters and a CSV export."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.access import perm_required
from gir.audit import audit_log
from gir.downloads import attachment
from gir.models import AuditEntry
from gir.security.reauth import recent_login_required
from sanctions.filters import BanRegisterFilter
from sanctions.models import Ban, BanLocation


def _register_queryset(request):
    bans = (
        Ban.objects.visible_to(request.user)
        .select_related("measure__aggressor", "measure__decided_by")
        .prefetch_related(
            Prefetch("location_links", queryset=BanLocation.objects.select_related("location__parent"))
        )
        .order_by("-measure__starts_on", "-pk")
    )
    return BanRegisterFilter(request.GET or None, queryset=bans)


@perm_required("sanctions.view_ban_register")
def register(request):
    filterset = _register_queryset(request)
    page_obj = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [{"ban": ban, "phase": ban.phase(now)} for ban in page_obj]
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=f"Register toegangsverboden bekeken ({len(rows)} rijen)",
    )
    return render(
        request,
        "sanctions/register.html",
        {"filter": filterset, "page_obj": page_obj, "rows": rows, "title": _("Register toegangsverboden")},
    )


def spreadsheet_safe(value) -> str:
    """Escape spreadsheet formulas (QUALITY.md: exports escape =, +, -, @ at the start)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@perm_required("sanctions.view_ban_register")
@recent_login_required
def register_export(request):
    filterset = _register_queryset(request)
    now = timezone.now()
    response = attachment(filename="register-toegangsverboden.csv", content_type="text/csv; charset=utf-8")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "kenmerk",
            "naam",
            "ingangsdatum",
            "einddatum",
            "uitgereikt op",
            "locaties",
            "stand",
            "besloten door",
        ]
    )
    count = 0
    for ban in filterset.qs:
        m = ban.measure
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    m.reference,
                    m.aggressor.display_name,
                    f"{m.starts_on:%d-%m-%Y}",
                    f"{m.ends_on:%d-%m-%Y}",
                    f"{ban.served_on:%d-%m-%Y}" if ban.served_on else "",
                    ", ".join(ban.location_names()),
                    ban.phase(now).label,
                    m.decided_by,
                )
            ]
        )
        count += 1
    audit_log(
        request=request,
        action=AuditEntry.Action.EXPORT,
        description=f"Register toegangsverboden CSV ({count} rijen)",
    )
    return response
