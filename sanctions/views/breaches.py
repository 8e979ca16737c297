"""Waiving the aangifte after a ban breach, with a reason (ADR 0010)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gir.access import perm_required
from incidents.models import Incident
from sanctions.forms import ReasonForm
from sanctions.models import BanBreach
from sanctions.services.breaches import breach_aangifte_waive
from sanctions.views.common import form_page, submit


@perm_required("sanctions.decide_measure")
def breach_waive(request, pk: int):
    managed = Incident.objects.managed_by(request.user)
    breach = get_object_or_404(
        BanBreach.objects.select_related("ban__measure", "incident"), pk=pk, incident__in=managed
    )
    form = ReasonForm(
        request.POST or None,
        label=_("Waarom komt er geen aangifte?"),
        required_message=_("Schrijf waarom er geen aangifte komt."),
        max_length=300,
    )
    dossier = reverse("incidents:detail", args=[breach.incident_id])
    saved = submit(
        request,
        form,
        lambda data: breach_aangifte_waive(breach=breach, by=request.user, reason=data["reason"]),
        done=_("Vastgelegd waarom er geen aangifte komt."),
        success_url=dossier,
    )
    return saved or form_page(
        request,
        form,
        title=_("Geen aangifte na overtreding"),
        intro=_(
            "Na een overtreding van een toegangsverbod doet de gemeente normaal aangifte. "
            "Leg uit waarom dat hier niet gebeurt."
        ),
        cancel_url=dossier,
    )
