"""Dashboards, the annual report page, its downloads and its PDF runs. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log, log_download
from gir.downloads import attachment, stored_file
from gir.models import AuditEntry
from reports.forms import COMPARISON_KEY, SUMMARY_KEY, HeadcountForm, ReportForm, RunTextsForm, params_query
from reports.models import Headcount, ReportRun, RunStatus
from reports.services import exports
from reports.services.cache import build_report_cached, dashboard_figures_cached
from reports.services.charts import draw_all, sections
from reports.services.comparison import PREFIX as COMPARISON_PREFIX
from reports.services.dashboard import recent_incidents, with_trend_chart
from reports.services.headcount import headcount_set
from reports.services.params import ReportParams, incidents_for
from reports.services.report import report_title
from reports.services.runs import report_run_request, report_run_retry, source_run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Logged in (else login page) and allowed to see reports, all or a department's (else 403).
reports_access = perm_required("reports.view_reports", "reports.view_department_reports", any_of=True)


def get_run_for_user(user, pk: int) -> ReportRun:
    """The one access helper for runs: the run, or 404 outside the user's scope."""
    return get_object_or_404(ReportRun.objects.visible_to(user).select_related("requested_by"), pk=pk)


@require_GET
@reports_access
def dashboard(request):
    runs = ReportRun.objects.visible_to(request.user).filter(requested_by=request.user)[:5]
    return render(
        request,
        "reports/dashboard.html",
        {
            # The same figures as the start panel, from the shared cache (at most a minute old,
            # and computed afresh after any change): 40 ms of counting per visit at full size.
            "figures": with_trend_chart(dashboard_figures_cached(request.user)),
            "recent": recent_incidents(request.user),
            "runs": runs,
        },
    )


def _refuse_foreign_department(form) -> None:
    """A department outside the user's scope (crafted into the query) is a 404, not a form error."""
    if "department" in form.errors:
        raise Http404


def _report_from_request(request):
    """(form, report or None) from the GET parameters; a department out of scope is a 404."""
    form = ReportForm(request.GET, user=request.user)  # no parameters: valid, the default year
    if not form.is_valid():
        _refuse_foreign_department(form)
        return form, None
    return form, build_report_cached(request.user, form.params())


@require_GET
@reports_access
def annual(request):
    form, report = _report_from_request(request)
    context = {"form": form, "report": report}
    if report is not None:
        context["charts"] = draw_all(report.tables)
        context["sections"] = sections(report.tables, context["charts"])
        context["query"] = params_query(report.params)
        context["run_form"] = report.params.to_json()
    return render(request, "reports/annual.html", context, status=200 if report else 400)


def _log_export(request, report, what: str) -> None:
    audit_log(
        request=request,
        action=AuditEntry.Action.EXPORT,
        description=texts.REPORT_EXPORT(
            what=what,
            start=report.params.date_from,
            end=report.params.date_to,
            department=report.params.department_id or "alle",
        ),
    )


@require_GET
@reports_access
def export_xlsx(request):
    _form, report = _report_from_request(request)
    if report is None:
        raise Http404
    content = exports.report_xlsx(report)
    _log_export(request, report, "xlsx")
    return attachment(content, filename=exports.filename(report, "xlsx"), content_type=XLSX)


@require_GET
@reports_access
def export_csv(request, key: str):
    _form, report = _report_from_request(request)
    table = report.table(key) if report is not None else None
    if table is None:
        raise Http404
    content = exports.table_csv(report, table)
    _log_export(request, report, f"csv:{key}")
    return attachment(
        content, filename=exports.filename(report, "csv", table), content_type="text/csv; charset=utf-8"
    )


def _report_sections(report) -> list[tuple[str, str]]:
    """(key, title) of every part of the report a commentary can go with, in report order.

    The comparison with others is one part with one commentary, at the head of its section."""
    parts = [(SUMMARY_KEY, _("Samenvatting"))]
    parts += [(t.key, t.title) for t in report.tables if not t.key.startswith(COMPARISON_PREFIX)]
    if report.comparison is not None:
        parts.append((COMPARISON_KEY, _("Vergelijking met anderen")))
    return parts


def _texts_page(request, form, report, *, source=None, status=200):
    context = {"form": form, "report": report, "run_form": report.params.to_json(), "source": source}
    return render(request, "reports/run_new.html", context, status=status)


@require_GET
@reports_access
def run_new(request):
    """Before "Maak een PDF": the foreword, commentary per section and signature, started from
    an earlier run's texts (``?van=<run>``, or the latest run of the same period)."""
    _form, report = _report_from_request(request)
    if report is None:
        raise Http404
    source_pk = request.GET.get("van")
    source_pk = int(source_pk) if source_pk and source_pk.isdigit() and len(source_pk) < 10 else None
    source = source_run(request.user, report.params, source_pk)
    texts = RunTextsForm(sections=_report_sections(report), initial=RunTextsForm.initial_from(source))
    return _texts_page(request, texts, report, source=source)


@require_POST
@reports_access
def run_create(request):
    form = ReportForm(request.POST, user=request.user)
    if not form.is_valid():
        _refuse_foreign_department(form)
        messages.error(request, _("Kies een geldige periode voor de PDF."))
        return redirect("reports:annual")
    report_params = form.params()
    incidents_for(request.user, report_params, period=False)  # 404 for a department out of scope
    report = build_report_cached(request.user, report_params)
    texts = RunTextsForm(request.POST, sections=_report_sections(report))
    if not texts.is_valid():
        return _texts_page(request, texts, report, status=400)
    run = report_run_request(
        user=request.user, params=report_params, title=report_title(report_params), texts=texts.texts()
    )
    if run.enqueue_failed:
        messages.warning(
            request,
            _(
                "De PDF staat in de wachtrij, maar de achtergrondverwerking is nu niet bereikbaar. "
                "Probeer het over een paar minuten opnieuw op deze pagina."
            ),
        )
    return redirect("reports:run-detail", pk=run.pk)


@require_GET
@reports_access
def run_detail(request, pk: int):
    run = get_run_for_user(request.user, pk)
    again = params_query(ReportParams.from_json(run.params)) + f"&van={run.pk}"
    return render(request, "reports/run_detail.html", {"run": run, "again_query": again})


@require_GET
@reports_access
def run_status(request, pk: int):
    """Progress for the page's poller (static/reports/js/run-status.js): status only, no content."""
    run = get_run_for_user(request.user, pk)
    return JsonResponse(
        {"status": run.status, "label": str(run.get_status_display()), "progress": run.progress},
        headers={"Cache-Control": "no-store"},
    )


@require_POST
@reports_access
def run_retry(request, pk: int):
    run = get_run_for_user(request.user, pk)
    if run.status == RunStatus.QUEUED and not report_run_retry(run=run):
        messages.warning(
            request,
            _(
                "De achtergrondverwerking is nog steeds niet bereikbaar. Uw aanvraag blijft bewaard. "
                "Probeer het over een paar minuten opnieuw. Lukt het dan nog niet? "
                "Neem contact op met de beheerder."
            ),
        )
    return redirect("reports:run-detail", pk=run.pk)


@require_GET
@reports_access
def run_download(request, pk: int):
    run = get_run_for_user(request.user, pk)
    if run.status != RunStatus.DONE or not run.file:
        raise Http404
    log_download(request, run, texts.REPORT_PDF(pk=run.pk))
    return stored_file(run.file, filename=f"rapportage-{run.pk}.pdf", content_type="application/pdf")


@perm_required("gir.change_settings")
def headcounts(request):
    """The beheerder sets the number of employees per year (organisation and departments)."""
    form = HeadcountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        headcount_set(
            request=request, department=data["department"], year=data["year"], employees=data["employees"]
        )
        messages.success(request, _("Het aantal medewerkers is opgeslagen."))
        return redirect("reports:headcounts")
    rows = Headcount.objects.select_related("department")
    return render(request, "reports/headcounts.html", {"form": form, "rows": rows})


@require_GET
@perm_required("reports.view_reports")
def export_kerncijfers(request, fmt: str):
    """The organisation's yearly key figures (gir-kerncijfers 1.0) as JSON or CSV."""
    from reports.services import kerncijfers

    form = ReportForm(request.GET, user=request.user)
    if fmt not in ("json", "csv") or not form.is_valid() or form.cleaned_data.get("department"):
        raise Http404
    params = form.params()
    if not params.is_calendar_year:
        raise Http404
    report = build_report_cached(request.user, params)
    _log_export(request, report, f"kerncijfers:{fmt}")
    if fmt == "json":
        content, kind = kerncijfers.kerncijfers_json(report), "application/json"
    else:
        content, kind = kerncijfers.kerncijfers_csv(report), "text/csv; charset=utf-8"
    return attachment(content, filename=f"gir-kerncijfers-{params.date_from.year}.{fmt}", content_type=kind)
