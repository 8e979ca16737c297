"""Waiving the aangifte after a ban breach, with a reason (ADR 0010)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gir.access import perm_required
from gir.errors import RuleViolation, show_on_form
from incidents.models import Incident
from sanctions.models import BanBreach
from sanctions.services.breaches import breach_aangifte_waive
from sanctions.views.common import form_page


class WaiveAangifteForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    reason = forms.CharField(
        label=gettext_lazy("Waarom komt er geen aangifte?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
        error_messages={"required": gettext_lazy("Schrijf waarom er geen aangifte komt.")},
    )


@perm_required("sanctions.decide_measure")
def breach_waive(request, pk: int):
    managed = Incident.objects.managed_by(request.user)
    breach = get_object_or_404(
        BanBreach.objects.select_related("ban__measure", "incident"), pk=pk, incident__in=managed
    )
    form = WaiveAangifteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            breach_aangifte_waive(breach=breach, by=request.user, reason=form.cleaned_data["reason"])
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Vastgelegd waarom er geen aangifte komt."))
            return redirect("incidents:detail", pk=breach.incident_id)
    return form_page(
        request,
        form,
        title=_("Geen aangifte na overtreding"),
        intro=_(
            "Na een overtreding van een toegangsverbod doet de gemeente normaal aangifte. "
            "Leg uit waarom dat hier niet gebeurt."
        ),
        cancel_url=reverse("incidents:detail", args=[breach.incident_id]),
    )
