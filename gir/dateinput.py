"""Dutch date (and date-time) text inputs, whatever the browser's language.

A native ``<input type="date">`` shows the browser's format (mm/dd/yyyy in an English browser)
and its own picker. GIR shows dates as Dutch text, dd-mm-jjjj with a hint, and parses them on
the server; the ISO form stays accepted, so old links and bookmarks with 2026-11-30 still work.
Every date field a person types into uses these (filters, the short report, forms).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%Y-%m-%d"]
DATE_HINT = _("Dag-maand-jaar, bijvoorbeeld 30-11-2026.")
DATE_INVALID = _("Vul een datum in zoals 30-11-2026.")
_TEXT = {"autocomplete": "off", "spellcheck": "false"}


class DutchDateInput(forms.DateInput):
    """A text box showing dd-mm-jjjj."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({**_TEXT, "size": "10", "maxlength": "10", **(attrs or {})}, format="%d-%m-%Y")


class DutchDateTimeInput(forms.DateTimeInput):
    """A text box showing dd-mm-jjjj uu:mm ("30-11-2026 14:30")."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({**_TEXT, "size": "16", "maxlength": "20", **(attrs or {})}, format="%d-%m-%Y %H:%M")


def dutch_date_kwargs(help_text=None) -> dict:
    """Keyword arguments for a ``forms.DateField`` or a django-filter ``DateFilter``."""
    return {
        "widget": DutchDateInput(),
        "input_formats": DATE_FORMATS,
        "help_text": help_text or DATE_HINT,
        "error_messages": {"invalid": DATE_INVALID},
    }
