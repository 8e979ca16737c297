"""The coordinator's ban register with filters and a CSV export."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log
from gir.exports import table_download
from gir.models import AuditEntry
from gir.paging import CappedPaginator
from gir.security.reauth import recent_login_required
from sanctions.filters import BanRegisterFilter
from sanctions.models import Ban, BanLocation

PAGE_SIZE = 50


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
    page_obj = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [{"ban": ban, "phase": ban.phase(now)} for ban in page_obj]
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=texts.BAN_REGISTER_VIEWED(rows=len(rows)),
    )
    return render(
        request,
        "sanctions/register.html",
        {"filter": filterset, "page_obj": page_obj, "rows": rows, "title": _("Register toegangsverboden")},
    )


REGISTER_HEADERS = [
    "kenmerk",
    "naam",
    "ingangsdatum",
    "einddatum",
    "uitgereikt op",
    "locaties",
    "stand",
    "besloten door",
]


def _register_row(ban, now) -> list:
    m = ban.measure
    return [
        m.reference,
        m.aggressor.display_name,
        f"{m.starts_on:%d-%m-%Y}",
        f"{m.ends_on:%d-%m-%Y}",
        f"{ban.served_on:%d-%m-%Y}" if ban.served_on else "",
        ", ".join(ban.location_names()),
        ban.phase(now).label,
        m.decided_by,
    ]


@perm_required("sanctions.view_ban_register")
@recent_login_required
def register_export(request):
    filterset = _register_queryset(request)
    now = timezone.now()
    rows = [_register_row(ban, now) for ban in filterset.qs]
    audit_log(
        request=request,
        action=AuditEntry.Action.EXPORT,
        description=texts.BAN_REGISTER_CSV(rows=len(rows)),
    )
    return table_download(
        name="register-toegangsverboden", fmt="csv", headers=REGISTER_HEADERS, rows=rows, title=_("Register")
    )
