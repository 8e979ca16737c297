"""Measures on an incident's dossier and on the aggressor's person page (gir.registry)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanctions.history import contact_conditions_for
from sanctions.models import Ban, Measure


def dossier_section(incident, user) -> list[dict]:
    """One entry per measure for this incident. The reporter sees the type and date (the
    reaction to their report); the aggressor's name appears only for users in scope."""
    visible = set(Measure.objects.visible_to(user).filter(incidents=incident).values_list("pk", flat=True))
    entries = []
    for measure in incident.measures.all().order_by("decided_at"):
        in_scope = measure.pk in visible
        entries.append(
            {
                "at": measure.decided_at,
                "title": _("Maatregel: %(type)s") % {"type": measure.get_type_display()},
                "text": measure.get_status_display(),
                "url": reverse("sanctions:detail", kwargs={"pk": measure.pk}) if in_scope else "",
                "kind": "measure",
            }
        )
    return entries


def person_section(aggressor, user) -> list[dict]:
    """Active ban (highlighted), contact conditions and earlier measures for a person page."""
    now = timezone.now()
    entries = []
    for ban in Ban.objects.in_force(now).filter(measure__aggressor=aggressor).select_related("measure"):
        entries.append(
            {
                "at": ban.measure.decided_at,
                "title": _("Toegangsverbod van kracht tot en met %(end)s")
                % {"end": f"{ban.measure.ends_on:%d-%m-%Y}"},
                "text": ", ".join(ban.location_names()),
                "url": reverse("sanctions:detail", kwargs={"pk": ban.pk}),
                "kind": "alert",
            }
        )
    for condition in contact_conditions_for(aggressor, now):
        entries.append(
            {
                "at": condition.measure.decided_at,
                "title": _("Contact op voorwaarden"),
                "text": "; ".join(condition.summary()),
                "url": reverse("sanctions:detail", kwargs={"pk": condition.pk}),
                "kind": "alert",
            }
        )
    for measure in Measure.objects.visible_to(user).filter(aggressor=aggressor).order_by("-decided_at")[:50]:
        entries.append(
            {
                "at": measure.decided_at,
                "title": measure.get_type_display(),
                "text": measure.get_status_display(),
                "url": reverse("sanctions:detail", kwargs={"pk": measure.pk}),
                "kind": "measure",
            }
        )
    if user.has_perm("sanctions.decide_measure"):
        entries.append(
            {
                "at": now,
                "title": _("Maatregel besluiten"),
                "text": _("Bekijk de geschiedenis en het voorstel van GIR."),
                "url": reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk}),
                "kind": "action",
            }
        )
    return entries
