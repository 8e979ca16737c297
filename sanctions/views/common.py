"""Helpers shared by the sanctions views."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.audit import log_views
from gir.errors import RuleViolation, show_on_form

DECIDERS = ("sanctions.decide_measure",)


def form_page(request, form, *, title, intro="", measure=None, submit_label=None, cancel_url=None):
    if measure is not None:  # the page names the person the measure is about
        log_views(
            request, [measure.aggressor], lambda pk: texts.AGGRESSOR_ON_MEASURE(pk=pk, measure=measure.pk)
        )
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


def submit(
    request, form, save: Callable[[dict], object], *, done: str, measure=None, success_url: str | None = None
) -> HttpResponse | None:
    """On a valid POST, call ``save(cleaned_data)`` and go back to the decision (or to
    ``success_url``) with the message ``done``.

    Returns None when the form page should be shown (again): on GET, on invalid input, or when
    the service refused with a ``RuleViolation``, which then appears on the form above what the
    user typed.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except RuleViolation as exc:
        show_on_form(form, exc)
        return None
    messages.success(request, done)
    return redirect(success_url or reverse("sanctions:detail", kwargs={"pk": measure.pk}))
