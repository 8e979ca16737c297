"""The mandated manager answers a ban request with "no ban", and says why."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gir.access import perm_required
from gir.errors import RuleViolation, show_on_form
from sanctions.models import BanRequest
from sanctions.services.requests import ban_request_decline, request_url
from sanctions.views.common import form_page


class DeclineForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    reason = forms.CharField(
        label=gettext_lazy("Waarom komt er geen toegangsverbod?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Schrijf waarom er geen toegangsverbod komt.")},
        help_text=gettext_lazy("De leidinggevende die het vroeg, krijgt dit te lezen."),
    )


@perm_required("sanctions.impose_ban")
def ban_request_decline_view(request, pk: int):
    ban_request = get_object_or_404(BanRequest.objects.open(), pk=pk, addressed_to=request.user)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ban_request_decline(request=ban_request, by=request.user, reason=form.cleaned_data["reason"])
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Vastgelegd dat er geen toegangsverbod komt."))
            return redirect("tasks")
    return form_page(
        request,
        form,
        title=_("Geen toegangsverbod"),
        submit_label=_("Vastleggen"),
        cancel_url=request_url(ban_request),
    )
