"""The decision forms: what every decision records, plus one form per measure type."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import DutchTimeField, date_help_text
from gir.errors import show_on_form
from gir.models import Location, Organisation
from gir.uploads import validate_image_upload
from sanctions.constants import (
    PERIOD_TYPES,
    Instruction,
    ReportedBy,
)
from sanctions.forms.fields import DayField, Form, TokenField, local_instant
from sanctions.models import local_today
from sanctions.services.bans import ban_rules_check
from sanctions.services.common import MeasureError, measure_period_check

ITEM_ROWS = 4


class IncidentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} ({timezone.localtime(obj.occurred_at):%d-%m-%Y})"


class DecisionForm(Form):
    """What every decision records: for which incidents, why, and the period if any."""

    incidents = IncidentChoiceField(
        label=_("Voor welke incidenten"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één incident.")},
    )
    reason = forms.CharField(
        label=_("Waarom deze maatregel"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Leg uit waarom u hiertoe besluit. Dit komt in het dossier."),
    )
    description = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text=_("Bijvoorbeeld wat er is gezegd, of welke andere maatregel het is."),
    )
    token = TokenField()
    starts_on = DayField(label=_("Ingangsdatum"))
    ends_on = DayField(label=_("Einddatum"), required=False)

    def __init__(self, *args, measure_type: str, incident_queryset, aggressor, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure_type = measure_type
        self.aggressor = aggressor
        self.fields["incidents"].queryset = incident_queryset
        if measure_type not in PERIOD_TYPES:
            del self.fields["starts_on"]
            del self.fields["ends_on"]

    def clean(self):
        data = super().clean()
        self.check_rule(measure_period_check, data.get("starts_on"), data.get("ends_on"))
        return data

    def check_rule(self, rule, *args, **kwargs) -> bool:
        """Run one of the service's rules; a refusal appears on this form in the service's words."""
        try:
            rule(*args, **kwargs)
        except MeasureError as exc:
            show_on_form(self, exc)
            return False
        return True

    def details(self) -> dict:
        """The type-specific part for ``measure_decide``."""
        return {}


class OtherDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["description"].label = _("Welke maatregel")


class OrdegesprekDecisionForm(DecisionForm):
    planned_date = DayField(label=_("Datum gesprek"))
    planned_time = DutchTimeField(label=_("Tijd gesprek"))
    place = forms.CharField(label=_("Plaats"), max_length=200)
    attendees = forms.CharField(
        label=_("Wie zijn erbij"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Meestal de leidinggevende en de medewerker."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.norm = Organisation.get().ordegesprek_norm
        self.fields["planned_date"].help_text = date_help_text(
            _("Het gesprek vindt plaats binnen %(days)d dagen na het besluit.") % {"days": self.norm.days}
        )

    def clean(self):
        data = super().clean()
        day, time = data.get("planned_date"), data.get("planned_time")
        if day and day < local_today():
            self.add_error("planned_date", _("Deze datum is al voorbij. Kies een datum vanaf vandaag."))
        elif day and time and local_instant(day, time) > timezone.now() + self.norm:
            # The protocols: an ordegesprek within one week (the organisation's norm).
            self.add_error(
                "planned_date",
                _("Plan het gesprek binnen %(days)d dagen na het besluit.") % {"days": self.norm.days},
            )
        return data

    def details(self) -> dict:
        d = self.cleaned_data
        return {
            "planned_at": local_instant(d["planned_date"], d["planned_time"]),
            "place": d["place"],
            "attendees": d["attendees"],
        }


class ContactDecisionForm(DecisionForm):
    appointment_only = forms.BooleanField(label=_("Alleen op afspraak"), required=False)
    letter_only = forms.BooleanField(label=_("Alleen per brief"), required=False)
    no_phone = forms.BooleanField(label=_("Geen telefonisch contact"), required=False)
    contact_person = forms.CharField(
        label=_("Alleen via vaste contactpersoon (naam)"), max_length=120, required=False
    )
    representative = forms.CharField(
        label=_("Alleen via vertegenwoordiger of zaakwaarnemer (naam)"), max_length=120, required=False
    )

    CONDITIONS = ("appointment_only", "letter_only", "no_phone", "contact_person", "representative")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = True

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.CONDITIONS):
            raise ValidationError(_("Kies ten minste één voorwaarde."))
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.CONDITIONS}


class LocationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class BanDecisionForm(DecisionForm):
    scope = forms.ChoiceField(
        label=_("Waar geldt het verbod"),
        choices=[("alle", _("Alle gebouwen van de gemeente")), ("keuze", _("Alleen de gekozen locaties"))],
        widget=forms.RadioSelect,
        initial="alle",
    )
    locations = LocationChoiceField(
        label=_("Gekozen locaties"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    shorter_motivation = forms.CharField(
        label=_("Motivering voor een kortere duur"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    photo = forms.FileField(
        label=_("Foto van de persoon"),
        required=False,
        help_text=_("JPEG of PNG. De receptie ziet deze foto om de persoon te herkennen."),
    )
    instruction = forms.ChoiceField(
        label=_("Wat moet de receptie doen"),
        choices=Instruction.choices,
        widget=forms.RadioSelect,
        initial=Instruction.DO_NOT_SERVE,
    )
    instruction_text = forms.CharField(
        label=_("Aanvullende instructie voor de receptie"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = True
        self.fields["locations"].queryset = Location.objects.filter(is_active=True).select_related("parent")
        self.minimum_days = Organisation.get().minimum_ban_days
        self.fields["ends_on"].help_text = date_help_text(
            _("Minimaal %(days)d dagen na de ingangsdatum, tenzij u een kortere duur motiveert.")
            % {"days": self.minimum_days}
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return validate_image_upload(photo) if photo else None

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end >= start:
            details = self._details(data)
            self.check_rule(
                ban_rules_check, aggressor=self.aggressor, starts_on=start, ends_on=end, details=details
            )
        return data

    def details(self) -> dict:
        return self._details(self.cleaned_data)

    @staticmethod
    def _details(d) -> dict:
        return {
            "all_locations": d.get("scope") != "keuze",
            "locations": list(d.get("locations") or []),
            "shorter_motivation": d.get("shorter_motivation", ""),
            "instruction": d.get("instruction"),
            "instruction_text": d.get("instruction_text", ""),
        }


class PoliceDecisionForm(DecisionForm):
    reported_by = forms.ChoiceField(
        label=_("Wie doet de melding of aangifte"), choices=ReportedBy.choices, widget=forms.RadioSelect
    )
    reported_on = DayField(label=_("Datum"))
    vpt = forms.BooleanField(
        label=_("VPT-code gebruikt (Veilige Publieke Taak)"),
        required=False,
        initial=True,
        help_text=_("Met deze code weet de politie dat het om een medewerker met een publieke taak gaat."),
    )
    police_number = forms.CharField(label=_("Registratienummer politie"), max_length=60, required=False)

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > local_today():
            raise ValidationError(
                _("Deze datum ligt in de toekomst. Vul de datum in waarop de melding of aangifte is gedaan.")
            )
        return day

    def details(self) -> dict:
        d = self.cleaned_data
        return {
            "reported_by": d["reported_by"],
            "reported_on": d["reported_on"],
            "vpt": d.get("vpt", False),
            "police_number": d.get("police_number", ""),
        }


class ClaimDecisionForm(DecisionForm):
    claim_date = DayField(label=_("Datum vordering"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, ITEM_ROWS + 1):
            self.fields[f"item_{n}_description"] = forms.CharField(
                label=_("Schadepost %(n)d: omschrijving") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"item_{n}_amount"] = forms.DecimalField(
                label=_("Schadepost %(n)d: bedrag in euro") % {"n": n},
                max_digits=10,
                decimal_places=2,
                min_value=Decimal("0.01"),
                required=False,
            )

    def clean(self):
        data = super().clean()
        items = []
        for n in range(1, ITEM_ROWS + 1):
            desc, amount = data.get(f"item_{n}_description"), data.get(f"item_{n}_amount")
            if desc and amount is None and f"item_{n}_amount" not in self.errors:
                self.add_error(f"item_{n}_amount", _("Vul het bedrag in."))
            elif amount is not None and not desc:
                self.add_error(f"item_{n}_description", _("Vul in waarvoor dit bedrag is."))
            elif desc and amount is not None:
                items.append((desc, amount))
        if not items and not self.errors:
            raise ValidationError(_("Vul ten minste één schadepost met bedrag in."))
        data["items"] = items
        return data

    def details(self) -> dict:
        return {"claim_date": self.cleaned_data["claim_date"], "items": self.cleaned_data["items"]}
