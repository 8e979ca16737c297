"""Helpers shared by the sanctions views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from sanctions.constants import MeasureType

DECIDERS = ("sanctions.decide_measure",)


def form_page(request, form, *, title, intro="", measure=None, submit_label=None, cancel_url=None):
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


def service_error(form, exc) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        form.add_error(None, message)


def decider_or_403(user, measure_type: str | None = None) -> None:
    if measure_type == MeasureType.BAN:
        if not user.has_perm("sanctions.impose_ban"):
            raise PermissionDenied
    elif not user.has_perm("sanctions.decide_measure"):
        raise PermissionDenied
