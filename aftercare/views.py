"""Aftercare pages. Thin: check access, call one service, render or redirect."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aftercare import services
from aftercare.constants import TalkOutcome, TalkStatus
from aftercare.forms import (
    AssignForm,
    CloseForm,
    NoteForm,
    ReferralForm,
    ReportForm,
    TalkOutcomeForm,
    TalkPlanForm,
)
from aftercare.ics import talk_invitation
from aftercare.models import AftercareCase, AftercareTalk
from aftercare.notes import notes_for
from aftercare.report import QUARTERS, quarterly_report
from gir.access import perm_required
from gir.audit import audit_log, log_download, log_view
from gir.models import AuditEntry

HANDLE = "aftercare.handle_cases"


def _cases(user):
    return (
        AftercareCase.objects.visible_to(user)
        .select_related("incident", "involvement", "assigned_to", "person")
        .prefetch_related(Prefetch("talks", queryset=AftercareTalk.objects.order_by("number")))
    )


def get_case_for_user(user, pk: int) -> AftercareCase:
    """The case if ``user`` may see it, else 404."""
    return get_object_or_404(_cases(user), pk=pk)


def get_case_for_worker(user, pk: int) -> AftercareCase:
    """The case if ``user`` handles it as aftercare worker, else 404."""
    return get_object_or_404(
        AftercareCase.objects.handled_by(user).select_related("incident", "involvement", "assigned_to"), pk=pk
    )


def get_talk_for_worker(user, pk: int) -> AftercareTalk:
    talk = get_object_or_404(AftercareTalk.objects.select_related("case"), pk=pk)
    talk.case = get_case_for_worker(user, talk.case_id)
    return talk


@login_required
def case_list(request):
    """Cases in the user's scope: the team's worklist, or an employee's own aftercare."""
    cases = list(_cases(request.user).order_by("status", "-opened_at")[:300])
    return render(
        request,
        "aftercare/case_list.html",
        {"cases": cases, "is_worker": request.user.has_perm(HANDLE), "now": timezone.now()},
    )


@login_required
def case_detail(request, pk: int):
    case = get_case_for_user(request.user, pk)
    user = request.user
    is_worker = AftercareCase.objects.handled_by(user).filter(pk=case.pk).exists()
    # Referrals are the employee's own business and the team's; managers see only dates and status.
    show_referrals = is_worker or case.person_id == user.pk
    log_view(request, case, "aftercare case")  # health-related personal data (AVG art. 9)
    return render(
        request,
        "aftercare/case_detail.html",
        {
            "case": case,
            "talks": list(case.talks.all()),
            "is_worker": is_worker,
            "is_person": case.person_id == user.pk,
            "notes": notes_for(request, case),
            "referrals": list(case.referrals.all()) if show_referrals else None,
            "events": list(case.events.select_related("by")) if is_worker else None,
            "now": timezone.now(),
        },
    )


def _form_page(request, template: str, context: dict):
    return render(request, f"aftercare/{template}", context)


@perm_required(HANDLE)
def talk_plan(request, pk: int):
    talk = get_talk_for_worker(request.user, pk)
    initial = {}
    if talk.planned_start:
        local = timezone.localtime(talk.planned_start)
        initial = {
            "date": local.date(),
            "time": local.time(),
            "minutes": talk.planned_minutes,
            "place": talk.place,
        }
    form = TalkPlanForm(request.POST or None, initial=initial, occurred_at=talk.case.incident.occurred_at)
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_plan(
                talk=talk,
                start=form.cleaned_data["start"],
                minutes=form.cleaned_data["minutes"],
                place=form.cleaned_data["place"],
                by=request.user,
            )
        except services.TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het gesprek is gepland."))
            return redirect("aftercare:case", pk=talk.case_id)
    return _form_page(
        request,
        "talk_form.html",
        {
            "form": form,
            "talk": talk,
            "case": talk.case,
            "title": _("Gesprek %(n)s plannen") % {"n": talk.number},
        },
    )


@perm_required(HANDLE)
def talk_outcome(request, pk: int):
    talk = get_talk_for_worker(request.user, pk)
    form = TalkOutcomeForm(request.POST or None, occurred_at=talk.case.incident.occurred_at)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["outcome"] == TalkOutcome.HELD:
                services.talk_hold(talk=talk, held_at=data["held_at"], note=data["note"], by=request.user)
            elif data["outcome"] == TalkOutcome.DECLINED:
                services.talk_decline(talk=talk, note=data["note"], by=request.user)
            else:
                services.talk_not_needed(talk=talk, note=data["note"], by=request.user)
        except services.TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De uitkomst van het gesprek is opgeslagen."))
            return redirect("aftercare:case", pk=talk.case_id)
    return _form_page(
        request,
        "talk_form.html",
        {
            "form": form,
            "talk": talk,
            "case": talk.case,
            "title": _("Uitkomst van gesprek %(n)s vastleggen") % {"n": talk.number},
        },
    )


@login_required
@require_GET
def talk_ics(request, pk: int):
    """The calendar invitation of a planned talk, for the worker and the employee."""
    talk = get_object_or_404(AftercareTalk, pk=pk)
    talk.case = get_case_for_user(request.user, talk.case_id)
    if talk.status != TalkStatus.PLANNED or talk.planned_start is None:
        raise Http404
    log_download(request, talk, "aftercare talk invitation")
    response = HttpResponse(
        talk_invitation(talk, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="nazorggesprek-{talk.number}.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _case_form(request, case: AftercareCase, form, *, act, done: str, title: str):
    """One form about one case: on a valid POST ``act(cleaned_data)``; a refused step is a form error."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except services.TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("aftercare:case", pk=case.pk)
    return _form_page(request, "simple_form.html", {"form": form, "case": case, "title": title})


@perm_required(HANDLE, "aftercare.view_notes")
def note_add(request, pk: int):
    case = get_case_for_worker(request.user, pk)
    return _case_form(
        request,
        case,
        NoteForm(request.POST or None),
        act=lambda data: services.note_add(case=case, text=data["text"], by=request.user),
        done=_("De notitie is opgeslagen."),
        title=_("Notitie toevoegen"),
    )


@perm_required(HANDLE)
def referral_add(request, pk: int):
    case = get_case_for_worker(request.user, pk)
    return _case_form(
        request,
        case,
        ReferralForm(request.POST or None),
        act=lambda data: services.referral_add(
            case=case, kind=data["kind"], other=data["other"], by=request.user
        ),
        done=_("De doorverwijzing is vastgelegd."),
        title=_("Doorverwijzing vastleggen"),
    )


@perm_required(HANDLE)
def case_close(request, pk: int):
    case = get_case_for_worker(request.user, pk)
    return _case_form(
        request,
        case,
        CloseForm(request.POST or None),
        act=lambda data: services.case_close(case=case, reason=data["reason"], by=request.user),
        done=_("Het nazorgdossier is afgesloten."),
        title=_("Nazorgdossier afsluiten"),
    )


@perm_required(HANDLE)
def case_assign(request, pk: int):
    case = get_case_for_worker(request.user, pk)
    form = AssignForm(request.POST or None, initial={"worker": case.assigned_to_id}, exclude=case.person)
    if request.method == "POST" and form.is_valid():
        services.case_assign(case=case, to=form.cleaned_data["worker"], by=request.user)
        messages.success(request, _("De contactpersoon is opgeslagen."))
        if form.cleaned_data["worker"] not in (None, request.user):
            return redirect("aftercare:cases")  # the case has left this worker's list
        return redirect("aftercare:case", pk=case.pk)
    return _form_page(
        request, "simple_form.html", {"form": form, "case": case, "title": _("Contactpersoon kiezen")}
    )


def _report_year(request) -> tuple[ReportForm, int]:
    form = ReportForm(request.GET or None, initial={"year": timezone.localdate().year})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else timezone.localdate().year
    return form, year


@perm_required("aftercare.view_report")
def report(request):
    form, year = _report_year(request)
    return render(
        request,
        "aftercare/report.html",
        {"form": form, "year": year, "rows": quarterly_report(year), "quarters": QUARTERS},
    )


def _cell(value: str) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ is read as text.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


@perm_required("aftercare.view_report")
def report_export(request):
    _form, year = _report_year(request)
    rows = quarterly_report(year)
    audit_log(
        request=request, action=AuditEntry.Action.EXPORT, description=f"aftercare quarterly report {year}"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nazorg-kwartaalrapportage-{year}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Onderwerp"), *[f"K{q} {year}" for q in QUARTERS], _("Totaal")])
    for row in rows:
        writer.writerow([_cell(row.label), *row.cells, row.total])
    return response
