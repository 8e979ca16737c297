"""The subject-access answer as a letter a person can read (B1 Dutch), rendered to PDF."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from gir.models import Organisation

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}.*)?$")


def _readable(value):
    """The export's data with every ISO date or time written the Dutch way (30-11-2026 13:40)."""
    if isinstance(value, dict):
        return {key: _readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_readable(item) for item in value]
    if isinstance(value, str) and ISO.match(value):
        if "T" not in value:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        return timezone.localtime(datetime.fromisoformat(value)).strftime("%d-%m-%Y %H:%M")
    return value


def letter_html(data: dict) -> str:
    context = {"data": _readable(data), "organisation": Organisation.get()}
    return render_to_string("privacy/subject_access_letter.html", context)


PAGE_CSS = """
@page { size: A4; margin: 18mm 20mm 20mm 25mm;
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 8pt; } }
"""


def render_letter(data: dict) -> bytes:
    from gir.pdf import render_to_pdf

    return render_to_pdf(letter_html(data), css=PAGE_CSS)
