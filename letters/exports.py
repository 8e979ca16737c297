"""CSV and XLSX export of the dispatch register.

Cells that a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage
return) get a leading apostrophe, so a name typed as ``=HYPERLINK(...)`` stays text (CSV
injection, OWASP).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADERS = [
    "Kenmerk brief",
    "Incident",
    "Soort brief",
    "Aan",
    "Afdeling",
    "Verzonden op",
    "Hoe",
    "Zendingnummer",
    "Vastgelegd door",
    "Vastgelegd op",
]


def escape_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(instant) -> str:
    return timezone.localtime(instant).strftime("%d-%m-%Y %H:%M") if instant else ""


def rows(dispatches: Iterable) -> Iterable[list[str]]:
    for d in dispatches:
        letter = d.letter
        yield [
            escape_cell(value)
            for value in [
                letter.reference,
                letter.incident.reference,
                letter.get_kind_display(),
                letter.aggressor.display_name,
                letter.incident.department.name,
                _local(d.dispatched_at),
                d.get_method_display(),
                d.tracking_number,
                d.recorded_by.get_full_name() or d.recorded_by.username,
                _local(d.recorded_at),
            ]
        ]


def to_csv(dispatches: Iterable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerows(rows(dispatches))
    # A byte-order mark so spreadsheet programs read the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(dispatches: Iterable) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Verzendregister")
    sheet.append(HEADERS)
    for row in rows(dispatches):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
