from datetime import timedelta

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from gir.models import Department, Location, Organisation, Signatory, User
from gir.roles import ROLE_DESCRIPTIONS
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
    roles = forms.ModelMultipleChoiceField(
        label=_("Rollen"),
        queryset=Group.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Laat leeg om het wachtwoord niet te veranderen. Minimaal 12 tekens."),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each role says what it may do, so the beheerder chooses knowingly.
        self.fields["roles"].label_from_instance = lambda group: (
            f"{group.name}: {ROLE_DESCRIPTIONS[group.name]}"
            if group.name in ROLE_DESCRIPTIONS
            else group.name
        )
        if self.instance.pk:
            self.fields["roles"].initial = self.instance.groups.all()
        self.fields["email"].required = True

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            password_validation.validate_password(password, self.instance)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        elif not user.pk:
            user.set_unusable_password()
        if commit:
            user.save()
            user.groups.set(self.cleaned_data["roles"])
        return user


class DeputyPeriodForm(forms.Form):
    """A manager names who stands in for them during leave (gir.deputies)."""

    use_required_attribute = False  # no red fields before typing; aria-required stays

    deputy = forms.ModelChoiceField(
        label=_("Wie vervangt u?"),
        queryset=User.objects.none(),
        error_messages={"required": _("Kies wie u vervangt.")},
    )
    starts_on = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
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
