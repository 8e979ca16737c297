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


class ComparisonImportForm(forms.Form):
    """The coordinator's upload of another organisation's key figures. Validation only: the file
    is read and checked here (``comparison_file.read_kerncijfers``); the view stores it."""

    label = forms.CharField(
        label=_("Naam van de vergelijking"),
        max_length=80,
        help_text=_("Zo heet de kolom in het jaarverslag, bijvoorbeeld “Regio Utrecht 2025”."),
    )
    file = forms.FileField(
        label=_("Bestand met kerncijfers"),
        help_text=_("Een JSON- of CSV-bestand in het formaat gir-kerncijfers 1.0, hoogstens 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv,application/json,text/csv"}),
    )

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if label.startswith(("=", "+", "-", "@")) or any(c in label for c in "<>"):
            raise forms.ValidationError(_("Gebruik in de naam geen < of >, en begin niet met =, +, - of @."))
        if any(ord(c) < 32 for c in label):
            raise forms.ValidationError(_("De naam bevat tekens die niet mogen."))
        return label

    def clean_file(self):
        from reports.services.comparison_file import MAX_BYTES, ComparisonFileError, read_kerncijfers

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot. Een kerncijferbestand is hoogstens 1 MB.")
            )
        content = upload.read(MAX_BYTES + 1)
        try:
            figures, file_format = read_kerncijfers(content, upload.name or "")
        except ComparisonFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        self.cleaned_data.update(figures=figures, file_format=file_format, content=content)
        return upload


FOREWORD_MAX = 4000
COMMENT_MAX = 2000
TOO_LONG = _(
    "Deze tekst is te lang: hoogstens %(limit_value)d tekens, het zijn er nu %(show_value)d. "
    "Uw tekst staat er nog. Maak hem korter."
)
SUMMARY_KEY = "summary"
COMPARISON_KEY = "comparison"  # one commentary for the whole "Vergelijking met anderen"


def _text_field(label, limit: int, rows: int, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RunTextsForm(forms.Form):
    """The coordinator's foreword, commentary per section and signature for one report PDF.

    Plain text: an empty line starts a new paragraph; nothing typed is read as HTML. One
    commentary field per section of the report (``sections``: (key, title) pairs).
    """

    foreword = _text_field(
        _("Voorwoord"),
        FOREWORD_MAX,
        8,
        _("Komt na de titelpagina. Een lege regel begint een nieuwe alinea. Hoogstens 4000 tekens."),
    )
    signer_name = forms.CharField(label=_("Vastgesteld door (naam)"), required=False, max_length=120)
    signer_role = forms.CharField(label=_("Functie"), required=False, max_length=120)

    def __init__(self, *args, sections: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for key, title in sections:
            self.fields[self.comment_field(key)] = _text_field(
                _("Toelichting bij “%(title)s”") % {"title": title}, COMMENT_MAX, 2
            )

    @staticmethod
    def comment_field(key: str) -> str:
        return f"toelichting_{key}"

    def comment_fields(self):
        return [self[self.comment_field(key)] for key, _title in self.sections]

    def comment_sections(self) -> list[tuple[str, object, bool]]:
        """(section title, field, open?) per section: the page folds a box away unless it has
        text or an error, so twenty empty boxes do not fill the screen."""
        items = []
        for key, title in self.sections:
            field = self[self.comment_field(key)]
            items.append((title, field, bool(field.errors or (field.value() or "").strip())))
        return items

    def clean(self):
        data = super().clean()
        if data.get("signer_role") and not data.get("signer_name"):
            self.add_error("signer_name", _("Vul ook de naam in van wie het verslag vaststelt."))
        return data

    def texts(self) -> dict:
        """What the run stores: foreword, {section key: commentary} (empty ones left out), signer."""
        data = self.cleaned_data
        commentary = {key: data[self.comment_field(key)] for key, _t in self.sections}
        return {
            "foreword": data["foreword"],
            "commentary": {key: text for key, text in commentary.items() if text},
            "signer_name": data["signer_name"],
            "signer_role": data["signer_role"],
        }

    @classmethod
    def initial_from(cls, run) -> dict:
        """Start values taken over from an earlier run (a re-run starts from its texts)."""
        if run is None:
            return {}
        initial = {"foreword": run.foreword, "signer_name": run.signer_name, "signer_role": run.signer_role}
        initial.update({cls.comment_field(key): text for key, text in run.commentary.items()})
        return initial
