"""The dispatch register and its export."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log, log_views
from gir.exports import export_format, table_download
from gir.models import AuditEntry
from gir.paging import CappedPaginator
from gir.security.reauth import recent_login_required
from letters import exports
from letters.filters import DispatchFilter
from letters.models import Dispatch, Letter
from letters.views.common import REGISTER

PAGE_SIZE = 50


def _register_queryset(request):
    scoped = Dispatch.objects.filter(letter__in=Letter.objects.visible_to(request.user)).select_related(
        "letter", "letter__incident", "letter__incident__department", "letter__aggressor", "recorded_by"
    )
    return DispatchFilter(request.GET or None, queryset=scoped.order_by("-dispatched_at", "-pk"))


@perm_required(REGISTER)
@require_GET
def register(request):
    filterset = _register_queryset(request)
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "letters/register.html", {"filter": filterset, "page_obj": page})


@perm_required(REGISTER)
@require_GET
@recent_login_required
def register_export(request):
    filterset = _register_queryset(request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(
            request, _("Een filter is niet goed ingevuld. Pas het filter aan en maak de export opnieuw.")
        )
        return redirect("letters:register")
    fmt = export_format(request.GET.get("formaat"))
    audit_log(
        request=request, action=AuditEntry.Action.EXPORT, description=texts.DISPATCH_REGISTER_EXPORT(fmt=fmt)
    )
    # The export names each letter's addressee: that is a read of each person's data.
    log_views(
        request,
        [dispatch.letter.aggressor for dispatch in filterset.qs],
        lambda pk: texts.AGGRESSOR_IN_REGISTER_EXPORT(pk=pk),
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return table_download(
        name=f"verzendregister-{stamp}",
        fmt=fmt,
        headers=exports.HEADERS,
        rows=exports.rows(filterset.qs),
        title=_("Verzendregister"),
    )
