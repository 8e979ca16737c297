"""Aftercare forms: validate and normalise, never write."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercare.constants import CloseReason, ReferralKind, TalkOutcome
from aftercare.services import workers
from gir.dateinput import DutchDateField, DutchTimeField
from gir.deadlines.arithmetic import LOCAL_TZ
from gir.models import User

NOTE_MAX = 2000
PLAN_AHEAD = timedelta(days=366)


def _local(day, moment) -> datetime:
    return datetime.combine(day, moment, tzinfo=LOCAL_TZ)


class _IncidentBoundForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    def __init__(self, *args, occurred_at: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.occurred_at = occurred_at

    def _not_before_incident(self, instant: datetime, field: str) -> None:
        if instant < self.occurred_at:
            self.add_error(field, _("Deze datum ligt voor het incident. Kies een latere datum."))


class TalkPlanForm(_IncidentBoundForm):
    date = DutchDateField(label=_("Datum"))
    time = DutchTimeField(label=_("Begintijd"))
    minutes = forms.IntegerField(label=_("Duur in minuten"), min_value=15, max_value=240, initial=60)
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        help_text=_("Bijvoorbeeld een spreekkamer of 'beeldbellen'. Zet hier geen medische informatie."),
    )

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            start = _local(data["date"], data["time"])
            self._not_before_incident(start, "date")
            if start > timezone.now() + PLAN_AHEAD:
                self.add_error("date", _("Plan het gesprek binnen een jaar."))
            data["start"] = start
        return data


class TalkOutcomeForm(_IncidentBoundForm):
    outcome = forms.ChoiceField(
        label=_("Wat is er met dit gesprek gebeurd?"), choices=TalkOutcome.choices, widget=forms.RadioSelect
    )
    held_date = DutchDateField(
        label=_("Datum van het gesprek"),
        required=False,
        help_text=_("Alleen nodig als het gesprek is gehouden."),
    )
    held_time = DutchTimeField(label=_("Tijd van het gesprek"), required=False)
    note = forms.CharField(
        label=_("Vertrouwelijke notitie (alleen voor bedrijfsopvang)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kort en zakelijk. Alleen de bedrijfsopvang kan dit lezen."),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") != TalkOutcome.HELD:
            return data
        if not data.get("held_date"):
            self.add_error("held_date", _("Vul de datum in waarop het gesprek is gehouden."))
        if not data.get("held_time"):
            self.add_error("held_time", _("Vul de tijd in waarop het gesprek is gehouden."))
        if data.get("held_date") and data.get("held_time"):
            held = _local(data["held_date"], data["held_time"])
            self._not_before_incident(held, "held_date")
            if held > timezone.now() + timedelta(minutes=5):
                self.add_error("held_date", _("Een gehouden gesprek kan niet in de toekomst liggen."))
            data["held_at"] = held
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Vertrouwelijke notitie"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Alleen de bedrijfsopvang kan dit lezen."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Schrijf een notitie of ga terug."))
        return text


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Doorverwezen naar"), choices=ReferralKind.choices, widget=forms.RadioSelect
    )
    other = forms.CharField(label=_("Andere hulp, namelijk"), max_length=120, required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReferralKind.OTHER and not data.get("other", "").strip():
            self.add_error("other", _("Vul in naar welke hulp u heeft doorverwezen."))
        if data.get("kind") != ReferralKind.OTHER:
            data["other"] = ""
        return data


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden van afsluiten"), choices=CloseReason.choices, widget=forms.RadioSelect
    )


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(
        label=_("Contactpersoon"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nog niemand (het hele team)"),
    )

    def __init__(self, *args, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers(exclude=exclude)


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "min_value": _("Kies een jaar vanaf 2000."),
            "max_value": _("Kies een jaar tot en met 2100."),
        },
    )
