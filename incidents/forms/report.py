"""The two-minute short report."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gir.models import Department, Location
from incidents.constants import (
    LocationType,
    ReporterRole,
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


class ShortReportForm(PendingMixin):
    """The two-minute report (DESIGN.md step 1, minimal required)."""

    use_required_attribute = False  # no red fields before typing; aria-required stays

    TARGET_ME, TARGET_COLLEAGUE, TARGET_OFFICE_HOLDER = "mij", "collega", "bestuurder"

    occurred_at = local_datetime_field(_("Wanneer gebeurde het?"), help_text=_("Nu is al ingevuld."))
    location_type = forms.ChoiceField(
        label=_("Waar gebeurde het?"),
        choices=[("", _("Kies een plek")), *LocationType.choices],
        error_messages={"required": _("Kies de soort plek.")},
    )
    location = forms.ModelChoiceField(
        label=_("Gebouw of balie (niet verplicht)"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=_("Geen of weet ik niet"),
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
    aggressor_name = forms.CharField(
        label=_("Naam van de dader, als u die weet (niet verplicht)"),
        max_length=120,
        required=False,
        help_text=_("Uw leidinggevende zoekt met deze naam of de persoon al bekend is."),
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
        label=_("Afdeling (niet verplicht)"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("De afdeling van wie het overkwam"),
        help_text=_(
            "De leidinggevende van deze afdeling behandelt de melding. Laat dit staan: GIR kiest "
            "dan de afdeling van u of van de collega tegen wie het was gericht."
        ),
    )
    department_confirmed = forms.BooleanField(
        label=_("Ja, de melding hoort bij de afdeling die ik hierboven koos"),
        required=False,
        help_text=_(
            "Alleen nodig als u een andere afdeling kiest dan die van de collega. "
            "Dan gaat de melding naar de leidinggevende van de afdeling die u koos."
        ),
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
        "aggressor_name",
        "target",
        "colleague",
        "reporter_role",
        "office_holder_name",
        "office_holder_function",
        "department",
        "department_confirmed",
        "files",
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["location"].queryset = Location.objects.filter(is_active=True).select_related("parent")
        self.fields["colleague"].queryset = active_users().select_related("department")
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self.initial.setdefault("occurred_at", now_local_minute())

    def colleague_departments(self) -> dict[str, int]:
        """{user id: department id}, so the page can ask for confirmation only on a mismatch."""
        users = self.fields["colleague"].queryset.exclude(department=None)
        return {str(pk): department for pk, department in users.values_list("pk", "department_id")}

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
        self._check_department(data)
        return data

    def _check_department(self, data) -> None:
        """Another department than the colleague's sends the report to another manager: say so
        once and let the reporter confirm it, so a wrong pick is not accepted without a word."""
        colleague, department = data.get("colleague"), data.get("department")
        derived = colleague if data.get("target") == self.TARGET_COLLEAGUE and colleague else self.user
        if not department and derived is not None and not derived.department_id:
            self.add_error("department", _("Kies de afdeling waar de melding bij hoort."))
            return
        if data.get("target") != self.TARGET_COLLEAGUE or not colleague or not department:
            return
        if colleague.department_id in (None, department.pk) or data.get("department_confirmed"):
            return
        self.add_error(
            "department",
            _(
                "%(name)s werkt bij %(own)s. De melding gaat naar de leidinggevende van de afdeling "
                "die u kiest, en die moet de collega opvangen. Kies de afdeling van de collega, of "
                "vink hieronder aan dat het bij %(chosen)s hoort."
            )
            % {"name": colleague, "own": colleague.department, "chosen": department},
        )
