"""The full registration and the manager's actions on the dossier."""

from __future__ import annotations

import copy
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.models import Department, Location
from incidents.constants import (
    InvolvementRole,
    PolicePlan,
    Status,
    VictimKind,
)
from incidents.forms.fields import (
    PendingMixin,
    UserChoiceField,
    active_users,
    check_past,
    files_field,
    forms_field,
    local_datetime_field,
    now_local_minute,
)
from incidents.models import Incident


class IncidentForm(forms.ModelForm):
    """The full registration (DESIGN.md step 1): the superset of the paper forms."""

    use_required_attribute = False  # no red fields before typing; aria-required stays

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    forms = forms_field(_("Vormen van agressie"))  # last: the name shadows the module

    MANAGER_ONLY = ["department", "aggression_kind", "inspectorate_reported_at", "inspectorate_reference"]

    class Meta:
        model = Incident
        fields = [
            "occurred_at",
            "department",
            "location_type",
            "location",
            "place",
            "description",
            "aggression_kind",
            "means",
            "manner",
            "motive",
            "trigger",
            "injury",
            "injury_description",
            "doctor_visit",
            "hospital_admission",
            "absence",
            "absence_days",
            "personal_damage",
            "personal_damage_amount",
            "municipal_damage",
            "municipal_damage_amount",
            "damage_description",
            "police_called",
            "inspectorate_reported_at",
            "inspectorate_reference",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "manner": forms.Textarea(attrs={"rows": 3}),
            "motive": forms.Textarea(attrs={"rows": 3}),
            "trigger": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _("Wie, wat, waar, waarmee, op welke manier, wanneer en waarom."),
            "aggression_kind": _("Het oordeel van de leidinggevende; niet verplicht."),
            "hospital_admission": _(
                "Dan moet de werkgever het direct melden bij de Nederlandse Arbeidsinspectie."
            ),
        }

    def __init__(self, *args, manager: bool = False, instance=None, **kwargs):
        # The form works on a copy: validation sets attributes, only the service saves.
        super().__init__(*args, instance=copy.copy(instance), **kwargs)
        self.fields["occurred_at"] = local_datetime_field(_("Datum en tijd van het incident"))
        self.fields["inspectorate_reported_at"] = local_datetime_field(
            _("Gemeld bij de Arbeidsinspectie op"), required=False
        )
        for name in ["personal_damage_amount", "municipal_damage_amount"]:
            self.fields[name].min_value = 0
            self.fields[name].validators.append(_not_negative)
        self.fields["absence_days"].max_value = 3650
        self.fields["location"].queryset = Location.objects.filter(is_active=True).select_related("parent")
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        if instance is not None and instance.pk:
            self.initial.setdefault("forms", instance.form_codes)
            self.initial.setdefault("version", instance.version)
            self.initial["occurred_at"] = timezone.localtime(instance.occurred_at).replace(
                second=0, microsecond=0
            )
        if not manager:
            for name in self.MANAGER_ONLY:
                del self.fields[name]
        self.order_fields(["occurred_at", "department", "location_type", "location", "place", "forms"])

    def clean_occurred_at(self):
        value = check_past(self.cleaned_data.get("occurred_at"))
        if value and self.instance.reported_at and value > self.instance.reported_at:
            raise ValidationError(_("Het incident kan niet na het moment van melden zijn gebeurd."))
        return value

    def clean_inspectorate_reported_at(self):
        return check_past(self.cleaned_data.get("inspectorate_reported_at"))

    def clean(self):
        data = super().clean()
        if data.get("absence_days") and not data.get("absence"):
            self.add_error("absence", _("Vink verzuim aan als er dagen verzuim zijn."))
        if (data.get("personal_damage_amount") or 0) > 0 and not data.get("personal_damage"):
            self.add_error("personal_damage", _("Vink schade aan eigen spullen aan als er een bedrag is."))
        if (data.get("municipal_damage_amount") or 0) > 0 and not data.get("municipal_damage"):
            self.add_error(
                "municipal_damage", _("Vink schade aan spullen van de gemeente aan als er een bedrag is.")
            )
        if data.get("injury_description") and not data.get("injury"):
            self.add_error("injury", _("Vink lichamelijk letsel aan als u letsel beschrijft."))
        return data

    def _post_clean(self):
        # The incident's own constraints are checked by clean_occurred_at; skip Django's
        # model validation, which would also compare the unsaved copy with the database.
        pass

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Een bedrag kan niet negatief zijn."))


class InvolvementForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    role = forms.ChoiceField(label=_("Rol"), choices=InvolvementRole.choices, widget=forms.RadioSelect)
    victim_kind = forms.ChoiceField(
        label=_("Soort persoon"), choices=VictimKind.choices, initial=VictimKind.EMPLOYEE
    )
    user = UserChoiceField(
        label=_("Medewerker"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Kies een medewerker, of vul hieronder een naam in."),
    )
    name = forms.CharField(
        label=_("Naam (als de persoon geen account heeft)"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld een wethouder, raadslid of stagiair."),
    )
    function = forms.CharField(label=_("Functie"), max_length=120, required=False)
    department = forms.ModelChoiceField(
        label=_("Afdeling"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = active_users().select_related("department")
        self.fields["department"].queryset = Department.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name", "").strip():
            self.add_error("user", _("Kies een medewerker of vul een naam in."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        user = data.get("user")
        return {
            "role": data["role"],
            "user": user,
            "name": "" if user else data["name"].strip(),
            "victim_kind": data["victim_kind"],
            "function": data["function"] or (user.job_title if user else ""),
            "department": data["department"] or (user.department if user else None),
        }


class FirstTalkForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    at = local_datetime_field(_("Wanneer was het gesprek?"))
    summary = forms.CharField(
        label=_("Korte samenvatting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=_("Hoe gaat het met de medewerker, wat is afgesproken? Geen medische details."),
    )
    police_plan = forms.ChoiceField(
        label=_("Volgt er een melding of aangifte bij de politie?"),
        choices=PolicePlan.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.initial.setdefault("at", now_local_minute())

    def clean_at(self):
        value = check_past(self.cleaned_data.get("at"))
        if value and self.incident and value < self.incident.occurred_at - timedelta(minutes=1):
            raise ValidationError(_("Het gesprek kan niet voor het incident zijn geweest."))
        return value


class WaiveReactionForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    reason = forms.CharField(
        label=_("Waarom kan er geen reactie naar de dader?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=2000,
        help_text=_("Bijvoorbeeld: de dader is onbekend en niet te achterhalen."),
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(max_length=300, required=False)


class EvidenceForm(PendingMixin):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    files = files_field(_("Bestanden"))
    description = forms.CharField(label=_("Omschrijving (niet verplicht)"), max_length=200, required=False)
