"""The audit-log viewer for the coordinator, the privacy officer and (aftercare only) the aftercare lead."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log
from gir.exports import WRITERS, table_download
from gir.models import AuditEntry
from gir.paging import CappedPaginator
from gir.security.reauth import recent_login_required
from privacy.auditlog import (
    COLUMNS,
    EXPORT_COLUMNS,
    VIEW_PERMS,
    AuditFilterForm,
    changes,
    export_row,
    row,
    visible_entries,
)

PAGE_SIZE = 50


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    entries = visible_entries(request.user)
    if form.is_bound and form.is_valid():
        entries = form.apply(entries)
    elif form.is_bound:
        entries = entries.none()
    return form, entries


def _local(value):
    # Spreadsheets cannot hold a time zone: the export shows local time as text.
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M:%S") if hasattr(value, "tzinfo") else value


@perm_required(*VIEW_PERMS, any_of=True)
@require_GET
def auditlog(request):
    form, entries = _filtered(request)
    page = CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "rows": [(e, row(e), changes(e)) for e in page],
        "columns": COLUMNS,
        "query": query.urlencode(),
    }
    return render(request, "privacy/auditlog.html", context)


@perm_required(*VIEW_PERMS, any_of=True)
@require_GET
@recent_login_required
def auditlog_export(request, fmt: str):
    if fmt not in WRITERS:
        raise Http404
    _form, entries = _filtered(request)
    rows = [[_local(value) for value in export_row(e)] for e in entries[:50000]]
    audit_log(
        request=request, action=AuditEntry.Action.EXPORT, description=texts.AUDITLOG_EXPORT(rows=len(rows))
    )
    name = f"auditlog-{timezone.localtime():%Y%m%d}"
    return table_download(
        name=name, fmt=fmt, headers=[str(c) for c in EXPORT_COLUMNS], rows=rows, title=_("Auditlog")
    )
