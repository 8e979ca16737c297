"""Dutch date (and date-time) text inputs, whatever the browser's language.

A native ``<input type="date">`` shows the browser's format (mm/dd/yyyy in an English browser)
and its own picker. GIR shows dates as Dutch text, dd-mm-jjjj with a hint, and parses them on
the server; the ISO form stays accepted, so old links and bookmarks with 2026-11-30 still work.
Every date field a person types into uses these: ``DutchDateField``, ``DutchDateTimeField`` and
(for the time half of a date and time in two boxes) ``DutchTimeField`` in forms, and
``dutch_date_kwargs`` for a django-filter ``DateFilter``. A bad date gets a Dutch example as its
error, and the box shows again what the person typed.
"""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%Y-%m-%d"]
DATE_HINT = _("Dag-maand-jaar, bijvoorbeeld 30-11-2026.")
DATE_INVALID = _("Vul een datum in zoals 30-11-2026.")
DATETIME_FORMATS = [
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H.%M",
    "%d-%m-%Y, %H:%M",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d-%m-%y %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
TIME_HINT = _("Uren en minuten, bijvoorbeeld 14:30.")
TIME_INVALID = _("Vul een tijd in zoals 14:30.")
DATETIME_HINT = _("Dag-maand-jaar en tijd, bijvoorbeeld 30-11-2026 14:30.")
DATETIME_INVALID = _("Vul datum en tijd in zoals 30-11-2026 14:30.")
_TEXT = {"autocomplete": "off", "spellcheck": "false"}


class DutchDateInput(forms.DateInput):
    """A text box showing dd-mm-jjjj."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {**_TEXT, "size": "10", "maxlength": "10", "class": "gir-date", **(attrs or {})}
        super().__init__(attrs, format="%d-%m-%Y")


class DutchDateTimeInput(forms.DateTimeInput):
    """A text box showing dd-mm-jjjj uu:mm ("30-11-2026 14:30")."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {**_TEXT, "size": "16", "maxlength": "20", "class": "gir-datetime", **(attrs or {})}
        super().__init__(attrs, format="%d-%m-%Y %H:%M")


class DutchTimeInput(forms.TimeInput):
    """A text box showing uu:mm on the 24-hour clock (an English browser's time box shows AM/PM)."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {**_TEXT, "size": "5", "maxlength": "8", "class": "gir-time", **(attrs or {})}
        super().__init__(attrs, format="%H:%M")


def _hint(hint, help_text):
    """The format hint, then the field's own help text (if any)."""
    return format_lazy("{} {}", hint, help_text) if help_text else hint


def date_help_text(help_text):
    """A help text set on a ``DutchDateField`` after it was made keeps the format hint first."""
    return _hint(DATE_HINT, help_text)


class DutchDateField(forms.DateField):
    """A date typed as Dutch text; ``help_text`` is added after the format hint."""

    widget = DutchDateInput
    default_error_messages = {"invalid": DATE_INVALID}

    def __init__(self, *, help_text="", **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(help_text=_hint(DATE_HINT, help_text), **kwargs)


class DutchDateTimeField(forms.DateTimeField):
    """A date and time typed as Dutch text, in one box ("30-11-2026 14:30"), local time."""

    widget = DutchDateTimeInput
    default_error_messages = {"invalid": DATETIME_INVALID}

    def __init__(self, *, help_text="", **kwargs):
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        super().__init__(help_text=_hint(DATETIME_HINT, help_text), **kwargs)


class DutchTimeField(forms.TimeField):
    """A time of day typed as text, 24-hour clock ("14:30" or "14.30"): the time half of a
    date and time asked in two boxes."""

    widget = DutchTimeInput
    default_error_messages = {"invalid": TIME_INVALID}

    def __init__(self, *, help_text="", **kwargs):
        kwargs.setdefault("input_formats", TIME_FORMATS)
        super().__init__(help_text=_hint(TIME_HINT, help_text), **kwargs)


def dutch_date_kwargs(help_text=None) -> dict:
    """Keyword arguments for a ``forms.DateField`` or a django-filter ``DateFilter``."""
    return {
        "widget": DutchDateInput(),
        "input_formats": DATE_FORMATS,
        "help_text": help_text or DATE_HINT,
        "error_messages": {"invalid": DATE_INVALID},
    }
