"""Forms of the incident registration. They validate and normalise; services write."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gir.models import Department, Location
from gir.uploads import validate_image_upload
from incidents.constants import (
    AggressionForm,
    InvolvementRole,
    LocationType,
    PolicePlan,
    ReporterRole,
    Status,
    VictimKind,
)
from incidents.models import Aggressor, Incident

EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(0))
CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock a few minutes ahead is not "the future"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def local_datetime_field(label, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M"],
        **kwargs,
    )


def now_local_minute() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


def check_past(value: datetime | None, message=None) -> datetime | None:
    """Not in the future (a few minutes of clock skew are set to now) and not before 2000."""
    if value is None:
        return value
    now = timezone.now()
    if value > now + CLOCK_SKEW:
        raise ValidationError(message or _("Dit tijdstip ligt in de toekomst. Vul in wanneer het gebeurde."))
    if value < EARLIEST:
        raise ValidationError(_("Vul een datum na 1 januari 2000 in."))
    return min(value, now)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each file is checked by the evidence service."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


def files_field(label=None) -> MultipleFileField:
    return MultipleFileField(
        label=label or _("Foto's, schermafbeeldingen of opnames (niet verplicht)"),
        required=False,
        help_text=format_lazy(
            _(
                "JPEG, PNG, PDF, geluid (mp3, wav, ogg, m4a) of video (mp4, mov, webm). "
                "Ten hoogste {mb} MB per bestand en 20 bestanden per incident."
            ),
            mb=settings.GIR_UPLOAD_MAX_BYTES // (1024 * 1024),
        ),
    )


class PendingMixin(forms.Form):
    """Carries the ids of files already accepted, so a form error keeps them."""

    pending = forms.CharField(required=False, widget=forms.HiddenInput)

    def pending_ids(self) -> list[str]:
        raw = self.data.get("pending", "") if self.is_bound else ""
        return [part for part in str(raw).split(",") if part.strip().isdigit()][:20]


def forms_field(label, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=AggressionForm.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"required": _("Kies een of meer vormen.")},
    )


def active_users():
    return get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name() or obj.username}" + (
            f" ({obj.department})" if obj.department_id else ""
        )


class ShortReportForm(PendingMixin):
    """The two-minute report (DESIGN.md step 1, minimal required)."""

    use_required_attribute = False  # no red fields before typing; aria-required stays

    TARGET_ME, TARGET_COLLEAGUE, TARGET_OFFICE_HOLDER = "mij", "collega", "bestuurder"

    occurred_at = local_datetime_field(
        _("Wanneer gebeurde het?"), help_text=_("Datum en tijd. Nu is al ingevuld.")
    )
    location_type = forms.ChoiceField(
        label=_("Waar gebeurde het?"),
        choices=[("", _("Kies een plek")), *LocationType.choices],
        error_messages={"required": _("Kies de soort plek.")},
    )
    location = forms.ModelChoiceField(
        label=_("Gebouw of balie (niet verplicht)"), queryset=Location.objects.none(), required=False
    )
    place = forms.CharField(
        label=_("Plaats of adres (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld de straat bij een huisbezoek, of de naam van het sociale medium."),
    )
    description = forms.CharField(
        label=_("Beschrijf kort wat er gebeurde"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Wie deed wat, waarmee, en waarom denkt u? Een paar zinnen is genoeg."),
        error_messages={"required": _("Schrijf in een paar zinnen wat er gebeurde.")},
    )
    target = forms.ChoiceField(
        label=_("Tegen wie was het gericht?"),
        choices=[
            (TARGET_ME, _("Tegen mij")),
            (TARGET_COLLEAGUE, _("Tegen een collega")),
            (TARGET_OFFICE_HOLDER, _("Tegen een bestuurder (burgemeester, wethouder, raadslid)")),
        ],
        widget=forms.RadioSelect,
        initial=TARGET_ME,
    )
    colleague = UserChoiceField(
        label=_("Welke collega?"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Alleen als het tegen een collega was."),
    )
    reporter_role = forms.ChoiceField(
        label=_("Hoe was u erbij?"),
        choices=[
            (ReporterRole.WITNESS, _("Ik was getuige")),
            (ReporterRole.MANAGER, _("Ik meld als leidinggevende")),
        ],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Alleen als u meldt voor een ander."),
    )
    office_holder_name = forms.CharField(
        label=_("Naam van de bestuurder"),
        max_length=120,
        required=False,
        help_text=_("Alleen bij een bestuurder."),
    )
    office_holder_function = forms.CharField(
        label=_("Functie van de bestuurder"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld wethouder."),
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.none(),
        help_text=_("De afdeling van wie het overkwam."),
    )
    files = files_field()
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # Named like the model relation; defined last because the name shadows the module here.
    forms = forms_field(_("Wat gebeurde er?"), _("Kies alles wat past."))

    field_order = [
        "occurred_at",
        "location_type",
        "location",
        "place",
        "forms",
        "description",
        "target",
        "colleague",
        "reporter_role",
        "office_holder_name",
        "office_holder_function",
        "department",
        "files",
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(is_active=True).select_related("parent")
        self.fields["colleague"].queryset = active_users().select_related("department")
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        if user is not None and not self.is_bound:
            self.initial.setdefault("department", user.department_id)
        self.initial.setdefault("occurred_at", now_local_minute())

    def clean_occurred_at(self):
        return check_past(self.cleaned_data.get("occurred_at"))

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target == self.TARGET_COLLEAGUE and not data.get("colleague"):
            self.add_error("colleague", _("Kies de collega tegen wie het gericht was."))
        if target in (self.TARGET_COLLEAGUE, self.TARGET_OFFICE_HOLDER) and not data.get("reporter_role"):
            self.add_error("reporter_role", _("Kies of u getuige was of meldt als leidinggevende."))
        if target == self.TARGET_OFFICE_HOLDER and not data.get("office_holder_name", "").strip():
            self.add_error("office_holder_name", _("Vul de naam van de bestuurder in."))
        return data


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


class AggressorForm(forms.ModelForm):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Aggressor
        fields = [
            "last_name",
            "initials",
            "first_name",
            "date_of_birth",
            "street",
            "postal_code",
            "city",
            "client_number",
            "description",
            "photo",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.FileInput,
        }
        help_texts = {
            "description": _("Uiterlijk, kleding, stem: zo kan de dader later worden herkend."),
            "photo": _("JPEG of PNG. Alleen als er een rechtmatige bron is, zoals een identiteitsbewijs."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        if value and value.year < 1900:
            raise ValidationError(_("Vul een geboortedatum na 1900 in."))
        return value

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            return validate_image_upload(photo)
        return None

    def clean(self):
        data = super().clean()
        if not data.get("last_name", "").strip() and not data.get("description", "").strip():
            raise ValidationError(
                _("Vul een achternaam in, of beschrijf de dader als de naam niet bekend is.")
            )
        return data

    def _post_clean(self):
        # Validation only; the service creates or updates the person.
        pass

    def data_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "photo"}


class AggressorSearchForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    name = forms.CharField(label=_("Naam"), max_length=120, required=False)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


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
