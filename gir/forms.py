from datetime import timedelta

from django import forms
from django.contrib.auth.models import Group
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from gir.models import Department, Location, Organisation, Signatory, User
from gir.roles import ROLE_DESCRIPTIONS, needs_confirmation
from gir.uploads import validate_image_upload

HOURS, DAYS, WEEKS = 3600, 86400, 604800
UNIT_LABELS = {HOURS: _("uren"), DAYS: _("dagen"), WEEKS: _("weken")}

# Each norm is edited as a whole number in the unit people use for it (48 uur, 5 dagen, 6 weken).
NORM_UNITS = {
    "reaction_norm": HOURS,
    "ordegesprek_norm": DAYS,
    "aftercare_talk1_norm": HOURS,
    "aftercare_talk2_norm": DAYS,
    "aftercare_talk3_norm": WEEKS,
    "police_report_norm": HOURS,
    "inspectorate_norm": HOURS,
    "ban_review_lead": DAYS,
    "ban_request_norm": DAYS,
    "reminder_lead": HOURS,
    "escalation_after": HOURS,
    "aftercare_reoffer_after": DAYS,
}


class DurationInUnitsField(forms.IntegerField):
    """A duration typed as a whole number of hours, days or weeks."""

    def __init__(self, *, unit: int, **kwargs):
        self.unit = unit
        super().__init__(min_value=1, max_value=10000, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, timedelta):
            return int(value.total_seconds() // self.unit)
        return value

    def clean(self, value):
        number = super().clean(value)
        return None if number is None else timedelta(seconds=number * self.unit)


class OrganisationForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, unit in NORM_UNITS.items():
            model_field = Organisation._meta.get_field(name)
            self.fields[name] = DurationInUnitsField(
                unit=unit,
                label=f"{capfirst(model_field.verbose_name)} ({UNIT_LABELS[unit]})",
                initial=self.instance and getattr(self.instance, name),
            )
        self.fields["minimum_ban_days"].min_value = 1

    class Meta:
        model = Organisation
        fields = [
            "name",
            "street",
            "postal_code",
            "city",
            "po_box",
            "phone",
            "email",
            "website",
            "logo",
            "reaction_norm",
            "ordegesprek_norm",
            "aftercare_talk1_norm",
            "aftercare_talk2_norm",
            "aftercare_talk3_norm",
            "police_report_norm",
            "inspectorate_norm",
            "minimum_ban_days",
            "ban_request_norm",
            "ban_review_lead",
            "reminder_lead",
            "escalation_after",
            "aftercare_reoffer_after",
        ]
        help_texts = {
            "po_box": _(
                "Dit adres gebruikt GIR voor aangiftes en op brieven, nooit het huisadres van een medewerker."
            ),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            return validate_image_upload(logo)
        return logo


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "managers", "is_active"]
        widgets = {"managers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managers"].queryset = User.objects.filter(is_active=True)


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "address", "parent", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Location.objects.filter(parent__isnull=True)


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["name", "function", "is_mayor", "user", "is_active"]


def _role_label(group) -> str:
    description = ROLE_DESCRIPTIONS.get(group.name)
    return f"{group.name}: {description}" if description else group.name


class UserForm(forms.ModelForm):
    """An account as the beheerder edits it: no password (a set-password link is sent instead),
    and never the beheerder's own roles (segregation of duties, ``gir.security.role_grants``)."""

    roles = forms.ModelMultipleChoiceField(
        label=_("Rollen"),
        queryset=Group.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Een rol met toegang tot persoonsgegevens gaat pas in als de coördinator hem bevestigt."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "department",
            "job_title",
            "phone",
            "is_active",
        ]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Each role says what it may do, so the beheerder chooses knowingly.
        self.fields["roles"].label_from_instance = _role_label
        if self.instance.pk:
            # Requested roles stay ticked: saving again keeps the request, unticking withdraws it.
            pending = Group.objects.filter(
                pk__in=self.instance.role_grants.filter(status="pending").values("role")
            )
            self.fields["roles"].initial = list(self.instance.groups.all()) + list(pending)
        self.fields["email"].required = True
        if actor is not None and actor.pk == self.instance.pk:
            self.fields["roles"].disabled = True
            self.fields["is_active"].disabled = True
            self.fields["roles"].help_text = _("Uw eigen rollen wijzigt een andere beheerder.")
        elif self.instance.pk and self._sees_personal_data():
            # The set-password link goes to this address: changing it would hand the account over.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "Dit account heeft een rol met toegang tot persoonsgegevens. "
                "Het e-mailadres verandert alleen via de identiteitsprovider of een nieuw account."
            )

    def _sees_personal_data(self) -> bool:
        return any(needs_confirmation(name) for name in self.instance.groups.values_list("name", flat=True))


class DeputyPeriodForm(forms.Form):
    """A manager names who stands in for them during leave (gir.deputies)."""

    use_required_attribute = False  # no red fields before typing; aria-required stays

    deputy = forms.ModelChoiceField(
        label=_("Wie vervangt u?"),
        queryset=User.objects.none(),
        error_messages={"required": _("Kies wie u vervangt.")},
        empty_label=_("Kies een leidinggevende"),
    )
    # Dutch text boxes (dd-mm-jjjj), not the browser's date picker (mm/dd/yyyy in English).
    starts_on = forms.DateField(label=_("Van"), **dutch_date_kwargs())
    ends_on = forms.DateField(label=_("Tot en met"), **dutch_date_kwargs())
    reason = forms.CharField(
        label=_("Reden (niet verplicht)"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld: verlof."),
    )

    def __init__(self, *args, manager=None, **kwargs):
        from gir.notifications import users_with_perm

        super().__init__(*args, **kwargs)
        holders = users_with_perm("gir.name_deputy").values("pk")
        queryset = User.objects.filter(pk__in=holders, is_active=True)
        self.fields["deputy"].queryset = queryset.exclude(pk=manager.pk) if manager else queryset

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        return data
