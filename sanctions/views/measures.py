"""One decision's page and the actions on it (ordegesprek, police, claim, revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import log_view
from gir.errors import show_on_form
from gir.registry import measure_links
from sanctions import services
from sanctions.access import measure_for
from sanctions.constants import POLICE_TYPES, Attendance, MeasureType
from sanctions.forms import (
    OrdegesprekPlanForm,
    OrdegesprekRecordForm,
    PaymentForm,
    PoliceOutcomeForm,
    ReasonForm,
)
from sanctions.models import Measure
from sanctions.views.common import DECIDERS, form_page, submit


@login_required
def detail(request, pk: int):
    measure = measure_for(request.user, pk)
    measure = (
        Measure.objects.select_related(
            "aggressor", "decided_by", "ordegesprek", "contactcondition", "ban", "policereport", "damageclaim"
        )
        .prefetch_related("incidents", Prefetch("events__by"))
        .get(pk=measure.pk)
    )
    log_view(request, measure, texts.MEASURE_VIEWED())
    user = request.user
    ban = getattr(measure, "ban", None)
    can_decide = user.has_perm("sanctions.decide_measure")
    context = {
        "measure": measure,
        "ban": ban,
        "phase": ban.phase() if ban else None,
        "talk": getattr(measure, "ordegesprek", None),
        "conditions": getattr(measure, "contactcondition", None),
        "report": getattr(measure, "policereport", None),
        "claim": getattr(measure, "damageclaim", None),
        "can_decide": can_decide,
        "can_ban": user.has_perm("sanctions.impose_ban"),
        "can_revoke": (
            not measure.is_revoked and (user.has_perm("sanctions.impose_ban") if ban else can_decide)
        ),
        "title": str(measure),
        # Next steps other apps offer here (the letters app: the ban's decision letter).
        "measure_links": measure_links(measure, user),
    }
    if ban:
        context["breaches"] = ban.breaches.select_related("incident", "location")
        context["locations"] = ban.location_names()
    return render(request, "sanctions/detail.html", context)


@perm_required(*DECIDERS)
def ordegesprek_record(request, pk: int):
    measure = measure_for(request.user, pk)
    if measure.type != MeasureType.ORDEGESPREK:
        raise Http404
    form = OrdegesprekRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ordegesprek_record(measure=measure, by=request.user, **form.cleaned_data)
        except services.MeasureError as exc:
            show_on_form(form, exc)
        else:
            if form.cleaned_data["attendance"] == Attendance.NO_SHOW:
                messages.warning(
                    request, _("Vastgelegd dat de persoon niet kwam. Overweeg de volgende maatregel.")
                )
            else:
                messages.success(request, _("Het ordegesprek is vastgelegd."))
            return redirect("sanctions:detail", pk=measure.pk)
    return form_page(request, form, title=_("Ordegesprek vastleggen"), measure=measure)


@perm_required(*DECIDERS)
def ordegesprek_replan(request, pk: int):
    measure = measure_for(request.user, pk)
    if measure.type != MeasureType.ORDEGESPREK:
        raise Http404
    talk = measure.ordegesprek
    local = timezone.localtime(talk.planned_at)
    form = OrdegesprekPlanForm(
        request.POST or None,
        initial={
            "planned_date": local.date(),
            "planned_time": local.strftime("%H:%M"),
            "place": talk.place,
            "attendees": talk.attendees,
        },
    )
    saved = submit(
        request,
        form,
        lambda data: services.ordegesprek_replan(
            measure=measure,
            by=request.user,
            planned_at=data["planned_at"],
            place=data["place"],
            attendees=data["attendees"],
            reason=data["reason"],
        ),
        done=_("Het ordegesprek is verplaatst."),
        measure=measure,
    )
    return saved or form_page(request, form, title=_("Ordegesprek verplaatsen"), measure=measure)


@login_required
def revoke(request, pk: int):
    measure = measure_for(request.user, pk)
    services.decide_rights_check(request.user, measure.type)
    form = ReasonForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.measure_revoke(measure=measure, by=request.user, reason=data["reason"]),
        done=_("De maatregel is ingetrokken."),
        measure=measure,
    )
    return saved or form_page(
        request, form, title=_("Maatregel intrekken"), measure=measure, submit_label=_("Intrekken")
    )


@perm_required(*DECIDERS)
def police_outcome(request, pk: int):
    measure = measure_for(request.user, pk)
    if measure.type not in POLICE_TYPES:
        raise Http404
    report = measure.policereport
    form = PoliceOutcomeForm(
        request.POST or None,
        initial={
            "police_number": report.police_number,
            "outcome": report.outcome,
            "outcome_on": report.outcome_on,
            "outcome_note": report.outcome_note,
            "seen": services.last_event_id(measure),
        },
    )
    saved = submit(
        request,
        form,
        lambda data: services.police_outcome_record(report=report, by=request.user, **data),
        done=_("De gegevens van de politie zijn vastgelegd."),
        measure=measure,
    )
    return saved or form_page(request, form, title=_("Uitkomst melding of aangifte"), measure=measure)


def _claim_of(request, pk: int):
    measure = measure_for(request.user, pk)
    if measure.type != MeasureType.DAMAGE_CLAIM:
        raise Http404
    return measure, measure.damageclaim


@perm_required(*DECIDERS)
def claim_payment(request, pk: int):
    measure, claim = _claim_of(request, pk)
    form = PaymentForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.claim_payment_add(claim=claim, by=request.user, **data),
        done=_("De betaling is vastgelegd."),
        measure=measure,
    )
    return saved or form_page(request, form, title=_("Betaling vastleggen"), measure=measure)


@perm_required(*DECIDERS)
def claim_uncollectable(request, pk: int):
    measure, claim = _claim_of(request, pk)
    form = ReasonForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.claim_mark_uncollectable(claim=claim, by=request.user, note=data["reason"]),
        done=_("De vordering is als oninbaar vastgelegd."),
        measure=measure,
    )
    return saved or form_page(
        request, form, title=_("Vordering oninbaar"), measure=measure, submit_label=_("Oninbaar vastleggen")
    )
