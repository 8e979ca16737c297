"""The mandated manager answers a ban request with "no ban", and says why."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gir.access import perm_required
from sanctions.forms import ReasonForm
from sanctions.services.requests import ban_request_decline, request_url, requests_for
from sanctions.views.common import form_page, submit


@perm_required("sanctions.impose_ban")
def ban_request_decline_view(request, pk: int):
    ban_request = get_object_or_404(requests_for(request.user), pk=pk)
    form = ReasonForm(
        request.POST or None,
        label=_("Waarom komt er geen toegangsverbod?"),
        required_message=_("Schrijf waarom er geen toegangsverbod komt."),
        max_length=2000,
        help_text=_("De leidinggevende die het vroeg, krijgt dit te lezen."),
    )
    saved = submit(
        request,
        form,
        lambda data: ban_request_decline(request=ban_request, by=request.user, reason=data["reason"]),
        done=_("Vastgelegd dat er geen toegangsverbod komt."),
        success_url=reverse("tasks"),
    )
    return saved or form_page(
        request,
        form,
        title=_("Geen toegangsverbod"),
        submit_label=_("Vastleggen"),
        cancel_url=request_url(ban_request),
    )
