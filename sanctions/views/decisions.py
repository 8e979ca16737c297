"""Deciding a measure: the aggressor's history, the ladder's proposal and the forms."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gir import audit_texts as texts
from gir.access import parse_pk, perm_required
from gir.audit import audit_log, log_view
from gir.errors import RuleViolation, show_as_message, show_on_form
from gir.models import AuditEntry, Organisation
from gir.paging import CappedPaginator
from incidents.access import aggressor_for
from incidents.models import Incident
from sanctions import measure_types, services
from sanctions.constants import POLICE_TYPES, MeasureType
from sanctions.filters import MeasureFilter
from sanctions.history import aggressor_history
from sanctions.models import Measure
from sanctions.services.requests import ban_request_create, open_request_for
from sanctions.views.common import DECIDERS


@perm_required(*DECIDERS)
def measure_list(request):
    """The measures in the user's scope, and incidents with an aggressor still waiting for one."""
    measures = Measure.objects.visible_to(request.user).select_related("aggressor", "decided_by")
    filterset = MeasureFilter(request.GET or None, queryset=measures)
    page_obj = CappedPaginator(filterset.qs.prefetch_related("incidents"), 50).get_page(
        request.GET.get("page")
    )
    waiting = (
        Incident.objects.managed_by(request.user)
        .open()
        .filter(aggressor_links__isnull=False)
        .exclude(Exists(Measure.objects.filter(incidents=OuterRef("pk"))))
        .prefetch_related("aggressor_links__aggressor")
        .distinct()[:20]
    )
    # The list names persons: reading it is logged like any read of an aggressor's data.
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=texts.MEASURE_LIST(page=page_obj.number),
    )
    return render(
        request,
        "sanctions/measure_list.html",
        {"filter": filterset, "page_obj": page_obj, "waiting": waiting, "title": _("Maatregelen")},
    )


def _decision_aggressor(user, pk: int, measure_type: str | None = None):
    """The person, in the user's scope: for a mandated manager that includes the person of every
    open ban request addressed to them (``sanctions.scoping``), and nobody else."""
    return aggressor_for(user, pk)


def _decision_incidents(user, aggressor, measure_type: str | None = None):
    incidents = Incident.objects.filter(aggressor_links__aggressor=aggressor).order_by("-occurred_at")
    if measure_type == MeasureType.BAN and user.has_perm("sanctions.impose_ban"):
        # Their own departments' and the requested incidents: what visible_to opens to them.
        return incidents.filter(pk__in=Incident.objects.visible_to(user).values("pk"))
    return incidents.filter(pk__in=Incident.objects.managed_by(user).values("pk"))


def _current_incidents(request, queryset):
    ids = [pk for pk in map(parse_pk, request.GET.getlist("incident")) if pk is not None]
    return list(queryset.filter(pk__in=ids)) if ids else []


@perm_required(*DECIDERS)
def decide(request, aggressor_pk: int):
    """Choose the measure: the aggressor's history and GIR's proposal on one page."""
    aggressor = _decision_aggressor(request.user, aggressor_pk)
    queryset = _decision_incidents(request.user, aggressor)
    current = _current_incidents(request, _decision_incidents(request.user, aggressor, MeasureType.BAN))
    history = aggressor_history(aggressor, current_incidents=current)
    log_view(request, aggressor, texts.HISTORY_AT_DECISION())
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
    """A manager without the mandate puts a ban before a mandated manager, as a task of theirs."""
    aggressor = aggressor_for(request.user, aggressor_pk)
    managed = _decision_incidents(request.user, aggressor)
    incidents = _current_incidents(request, managed) or list(managed[:1])
    if not incidents:
        raise Http404
    query = "&".join(f"incident={incident.pk}" for incident in incidents)
    back = f"{reverse('sanctions:decide', kwargs={'aggressor_pk': aggressor.pk})}?{query}"
    try:
        ban_request_create(aggressor=aggressor, incidents=incidents, by=request.user)
    except RuleViolation as exc:
        show_as_message(request, exc)
    else:
        messages.success(request, _("Het verzoek staat nu bij de gemandateerde in Mijn taken."))
    return redirect(back)


@perm_required(*DECIDERS)
def decide_type(request, aggressor_pk: int, measure_type: str):
    if measure_type not in MeasureType.values:
        raise Http404
    aggressor = _decision_aggressor(request.user, aggressor_pk, measure_type)
    services.decide_rights_check(request.user, measure_type)
    queryset = _decision_incidents(request.user, aggressor, measure_type)
    if not queryset.exists():
        raise Http404  # e.g. a mandated manager reaches the person of a request only for the ban
    current = _current_incidents(request, queryset)
    history = aggressor_history(aggressor, current_incidents=current)
    form_class = measure_types.spec_for(measure_type).form
    form = form_class(
        request.POST or None,
        request.FILES or None,
        measure_type=measure_type,
        incident_queryset=queryset,
        aggressor=aggressor,
        initial=_initial(current or list(queryset[:1])),
    )
    if request.method == "POST" and form.is_valid():
        measure = _decide(request, aggressor, measure_type, form, history)
        if measure is not None:
            messages.success(
                request, _("Het besluit is vastgelegd als %(ref)s.") % {"ref": measure.reference}
            )
            return redirect("sanctions:detail", pk=measure.pk)
    log_view(request, aggressor, texts.HISTORY_AT_DECISION())
    return render(
        request,
        "sanctions/decide_form.html",
        _decide_context(request, aggressor, measure_type, form, history),
    )


def _decide(request, aggressor, measure_type: str, form, history) -> Measure | None:
    """Record the decision of a valid form; a broken rule goes onto the form and gives None."""
    data = form.cleaned_data
    try:
        return services.measure_decide(
            by=request.user,
            aggressor=aggressor,
            measure_type=measure_type,
            incidents=data["incidents"],
            reason=data["reason"],
            description=data.get("description", ""),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            proposal=", ".join(history.proposal.labels),
            details=form.details(),
            photo=data.get("photo"),
            submission_token=data.get("token") or None,
        )
    except services.MeasureError as exc:
        show_on_form(form, exc)
        return None


def _decide_context(request, aggressor, measure_type: str, form, history) -> dict:
    """What the decision page shows beside the form: history, the address for police types, a ban request."""
    return {
        "aggressor": aggressor,
        "history": history,
        "form": form,
        "measure_type": MeasureType(measure_type),
        "organisation_address": (
            Organisation.get().postal_address_lines if measure_type in POLICE_TYPES else None
        ),
        "title": _("Besluit: %(type)s") % {"type": MeasureType(measure_type).label},
        "ban_request": open_request_for(request.user, aggressor) if measure_type == MeasureType.BAN else None,
    }


def _initial(incidents) -> dict:
    """Sensible starting values; the damage recorded on the incidents becomes the first items."""
    today = timezone.localdate()
    initial = {"incidents": incidents, "starts_on": today, "reported_on": today, "claim_date": today}
    damages = [
        (_("Schade aan spullen van de gemeente (%(ref)s)") % {"ref": i.reference}, i.municipal_damage_amount)
        for i in incidents
        if i.municipal_damage_amount
    ] + [
        (_("Schade aan spullen van de medewerker (%(ref)s)") % {"ref": i.reference}, i.personal_damage_amount)
        for i in incidents
        if i.personal_damage_amount
    ]
    for n, (description, amount) in enumerate(damages[:4], start=1):
        initial[f"item_{n}_description"] = description
        initial[f"item_{n}_amount"] = amount
    return initial
