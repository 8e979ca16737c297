"""Forms for the actions on a decision: serve, extend, revoke, review, record, breach, pay."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import DutchTimeField
from gir.models import Location
from incidents.constants import AggressionForm
from sanctions.constants import (
    Attendance,
    PoliceOutcome,
    Receipt,
    ServiceMethod,
)
from sanctions.forms.fields import DayField, Form, TokenField, local_instant
from sanctions.models import local_today
from sanctions.services.bans import find_overlap


class ServeForm(Form):
    method = forms.ChoiceField(
        label=_("Hoe is het verbod uitgereikt"), choices=ServiceMethod.choices, widget=forms.RadioSelect
    )
    served_on = DayField(label=_("Datum uitgereikt of verstuurd"))
    receipt = forms.ChoiceField(
        label=_("Bij persoonlijk overhandigen"),
        choices=Receipt.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    tracking_number = forms.CharField(
        label=_("Zendingnummer aangetekende brief"), max_length=60, required=False
    )

    def __init__(self, *args, ban=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ban = ban

    def clean(self):
        data = super().clean()
        method, day = data.get("method"), data.get("served_on")
        if method == ServiceMethod.IN_PERSON and not data.get("receipt"):
            self.add_error("receipt", _("Geef aan of de ontvangst is getekend of geweigerd."))
        if method == ServiceMethod.REGISTERED_MAIL and not data.get("tracking_number", "").strip():
            self.add_error("tracking_number", _("Vul het zendingnummer van de aangetekende brief in."))
        if day and day > local_today():
            self.add_error(
                "served_on", _("Deze datum ligt in de toekomst. Leg het uitreiken vast als het is gebeurd.")
            )
        if day and self.ban is not None and day > self.ban.measure.ends_on:
            self.add_error("served_on", _("Deze datum ligt na de einddatum van het verbod."))
        return data


class ExtendForm(Form):
    new_end = DayField(label=_("Nieuwe einddatum"))
    reason = forms.CharField(
        label=_("Waarom verlengen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, ban, **kwargs):
        super().__init__(*args, **kwargs)
        self.ban = ban

    def clean_new_end(self):
        day = self.cleaned_data["new_end"]
        measure = self.ban.measure
        if day <= measure.ends_on:
            raise ValidationError(
                _("Kies een datum na de huidige einddatum (%(end)s).")
                % {"end": f"{measure.ends_on:%d-%m-%Y}"}
            )
        other = find_overlap(
            aggressor=measure.aggressor,
            starts_on=measure.starts_on,
            ends_on=day,
            all_locations=self.ban.all_locations,
            location_ids=self.ban.location_links.values_list("location_id", flat=True),
            exclude_pk=self.ban.pk,
        )
        if other is not None:
            raise ValidationError(
                _("De verlenging overlapt met toegangsverbod %(ref)s.") % {"ref": other.measure.reference}
            )
        return day


class ReasonForm(Form):
    """One "why" text box; each page may ask its own question, with its own limit and message."""

    reason = forms.CharField(label=_("Waarom"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, label=None, required_message=None, max_length=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if label:
            field.label = label
        if required_message:
            field.error_messages["required"] = required_message
        if max_length:  # the validator carries the limit; the attribute keeps the browser in step
            field.max_length = max_length
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(max_length))
            field.widget.attrs["maxlength"] = str(max_length)
        field.help_text = help_text


class ReviewForm(Form):
    note = forms.CharField(
        label=_("Uitkomst van de beoordeling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Bijvoorbeeld: het verbod loopt af zoals gepland."),
    )


class OrdegesprekRecordForm(Form):
    attendance = forms.ChoiceField(
        label=_("Is de persoon gekomen"), choices=Attendance.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    agreements = forms.CharField(
        label=_("Afspraken"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("attendance") == Attendance.ATTENDED and not data.get("outcome", "").strip():
            self.add_error("outcome", _("Schrijf kort op hoe het gesprek is gegaan."))
        return data


class BreachForm(Form):
    token = TokenField()
    occurred_date = DayField(label=_("Datum"))
    occurred_time = DutchTimeField(label=_("Tijd"))
    location = forms.ModelChoiceField(
        label=_("Gebouw of balie"), queryset=None, required=False, empty_label=_("Kies een locatie")
    )
    place = forms.CharField(label=_("Plek in het gebouw"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Wat is er gebeurd"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_("Wat deed de persoon, wat heeft u gezegd of gedaan, wie waren erbij?"),
    )
    aggression_forms = forms.MultipleChoiceField(
        label=_("Was er ook agressie"),
        choices=[(c, lbl) for c, lbl in AggressionForm.choices if c != AggressionForm.OTHER],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(is_active=True).select_related("parent")
        now = timezone.localtime()
        self.fields["occurred_date"].initial = now.date()
        self.fields["occurred_time"].initial = now.strftime("%H:%M")

    def clean(self):
        data = super().clean()
        day, time = data.get("occurred_date"), data.get("occurred_time")
        if day and time:
            at = local_instant(day, time)
            if at > timezone.now() + timedelta(minutes=5):
                self.add_error(
                    "occurred_date",
                    _("Dit tijdstip ligt in de toekomst. Vul in wanneer de persoon binnenkwam."),
                )
            data["occurred_at"] = at
        return data


class PoliceOutcomeForm(Form):
    # The last history row the user saw: a change in between means someone else saved first.
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    police_number = forms.CharField(label=_("Registratienummer politie"), max_length=60, required=False)
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=PoliceOutcome.choices)
    outcome_on = DayField(label=_("Datum uitkomst"), required=False)
    outcome_note = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )

    def clean_outcome_on(self):
        day = self.cleaned_data.get("outcome_on")
        if day and day > local_today():
            raise ValidationError(
                _("Deze datum ligt in de toekomst. Vul de datum in waarop u de uitkomst hoorde.")
            )
        return day


class PaymentForm(Form):
    paid_on = DayField(label=_("Ontvangen op"))
    amount = forms.DecimalField(
        label=_("Bedrag in euro"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label=_("Opmerking"), max_length=200, required=False)

    def clean_paid_on(self):
        day = self.cleaned_data["paid_on"]
        if day > local_today():
            raise ValidationError(
                _("Deze datum ligt in de toekomst. Vul de datum in waarop het geld binnenkwam.")
            )
        return day


class OrdegesprekPlanForm(Form):
    planned_date = DayField(label=_("Nieuwe datum"))
    planned_time = DutchTimeField(label=_("Nieuwe tijd"))
    place = forms.CharField(label=_("Plaats"), max_length=200)
    attendees = forms.CharField(
        label=_("Wie zijn erbij"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    reason = forms.CharField(label=_("Waarom verplaatsen"), max_length=300)

    def clean(self):
        data = super().clean()
        day, time = data.get("planned_date"), data.get("planned_time")
        if day and time:
            data["planned_at"] = local_instant(day, time)
            if data["planned_at"] < timezone.now():
                self.add_error(
                    "planned_date",
                    _("Dit tijdstip is al voorbij. Kies een datum en tijd die nog moeten komen."),
                )
        return data


class BreachFindForm(Form):
    name = forms.CharField(
        label=_("Naam van de persoon"),
        min_length=3,
        max_length=100,
        help_text=_("Typ de achternaam, eventueel met voornaam."),
    )
