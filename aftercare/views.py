"""Aftercare pages. Thin: check access, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aftercare import access, services
from aftercare.constants import CaseStatus, TalkOutcome, TalkStatus
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
from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log, log_download, log_view
from gir.downloads import attachment
from gir.errors import show_on_form
from gir.exports import table_download
from gir.models import AuditEntry

HANDLE = "aftercare.handle_cases"
PAGE_SIZE = 50


@login_required
def case_list(request):
    """Cases in the user's scope: the team's worklist, or an employee's own aftercare."""
    # Running cases first, newest first; then the closed ones. (Sorting on the status code put
    # "afgesloten" before "open": a team with a history saw only closed cases on page 1.)
    running_first = Case(When(status=CaseStatus.OPEN, then=Value(0)), default=Value(1))
    cases = access.cases_for(request.user).order_by(running_first, "-opened_at", "-pk")
    page_obj = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "aftercare/case_list.html",
        {
            "cases": page_obj,
            "page_obj": page_obj,
            "is_worker": request.user.has_perm(HANDLE),
            "now": timezone.now(),
        },
    )


@login_required
def case_detail(request, pk: int):
    case = access.case_for(request.user, pk)
    user = request.user
    is_worker = AftercareCase.objects.handled_by(user).filter(pk=case.pk).exists()
    # Referrals are the employee's own business and the team's; managers see only dates and status.
    show_referrals = is_worker or case.person_id == user.pk
    log_view(request, case, texts.AFTERCARE_CASE_VIEWED())  # health-related personal data (AVG art. 9)
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


def _case_form(request, case: AftercareCase, form, *, act, done: str, title: str, talk=None, leave_to=None):
    """One form about one case (or one of its talks): on a valid POST ``act(cleaned_data)``.

    A refused step is a form error. Afterwards back to the case, unless ``leave_to(cleaned_data)``
    names another page.
    """
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except services.TransitionError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, done)
            return redirect((leave_to and leave_to(form.cleaned_data)) or services.case_url(case))
    return render(
        request, "aftercare/case_form.html", {"form": form, "case": case, "talk": talk, "title": title}
    )


def _plan_initial(talk: AftercareTalk) -> dict:
    if not talk.planned_start:
        return {}
    local = timezone.localtime(talk.planned_start)
    return {"date": local.date(), "time": local.time(), "minutes": talk.planned_minutes, "place": talk.place}


@perm_required(HANDLE)
def talk_plan(request, pk: int):
    talk = access.talk_for_worker(request.user, pk)
    form = TalkPlanForm(
        request.POST or None, initial=_plan_initial(talk), occurred_at=talk.case.incident.occurred_at
    )
    return _case_form(
        request,
        talk.case,
        form,
        act=lambda data: services.talk_plan(
            talk=talk, start=data["start"], minutes=data["minutes"], place=data["place"], by=request.user
        ),
        done=_("Het gesprek is gepland."),
        title=_("Gesprek %(n)s plannen") % {"n": talk.number},
        talk=talk,
    )


def _record_outcome(talk: AftercareTalk, data: dict, by) -> None:
    if data["outcome"] == TalkOutcome.HELD:
        services.talk_hold(talk=talk, held_at=data["held_at"], note=data["note"], by=by)
    elif data["outcome"] == TalkOutcome.DECLINED:
        services.talk_decline(talk=talk, note=data["note"], by=by)
    else:
        services.talk_not_needed(talk=talk, note=data["note"], by=by)


@perm_required(HANDLE)
def talk_outcome(request, pk: int):
    talk = access.talk_for_worker(request.user, pk)
    return _case_form(
        request,
        talk.case,
        TalkOutcomeForm(request.POST or None, occurred_at=talk.case.incident.occurred_at),
        act=lambda data: _record_outcome(talk, data, request.user),
        done=_("De uitkomst van het gesprek is opgeslagen."),
        title=_("Uitkomst van gesprek %(n)s vastleggen") % {"n": talk.number},
        talk=talk,
    )


@login_required
@require_GET
def talk_ics(request, pk: int):
    """The calendar invitation of a planned talk, for the worker and the employee."""
    talk = access.talk_for(request.user, pk)
    if talk.status != TalkStatus.PLANNED or talk.planned_start is None:
        raise Http404
    log_download(request, talk, texts.AFTERCARE_INVITATION())
    return attachment(
        talk_invitation(talk, timezone.now()),
        filename=f"nazorggesprek-{talk.number}.ics",
        content_type="text/calendar; charset=utf-8",
    )


@perm_required(HANDLE, "aftercare.view_notes")
def note_add(request, pk: int):
    case = access.case_for_worker(request.user, pk)
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
    case = access.case_for_worker(request.user, pk)
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
    case = access.case_for_worker(request.user, pk)
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
    case = access.case_for_worker(request.user, pk)
    return _case_form(
        request,
        case,
        AssignForm(request.POST or None, initial={"worker": case.assigned_to_id}, exclude=case.person),
        act=lambda data: services.case_assign(case=case, to=data["worker"], by=request.user),
        done=_("De contactpersoon is opgeslagen."),
        title=_("Contactpersoon kiezen"),
        # Given to a colleague, the case leaves this worker's list and pages.
        leave_to=lambda data: (
            reverse("aftercare:cases") if data["worker"] not in (None, request.user) else None
        ),
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


@perm_required("aftercare.view_report")
def report_export(request):
    _form, year = _report_year(request)
    rows = quarterly_report(year)
    audit_log(
        request=request,
        action=AuditEntry.Action.EXPORT,
        description=texts.AFTERCARE_QUARTER_REPORT(year=year),
    )
    return table_download(
        name=f"nazorg-kwartaalrapportage-{year}",
        fmt="csv",
        headers=[_("Onderwerp"), *[f"K{q} {year}" for q in QUARTERS], _("Totaal")],
        rows=([row.label, *row.cells, row.total] for row in rows),
        title=_("Nazorg %(year)s") % {"year": year},
    )
