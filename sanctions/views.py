"""Thin views: check access, call one service, render or redirect. GET changes nothing."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gir.access import perm_required
from gir.audit import audit_log, log_view
from gir.models import AuditEntry
from gir.notifications import notify, users_with_perm
from incidents.access import aggressor_for
from incidents.models import Aggressor, Incident
from sanctions import services
from sanctions.access import ban_for, ban_for_breach, ban_for_reception, measure_for
from sanctions.constants import POLICE_TYPES, Attendance, MeasureType
from sanctions.filters import BanRegisterFilter, MeasureFilter
from sanctions.forms import (
    BreachForm,
    ExtendForm,
    OrdegesprekRecordForm,
    PaymentForm,
    PoliceOutcomeForm,
    ReasonForm,
    ReviewForm,
    ServeForm,
    decision_form_class,
)
from sanctions.history import aggressor_history
from sanctions.models import Ban, BanLocation, Measure

DECIDERS = ("sanctions.decide_measure",)


def _form_page(request, form, *, title, intro="", measure=None, submit_label=None, cancel_url=None):
    return render(
        request,
        "sanctions/form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "measure": measure,
            "submit_label": submit_label or _("Opslaan"),
            "cancel_url": cancel_url or (measure and reverse("sanctions:detail", kwargs={"pk": measure.pk})),
        },
    )


def _service_error(form, exc) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        form.add_error(None, message)


# --- Measures ---------------------------------------------------------------------------------


@perm_required(*DECIDERS)
def measure_list(request):
    """The measures in the user's scope, and incidents with an aggressor still waiting for one."""
    measures = Measure.objects.visible_to(request.user).select_related("aggressor", "decided_by")
    filterset = MeasureFilter(request.GET or None, queryset=measures)
    page_obj = Paginator(filterset.qs.prefetch_related("incidents"), 50).get_page(request.GET.get("page"))
    waiting = (
        Incident.objects.managed_by(request.user)
        .open()
        .filter(aggressor_links__isnull=False)
        .exclude(Exists(Measure.objects.filter(incidents=OuterRef("pk"))))
        .prefetch_related("aggressor_links__aggressor")
        .distinct()[:20]
    )
    return render(
        request,
        "sanctions/measure_list.html",
        {"filter": filterset, "page_obj": page_obj, "waiting": waiting, "title": _("Maatregelen")},
    )


def _decider_or_403(user, measure_type: str | None = None) -> None:
    if measure_type == MeasureType.BAN:
        if not user.has_perm("sanctions.impose_ban"):
            raise PermissionDenied
    elif not user.has_perm("sanctions.decide_measure"):
        raise PermissionDenied


def _decision_aggressor(user, pk: int, measure_type: str | None = None):
    """The person, in the user's scope; a mandated manager reaches anyone for a ban decision
    (the mandate covers every building of the municipality, not only their departments)."""
    try:
        return aggressor_for(user, pk)
    except Http404:
        if measure_type in (None, MeasureType.BAN) and user.has_perm("sanctions.impose_ban"):
            return get_object_or_404(Aggressor.objects.active(), pk=pk)
        raise


def _decision_incidents(user, aggressor, measure_type: str | None = None):
    incidents = Incident.objects.filter(aggressor_links__aggressor=aggressor).order_by("-occurred_at")
    if measure_type == MeasureType.BAN and user.has_perm("sanctions.impose_ban"):
        return incidents
    return incidents.filter(pk__in=Incident.objects.managed_by(user).values("pk"))


def _current_incidents(request, queryset):
    ids = [value for value in request.GET.getlist("incident") if value.isdigit()]
    return list(queryset.filter(pk__in=ids)) if ids else []


@perm_required(*DECIDERS)
def decide(request, aggressor_pk: int):
    """Choose the measure: the aggressor's history and GIR's proposal on one page."""
    aggressor = _decision_aggressor(request.user, aggressor_pk)
    queryset = _decision_incidents(request.user, aggressor)
    current = _current_incidents(request, _decision_incidents(request.user, aggressor, MeasureType.BAN))
    history = aggressor_history(aggressor, current_incidents=current)
    log_view(request, aggressor, "Geschiedenis dader bij besluit maatregel")
    return render(
        request,
        "sanctions/decide.html",
        {
            "aggressor": aggressor,
            "history": history,
            "types": MeasureType.choices,
            "query": request.GET.urlencode(),
            "can_ban": request.user.has_perm("sanctions.impose_ban"),
            "has_incidents": queryset.exists(),
            "title": _("Maatregel besluiten"),
        },
    )


@require_POST
@perm_required(*DECIDERS)
def ban_request(request, aggressor_pk: int):
    """A manager without the mandate puts a ban before the mandated managers."""
    aggressor = aggressor_for(request.user, aggressor_pk)
    managed = _decision_incidents(request.user, aggressor)
    incidents = _current_incidents(request, managed) or list(managed[:1])
    if not incidents:
        raise Http404
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": MeasureType.BAN}
    )
    query = "&".join(f"incident={incident.pk}" for incident in incidents)
    references = ", ".join(incident.reference for incident in incidents)
    notify(
        recipients=users_with_perm("sanctions.impose_ban"),
        subject=_("Verzoek om een toegangsverbod (%(refs)s)") % {"refs": references},
        body=_("Een leidinggevende vraagt u een toegangsverbod te overwegen na incident %(refs)s.")
        % {"refs": references},
        url=f"{url}?{query}",
    )
    messages.success(request, _("Het verzoek is naar de gemandateerden gestuurd."))
    return redirect(f"{reverse('sanctions:decide', kwargs={'aggressor_pk': aggressor.pk})}?{query}")


@perm_required(*DECIDERS)
def decide_type(request, aggressor_pk: int, measure_type: str):
    if measure_type not in MeasureType.values:
        raise Http404
    aggressor = _decision_aggressor(request.user, aggressor_pk, measure_type)
    _decider_or_403(request.user, measure_type)
    queryset = _decision_incidents(request.user, aggressor, measure_type)
    current = _current_incidents(request, queryset)
    history = aggressor_history(aggressor, current_incidents=current)
    form_class = decision_form_class(measure_type)
    form = form_class(
        request.POST or None,
        request.FILES or None,
        measure_type=measure_type,
        incident_queryset=queryset,
        aggressor=aggressor,
        initial={"incidents": current or list(queryset[:1]), "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            measure = services.measure_decide(
                by=request.user,
                aggressor=aggressor,
                measure_type=measure_type,
                incidents=data["incidents"],
                reason=data["reason"],
                description=data.get("description", ""),
                starts_on=data.get("starts_on"),
                ends_on=data.get("ends_on"),
                proposal=", ".join(history.proposal.types),
                details=form.details(),
                photo=data.get("photo"),
            )
        except services.MeasureError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request, _("Het besluit is vastgelegd als %(ref)s.") % {"ref": measure.reference}
            )
            return redirect("sanctions:detail", pk=measure.pk)
    log_view(request, aggressor, "Geschiedenis dader bij besluit maatregel")
    return render(
        request,
        "sanctions/decide_form.html",
        {
            "aggressor": aggressor,
            "history": history,
            "form": form,
            "measure_type": MeasureType(measure_type),
            "organisation_address": _org_address() if measure_type in POLICE_TYPES else None,
            "title": _("Besluit: %(type)s") % {"type": MeasureType(measure_type).label},
        },
    )


def _org_address() -> list[str]:
    from gir.models import Organisation

    return Organisation.get().postal_address_lines


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
    log_view(request, measure, "Maatregel bekeken")
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
            _service_error(form, exc)
        else:
            if form.cleaned_data["attendance"] == Attendance.NO_SHOW:
                messages.warning(
                    request, _("Vastgelegd dat de persoon niet kwam. Overweeg de volgende maatregel.")
                )
            else:
                messages.success(request, _("Het ordegesprek is vastgelegd."))
            return redirect("sanctions:detail", pk=measure.pk)
    return _form_page(request, form, title=_("Ordegesprek vastleggen"), measure=measure)


@login_required
def revoke(request, pk: int):
    measure = measure_for(request.user, pk)
    _decider_or_403(request.user, measure.type)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_revoke(measure=measure, by=request.user, reason=form.cleaned_data["reason"])
        except services.MeasureError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("De maatregel is ingetrokken."))
            return redirect("sanctions:detail", pk=measure.pk)
    return _form_page(
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
        },
    )
    if request.method == "POST" and form.is_valid():
        services.police_outcome_record(report=report, by=request.user, **form.cleaned_data)
        messages.success(request, _("De gegevens van de politie zijn vastgelegd."))
        return redirect("sanctions:detail", pk=measure.pk)
    return _form_page(request, form, title=_("Uitkomst melding of aangifte"), measure=measure)


def _claim_of(request, pk: int):
    measure = measure_for(request.user, pk)
    if measure.type != MeasureType.DAMAGE_CLAIM:
        raise Http404
    return measure, measure.damageclaim


@perm_required(*DECIDERS)
def claim_payment(request, pk: int):
    measure, claim = _claim_of(request, pk)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_payment_add(claim=claim, by=request.user, **form.cleaned_data)
        except services.MeasureError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("De betaling is vastgelegd."))
            return redirect("sanctions:detail", pk=measure.pk)
    return _form_page(request, form, title=_("Betaling vastleggen"), measure=measure)


@perm_required(*DECIDERS)
def claim_uncollectable(request, pk: int):
    measure, claim = _claim_of(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.claim_mark_uncollectable(claim=claim, by=request.user, note=form.cleaned_data["reason"])
        messages.success(request, _("De vordering is als oninbaar vastgelegd."))
        return redirect("sanctions:detail", pk=measure.pk)
    return _form_page(
        request, form, title=_("Vordering oninbaar"), measure=measure, submit_label=_("Oninbaar vastleggen")
    )


# --- Bans -------------------------------------------------------------------------------------


@perm_required(*DECIDERS)
def ban_serve(request, pk: int):
    ban = ban_for(request.user, pk)
    form = ServeForm(request.POST or None, ban=ban, initial={"served_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.ban_serve(ban=ban, by=request.user, **form.cleaned_data)
        except services.MeasureError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("Vastgelegd hoe het toegangsverbod is uitgereikt."))
            return redirect("sanctions:detail", pk=ban.pk)
    intro = _("Een toegangsverbod geldt pas als het is uitgereikt of aangetekend verstuurd.")
    return _form_page(request, form, title=_("Uitreiken vastleggen"), intro=intro, measure=ban.measure)


@perm_required("sanctions.impose_ban")
def ban_extend(request, pk: int):
    ban = ban_for(request.user, pk)
    form = ExtendForm(request.POST or None, ban=ban)
    if request.method == "POST" and form.is_valid():
        try:
            services.ban_extend(ban=ban, by=request.user, **form.cleaned_data)
        except services.MeasureError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("Het toegangsverbod is verlengd."))
            return redirect("sanctions:detail", pk=ban.pk)
    return _form_page(request, form, title=_("Toegangsverbod verlengen"), measure=ban.measure)


@login_required
def ban_review(request, pk: int):
    user = request.user
    if not (user.has_perm("sanctions.decide_measure") or user.has_perm("sanctions.view_ban_register")):
        raise PermissionDenied
    ban = ban_for(user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ban_review_record(ban=ban, by=user, note=form.cleaned_data["note"])
        messages.success(request, _("De beoordeling is vastgelegd."))
        return redirect("sanctions:detail", pk=ban.pk)
    intro = _("Verleng het verbod, of leg vast dat het afloopt zoals gepland.")
    return _form_page(request, form, title=_("Toegangsverbod beoordelen"), intro=intro, measure=ban.measure)


@require_GET
@login_required
def ban_photo(request, pk: int):
    """The photo, after a permission check, logged; never under a public URL."""
    ban = ban_for_reception(request.user, pk)
    if not ban.photo:
        raise Http404
    log_view(request, ban, "Foto toegangsverbod bekeken")
    response = FileResponse(ban.photo.open("rb"), as_attachment=True, filename=f"verbod-{ban.pk}.jpg")
    response["Content-Type"] = "image/png" if ban.photo.name.endswith(".png") else "image/jpeg"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def reception_rows(now=None):
    """Only what reception may see: name, photo, period, locations, instruction."""
    bans = (
        Ban.objects.in_force(now)
        .select_related("measure__aggressor")
        .prefetch_related(
            Prefetch("location_links", queryset=BanLocation.objects.select_related("location__parent"))
        )
        .order_by("measure__aggressor__last_name", "measure__aggressor__first_name", "pk")
    )
    return [
        {
            "pk": ban.pk,
            "name": ban.measure.aggressor.display_name,
            "has_photo": bool(ban.photo),
            "starts_on": max(ban.served_on, ban.measure.starts_on),
            "ends_on": ban.measure.ends_on,
            "locations": ban.location_names(),
            "instruction": ban.get_instruction_display(),
            "instruction_text": ban.instruction_text,
        }
        for ban in bans
    ]


@perm_required("sanctions.view_reception_list")
def reception(request):
    """Bans in force right now, computed from their dates; printable; every view logged."""
    rows = reception_rows()
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=f"Receptielijst toegangsverboden ({len(rows)} personen)",
    )
    return render(
        request,
        "sanctions/reception.html",
        {"rows": rows, "now": timezone.now(), "title": _("Toegangsverboden")},
    )


@login_required
def breach(request, pk: int):
    if not request.user.has_perm("sanctions.register_breach"):
        raise PermissionDenied
    ban = ban_for_breach(request.user, pk)
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = services.breach_register(
            ban=ban,
            by=request.user,
            occurred_at=data["occurred_at"],
            description=data["description"],
            location=data.get("location"),
            place=data.get("place", ""),
            forms=data.get("aggression_forms", []),
        )
        messages.success(
            request,
            _("De overtreding is gemeld als incident %(ref)s. Leidinggevende en coördinator zijn ingelicht.")
            % {"ref": record.incident.reference},
        )
        if request.user.has_perm("sanctions.view_reception_list"):
            return redirect("sanctions:reception")
        return redirect("start")
    return render(
        request,
        "sanctions/breach_form.html",
        {
            "form": form,
            "name": ban.measure.aggressor.display_name,
            "title": _("Overtreding toegangsverbod melden"),
        },
    )


# --- Register (coordinator) ---------------------------------------------------------------


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
def register_export(request):
    filterset = _register_queryset(request)
    now = timezone.now()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="register-toegangsverboden.csv"'
    response["X-Content-Type-Options"] = "nosniff"
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
