"""Reading the audit log: who may see which entries, the entries about one person, the filters.

Entries about aftercare (health data, AVG art. 9) are shown only to holders of
``gir.view_aftercare_audit`` (the aftercare lead); everything else to ``gir.view_auditlog``
(the coordinator and the privacy officer).
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from gir.audit_texts import describe
from gir.dateinput import dutch_date_kwargs
from gir.models import AuditEntry
from incidents.models import Aggressor, Incident
from letters.models import Letter
from privacy.constants import DataClass
from sanctions.models import Ban, BanBreach, Measure

AFTERCARE_APP = "aftercare"
VIEW_PERMS = ("gir.view_auditlog", "gir.view_aftercare_audit")


def visible_entries(user) -> QuerySet[AuditEntry]:
    """The entries this user may read (none for anyone without one of ``VIEW_PERMS``)."""
    aftercare = Q(content_type__app_label=AFTERCARE_APP)
    scope = Q(pk__in=[])
    if user.has_perm("gir.view_auditlog"):
        scope |= ~aftercare | Q(content_type__isnull=True)
    if user.has_perm("gir.view_aftercare_audit"):
        scope |= aftercare
    return AuditEntry.objects.filter(scope).select_related("actor", "content_type")


def _about(model, ids) -> Q:
    ids = [str(pk) for pk in ids]
    return (
        Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids) if ids else Q(pk__in=[])
    )


def about_person(aggressor_id: int) -> Q:
    """Entries about one person: the person, their incidents, measures, bans, breaches and letters."""
    measure_ids = list(Measure.objects.filter(aggressor_id=aggressor_id).values_list("pk", flat=True))
    incident_ids = Incident.objects.filter(aggressor_links__aggressor_id=aggressor_id).values_list(
        "pk", flat=True
    )
    return (
        _about(Aggressor, [aggressor_id])
        | _about(Incident, incident_ids)
        | _about(Measure, measure_ids)
        | _about(Ban, measure_ids)
        | _about(BanBreach, BanBreach.objects.filter(ban_id__in=measure_ids).values_list("pk", flat=True))
        | _about(Letter, Letter.objects.filter(aggressor_id=aggressor_id).values_list("pk", flat=True))
    )


class AuditFilterForm(forms.Form):
    """Filters by ids and dates only: the address bar never holds a name."""

    persoon = forms.IntegerField(
        label=_("Persoonsnummer"),
        required=False,
        min_value=1,
        max_value=2**53,
        help_text=_(
            "Het nummer van de persoon (dader), te vinden bij het inzageverzoek of op de persoonspagina."
        ),
    )
    gebruiker = forms.ModelChoiceField(
        label=_("Gebruiker"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Alle gebruikers"),
    )
    actie = forms.ChoiceField(label=_("Soort handeling"), required=False)
    van = forms.DateField(label=_("Vanaf"), required=False, **dutch_date_kwargs())
    tot = forms.DateField(label=_("Tot en met"), required=False, **dutch_date_kwargs())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = get_user_model().objects.order_by("last_name", "first_name")
        self.fields["actie"].choices = [("", _("Alle handelingen")), *AuditEntry.Action.choices]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt voor de datum ‘Vanaf’. Kies een latere datum."))
        return data

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        if data.get("persoon"):
            entries = entries.filter(about_person(data["persoon"]))
        if data.get("gebruiker"):
            entries = entries.filter(actor=data["gebruiker"])
        if data.get("actie"):
            entries = entries.filter(action=data["actie"])
        if data.get("van"):
            entries = entries.filter(at__date__gte=data["van"])
        if data.get("tot"):
            entries = entries.filter(at__date__lte=data["tot"])
        return entries


def row(entry: AuditEntry) -> list:
    """One entry as the viewer and the export show it."""
    subject = f"{entry.content_type.name} {entry.object_id}" if entry.content_type_id else ""
    return [
        entry.at,
        str(entry.actor) if entry.actor_id else "",
        entry.get_action_display(),
        subject,
        describe(entry.description),
        entry.ip_address or "",
    ]


COLUMNS = [_("Tijdstip"), _("Gebruiker"), _("Handeling"), _("Gegevens"), _("Omschrijving"), _("Adres")]
EXPORT_COLUMNS = [*COLUMNS, _("Wijziging (was → nu)")]

# How ``gir.audit.snapshot`` stores a duration: str(timedelta), "2 days, 0:00:00" or "48:00:00".
DURATION = re.compile(r"^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d)$")


def _value(value) -> str:
    """A stored before/after value as a person reads it."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and (match := DURATION.match(value)):
        days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
        total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
        if total % 86400 == 0:
            return str(_("%(n)s dagen") % {"n": total // 86400})
        if total % 3600 == 0:
            return str(_("%(n)s uur") % {"n": total // 3600})
    return str(value)


def _label(entry: AuditEntry, name: str) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:  # the retention periods: one change per data class
        return _retention_label(name)
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return {"roles": str(_("Rollen"))}.get(name, name)


def _retention_label(name: str) -> str:
    return str(DataClass(name).label) if name in DataClass.values else name


def changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """The entry's before/after record: (field as named on the form, was, now)."""
    return [
        (_label(entry, name), _value(change[0]), _value(change[1]))
        for name, change in (entry.changes or {}).items()
        if isinstance(change, list) and len(change) == 2
    ]


def export_row(entry: AuditEntry) -> list:
    summary = "; ".join(f"{label}: {was} → {now}" for label, was, now in changes(entry))
    return [*row(entry), summary]
