"""The report's choices: a year or a period, and optionally one department. Validation only."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from reports.services.params import ReportParams, report_departments

MAX_DAYS = 10 * 366 + 1


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=2000,
        help_text=_("Kies een jaar, of vul hieronder een eigen periode in."),
    )
    date_from = forms.DateField(label=_("Van (datum)"), required=False, **dutch_date_kwargs())
    date_to = forms.DateField(label=_("Tot en met (datum)"), required=False, **dutch_date_kwargs())
    department = forms.ModelChoiceField(
        label=_("Afdeling"), required=False, queryset=None, empty_label=_("Alle afdelingen")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = report_departments(user)
        if not user.has_perm("reports.view_reports"):
            self.fields["department"].empty_label = _("Al mijn afdelingen")
        latest = timezone.localdate().year + 1
        self.fields["year"].validators.append(MaxValueValidator(latest))
        self.fields["year"].widget.attrs["max"] = latest

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if (start is None) != (end is None) and not self.errors:
            field = "date_to" if end is None else "date_from"
            self.add_error(field, _("Vul beide datums in, of geen van beide en kies een jaar."))
        if start and end:
            if end < start:
                self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("date_to", _("Kies een periode van hoogstens tien jaar."))
        return data

    def params(self) -> ReportParams:
        """The chosen period; without a choice, last year (the usual annual report)."""
        data = self.cleaned_data
        department = data.get("department")
        department_id = department.pk if department else None
        if data.get("date_from") and data.get("date_to"):
            return ReportParams(data["date_from"], data["date_to"], department_id)
        year = data.get("year") or default_year()
        return ReportParams.for_year(year, department_id)


def default_year() -> int:
    """In the first quarter the annual report is about the year before; later, this year so far."""
    today = timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


def params_query(params: ReportParams) -> str:
    """The GET query that reproduces ``params`` (for export links)."""
    query = {"date_from": params.date_from.isoformat(), "date_to": params.date_to.isoformat()}
    if params.department_id:
        query["department"] = params.department_id
    return urlencode(query)


class HeadcountForm(forms.Form):
    """The beheerder's number of employees for the organisation or one department in a year."""

    department = forms.ModelChoiceField(
        label=_("Afdeling"), required=False, queryset=None, empty_label=_("Hele organisatie")
    )
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    employees = forms.IntegerField(
        label=_("Aantal medewerkers"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("Het aantal medewerkers in dat jaar (personen, geen fte)."),
    )

    def __init__(self, *args, **kwargs):
        from gir.models import Department

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
