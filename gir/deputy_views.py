"""Deputy periods: a manager names who stands in for them during leave (ADR 0010)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gir.access import perm_required
from gir.deputies import DeputyPeriod, deputy_period_add, deputy_period_end, local_today
from gir.errors import RuleViolation, show_on_form
from gir.forms import DeputyPeriodForm

NAME_DEPUTY = "gir.name_deputy"


@perm_required(NAME_DEPUTY)
def deputies(request):
    """My periods of leave with their deputy, the periods I stand in, and a form to add one."""
    user = request.user
    form = DeputyPeriodForm(request.POST if request.method == "POST" else None, manager=user)
    if request.method == "POST" and form.is_valid():
        try:
            deputy_period_add(manager=user, by=user, **form.cleaned_data)
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Uw vervanger is vastgelegd. In die periode krijgt die uw taken."))
            return redirect("deputies")
    today = local_today()
    active = DeputyPeriod.objects.filter(revoked_at__isnull=True, ends_on__gte=today)
    context = {
        "form": form,
        "mine": active.filter(manager=user).select_related("deputy"),
        "standing_in": active.filter(deputy=user).select_related("manager"),
        "today": today,
        "title": _("Vervanging bij verlof"),
    }
    return render(request, "gir/deputies.html", context)


@require_POST
@perm_required(NAME_DEPUTY)
def deputy_end(request, pk: int):
    period = get_object_or_404(DeputyPeriod, pk=pk, manager=request.user)
    deputy_period_end(period=period, by=request.user)
    messages.success(request, _("De vervanging is beëindigd. U krijgt uw taken weer zelf."))
    return redirect("deputies")
