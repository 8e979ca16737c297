"""Forms of the letters app. They validate and normalise; services write."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import DutchDateField, DutchDateTimeField, DutchTimeField
from gir.models import Signatory
from gir.richtext import RichTextarea
from letters import merge_fields as mf
from letters.constants import COPY_HELP, DEFAULT_COPIES, Copy, DispatchMethod
from letters.models import FINAL_LETTER_MESSAGE
from letters.sanitize import clean_html
from letters.templating import validate_template


def _validated(value: str) -> str:
    validate_template(value)
    return value


def _merge_fields() -> list[dict]:
    """The fields a template may use, as the editor's "Veld invoegen" list."""
    return [{"code": "{{ " + field.path + " }}", "label": field.label} for field in mf.FIELDS]


class TemplateVersionForm(forms.Form):
    """The coordinator's editor: saving adds a version; "Voorbeeld" only renders a preview."""

    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        help_text=_("Mag velden bevatten, bijvoorbeeld {{ incident.kenmerk }}."),
    )
    body = forms.CharField(
        label=_("Tekst van de brief"),
        max_length=20_000,
        widget=RichTextarea(attrs={"rows": 20}, merge_fields=_merge_fields()),
        help_text=_(
            "Voeg gegevens van het incident in met de knop Veld invoegen. Briefhoofd, datum, kenmerk, "
            "ondertekening en de privacytekst zet GIR er zelf bij."
        ),
    )
    note = forms.CharField(label=_("Wat heeft u veranderd?"), max_length=200, required=False)

    def clean_subject(self):
        return _validated(self.cleaned_data["subject"])

    def clean_body(self):
        return _validated(clean_html(self.cleaned_data["body"]))


def _detail_field(path: str, required: bool) -> forms.Field:
    field = mf.FIELD_BY_PATH[path]
    label = str(field.label)
    label = label[0].upper() + label[1:]
    common = {"label": label, "required": required}
    if field.kind == "date":
        return DutchDateField(**common)
    if field.kind == "time":
        return DutchTimeField(**common)
    if field.kind == "amount":
        return forms.DecimalField(
            max_digits=10,
            decimal_places=2,
            min_value=Decimal("0.01"),
            max_value=Decimal("99999999.99"),
            **common,
        )
    if field.kind == "multiline":
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=300, **common)


def field_name(path: str) -> str:
    return path.replace(".", "__")


# Dates the recipient still has to act on; they cannot lie in the past.
FUTURE_DATES = {
    "uitnodiging_ordegesprek": ["ordegesprek.datum"],
    "voornemen_toegangsverbod": ["reactie.uiterlijk"],
    "verklaring_bezoek": ["bezoek.datum"],
    "aansprakelijkstelling_schade": ["schade.betalen_voor"],
}

SUMMARY_HELP = _(
    "Schrijf in een of twee zinnen wat er gebeurde, voor de ontvanger. Noem geen namen van medewerkers."
)


class LetterCreateForm(forms.Form):
    """A new letter of one kind: addressee, signatory, privacy choice and the letter's details."""

    use_required_attribute = False  # no red fields before typing; aria-required stays

    aggressor = forms.ModelChoiceField(label=_("Aan (de dader)"), queryset=None, empty_label=None)
    signatory = forms.ModelChoiceField(label=_("Ondertekenaar"), queryset=None, empty_label=None)
    include_victim = forms.BooleanField(
        label=_("Naam van de medewerker in de brief zetten"),
        required=False,
        initial=False,
        help_text=_(
            "Standaard niet. Alleen als de medewerker dat goed vindt. Een huisadres van een medewerker komt "
            "nooit in een brief."
        ),
    )

    def __init__(self, *args, kind: str, aggressors, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["aggressor"].queryset = aggressors
        self.fields["aggressor"].label_from_instance = lambda a: a.display_name
        self.fields["signatory"].queryset = Signatory.objects.filter(is_active=True)
        required = mf.KIND_REQUIRED.get(kind, set())
        for path in mf.KIND_DETAILS.get(kind, []):
            self.fields[field_name(path)] = _detail_field(path, path in required)
        if field_name("incident.samenvatting") in self.fields:
            self.fields[field_name("incident.samenvatting")].help_text = SUMMARY_HELP

    def detail_paths(self) -> list[str]:
        return list(mf.KIND_DETAILS.get(self.kind, []))

    def clean(self):
        data = super().clean()
        start, end = data.get(field_name("verbod.begindatum")), data.get(field_name("verbod.einddatum"))
        if start and end and end < start:
            self.add_error(
                field_name("verbod.einddatum"),
                _("De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum."),
            )
        today = timezone.localdate()
        for path in FUTURE_DATES.get(self.kind, ()):
            value = data.get(field_name(path))
            if value and value < today:
                self.add_error(
                    field_name(path), _("Deze datum ligt in het verleden. Kies vandaag of een latere datum.")
                )
        return data

    def details(self) -> dict:
        return {path: self.cleaned_data.get(field_name(path)) for path in self.detail_paths()}


class LetterEditForm(forms.Form):
    """Editing a concept: the merged subject and body, and the signatory."""

    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body_html = forms.CharField(
        label=_("Tekst van de brief"),
        max_length=40_000,
        widget=RichTextarea(attrs={"rows": 20}),
        help_text=_("Maak tekst vet, een kopje of een opsomming met de knoppen boven het tekstvak."),
    )
    signatory = forms.ModelChoiceField(label=_("Ondertekenaar"), queryset=None, empty_label=None)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, letter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.fields["signatory"].queryset = Signatory.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if self.letter is not None and self.letter.is_final:
            raise ValidationError(FINAL_LETTER_MESSAGE)
        return data

    def clean_body_html(self):
        body = clean_html(self.cleaned_data["body_html"])
        if not body.strip():
            raise ValidationError(_("De brief heeft geen tekst."))
        return body

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())
        if "{{" in subject or "{%" in subject:
            raise ValidationError(
                _("In het onderwerp staat nog een veld met {{ of {%. Vervang het door gewone tekst.")
            )
        return subject


def _copy_choices():
    return [(c.value, COPY_HELP[c]) for c in Copy]


class CopiesForm(forms.Form):
    copies = forms.MultipleChoiceField(
        label=_("Welke exemplaren?"),
        choices=_copy_choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[c.value for c in DEFAULT_COPIES],
        error_messages={"required": _("Kies ten minste één exemplaar.")},
    )


class FinaliseForm(CopiesForm):
    confirm = forms.BooleanField(
        label=_("Ik heb de brief gecontroleerd. Ik weet dat hij daarna niet meer kan veranderen."),
        error_messages={"required": _("Vink aan dat u de brief heeft gecontroleerd.")},
    )


class DispatchForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    method = forms.ChoiceField(
        label=_("Hoe is de brief verzonden?"), choices=DispatchMethod.choices, widget=forms.RadioSelect
    )
    dispatched_at = DutchDateTimeField(label=_("Wanneer?"))
    tracking_number = forms.CharField(
        label=_("Zendingnummer (bij aangetekende post)"), max_length=60, required=False
    )
    email = forms.EmailField(label=_("E-mailadres (bij verzending per e-mail)"), required=False)
    note = forms.CharField(
        label=_("Opmerking"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld wie de ontvangst tekende of waarom tekenen werd geweigerd."),
    )

    def __init__(self, *args, not_before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_before = not_before
        if not self.is_bound:
            self.initial.setdefault("dispatched_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean_dispatched_at(self):
        at = self.cleaned_data["dispatched_at"]
        if at > timezone.now() + timedelta(minutes=5):
            raise ValidationError(
                _("Dit moment ligt in de toekomst. Leg de verzending vast als hij gebeurd is.")
            )
        if self.not_before and at < self.not_before:
            raise ValidationError(
                _(
                    "Dit moment ligt vóór het incident. "
                    "Vul in wanneer de brief echt is verzonden of overhandigd."
                )
            )
        return at

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == DispatchMethod.REGISTERED and not data.get("tracking_number", "").strip():
            self.add_error("tracking_number", _("Vul het zendingnummer van de aangetekende brief in."))
        if method == DispatchMethod.EMAIL and not data.get("email"):
            self.add_error("email", _("Vul het e-mailadres in waarnaar de brief is gestuurd."))
        return data
