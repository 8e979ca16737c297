"""Handing a case over to another manager (ADR 0010)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gir.access import perm_required
from gir.errors import RuleViolation, show_on_form
from incidents import access
from incidents.forms.handlers import HandOverForm
from incidents.services.handlers import handover_candidates, incident_hand_over, may_hand_over


@perm_required("incidents.manage_incidents")
def hand_over(request, pk: int):
    incident = access.incident_for(request.user, pk)
    if not may_hand_over(request.user, incident):
        raise PermissionDenied
    form = HandOverForm(
        request.POST if request.method == "POST" else None, candidates=handover_candidates(incident)
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = incident_hand_over(incident=incident, by=request.user, **form.cleaned_data)
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s behandelt de melding nu. Alle open taken gaan mee.") % {"name": incident.handler},
            )
            if not access.can_manage(request.user, incident):
                return redirect("incidents:inbox")
            return redirect("incidents:detail", pk=incident.pk)
    intro = _(
        "De nieuwe behandelaar krijgt de melding en alle open taken en termijnen, ook die van "
        "maatregelen en brieven. De nazorggesprekken blijven bij de bedrijfsopvang. De overdracht "
        "komt in de geschiedenis."
    )
    return render(
        request,
        "incidents/action_form.html",
        {
            "form": form,
            "incident": incident,
            "title": _("Melding overdragen"),
            "intro": intro,
            "submit_label": _("Overdragen"),
        },
    )
