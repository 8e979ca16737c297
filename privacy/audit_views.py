"""The audit-log viewer for the coordinator, the privacy officer and (aftercare only) the aftercare lead."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gir.audit import audit_log
from gir.downloads import attachment
from gir.models import AuditEntry
from gir.security.reauth import recent_login_required
from privacy.auditlog import COLUMNS, AuditFilterForm, may_read, row, visible_entries

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    # TODO(core): switch to gir.exports once it lands; until then formula-safe cells here.
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M:%S")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _filtered(request):
    if not may_read(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = visible_entries(request.user)
    if form.is_bound and form.is_valid():
        entries = form.apply(entries)
    elif form.is_bound:
        entries = entries.none()
    return form, entries


@login_required
@require_GET
def auditlog(request):
    form, entries = _filtered(request)
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "rows": [(e, row(e)) for e in page],
        "columns": COLUMNS,
        "query": query.urlencode(),
    }
    return render(request, "privacy/auditlog.html", context)


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(c) for c in COLUMNS])
    writer.writerows([_cell(v) for v in r] for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Auditlog"
    sheet.append([str(c) for c in COLUMNS])
    for r in rows:
        sheet.append([_cell(v) for v in r])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
@recent_login_required
def auditlog_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, entries = _filtered(request)
    rows = [row(e) for e in entries[:50000]]
    audit_log(request=request, action=AuditEntry.Action.EXPORT, description=f"auditlog {len(rows)} regels")
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "xlsx":
        return attachment(_xlsx(rows), filename=f"auditlog-{stamp}.xlsx", content_type=XLSX)
    return attachment(_csv(rows), filename=f"auditlog-{stamp}.csv", content_type="text/csv; charset=utf-8")
