"""Access helpers: one per model, returning the object in the user's scope or raising 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from letters.models import Letter, LetterTemplate


def letter_for(user, pk: int) -> Letter:
    queryset = Letter.objects.visible_to(user).select_related(
        "incident",
        "incident__department",
        "aggressor",
        "signatory",
        "template_version__template",
        "measure",
        "corrects",
        "created_by",
        "finalised_by",
    )
    return get_object_or_404(queryset, pk=pk)


def incidents_for_letters(user):
    """The incidents the user makes letters for: the ones they manage, or all (coordinator); a
    mandated manager also those of a ban request addressed to them or a ban they decided, for the
    decision letter (the incident scope of ``gir.registry.register_scope``)."""
    from incidents.models import Incident

    if not user.has_perm("letters.create_letters"):
        return Incident.objects.none()
    if user.has_perm("sanctions.impose_ban"):
        return Incident.objects.visible_to(user)
    return Incident.objects.managed_by(user)


def incident_for_letters(user, pk: int):
    """One incident of ``incidents_for_letters``, or 404."""
    if not user.has_perm("letters.create_letters"):
        raise Http404
    return get_object_or_404(incidents_for_letters(user).select_related("department"), pk=pk)


def measure_for(user, incident, pk) -> object | None:
    """A measure of ``incident`` the user may see; None when none was asked for; 404 when out of scope."""
    if pk in (None, ""):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    from sanctions.models import Measure

    queryset = Measure.objects.visible_to(user).filter(incidents=incident)
    return get_object_or_404(queryset.select_related("aggressor"), pk=pk)


def template_for(pk: int) -> LetterTemplate:
    return get_object_or_404(LetterTemplate, pk=pk)
