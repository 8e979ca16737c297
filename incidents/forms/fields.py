"""Field helpers shared by the incident forms: local date-times, several files, users."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gir.dateinput import DutchDateTimeField
from incidents.constants import MAX_EVIDENCE_PER_INCIDENT, AggressionForm

EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(0))
CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock a few minutes ahead is not "the future"


def local_datetime_field(label, **kwargs) -> forms.DateTimeField:
    # Dutch text whatever the browser's language: the one shared field of gir.dateinput.
    return DutchDateTimeField(label=label, **kwargs)


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
                "Ten hoogste {mb} MB per bestand en {max} bestanden per incident."
            ),
            mb=settings.GIR_UPLOAD_MAX_BYTES // (1024 * 1024),
            max=MAX_EVIDENCE_PER_INCIDENT,
        ),
    )


class PendingMixin(forms.Form):
    """Carries the ids of files already accepted, so a form error keeps them."""

    pending = forms.CharField(required=False, widget=forms.HiddenInput)

    def pending_ids(self) -> list[str]:
        raw = self.data.get("pending", "") if self.is_bound else ""
        return [part for part in str(raw).split(",") if part.strip().isdigit()][:MAX_EVIDENCE_PER_INCIDENT]


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


def user_label(first_name: str, last_name: str, username: str, department: str | None) -> str:
    """A colleague as a choice shows them: full name (or user name) and department."""
    name = f"{first_name} {last_name}".strip() or username  # as User.get_full_name
    return f"{name} ({department})" if department else name


class UserChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices from five columns per user, not a User and a Department object each: the
    report form lists every active colleague (hundreds; 760 objects were half its CPU)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list("pk", "first_name", "last_name", "username", "department__name")
        for pk, *label in rows:
            yield (pk, user_label(*label))


class UserChoiceField(forms.ModelChoiceField):
    """A colleague, shown as ``user_label`` (the iterator makes every label; validation still
    looks the chosen user up in the queryset)."""

    iterator = UserChoiceIterator
