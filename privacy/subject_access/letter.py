"""The subject-access answer as a letter a person can read (B1 Dutch), rendered to PDF."""

from __future__ import annotations

from datetime import datetime

from django.template.loader import render_to_string

from gir.models import Organisation


def _date(value: str | None) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    return moment.strftime("%d-%m-%Y %H:%M") if "T" in value else moment.strftime("%d-%m-%Y")


def _dated(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    return [{**row, **{f"{key}_nl": _date(row.get(key)) for key in keys}} for row in rows]


def letter_html(data: dict) -> str:
    context = {
        "data": data,
        "organisation": Organisation.get(),
        "incidents": _dated(data["incidenten"], ("datum",)),
        "measures": _dated(data["maatregelen"], ("besloten_op",)),
        "letters": _dated(data["brieven"], ("datum",)),
        "consultations": _dated(data["raadplegingen"], ("datum",)),
        "made_on": _date(data["opgemaakt_op"]),
    }
    return render_to_string("privacy/subject_access_letter.html", context)


def render_letter(data: dict) -> bytes:
    from letters.pdf import render_pdf

    return render_pdf(letter_html(data))
