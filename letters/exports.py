"""The dispatch register as a table: its headers and rows, exported by ``gir.exports``
(CSV, XLSX or ODS, with spreadsheet formulas neutralised there)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

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


def _local(instant) -> str:
    return timezone.localtime(instant).strftime("%d-%m-%Y %H:%M") if instant else ""


def rows(dispatches: Iterable) -> Iterable[list[str]]:
    for d in dispatches:
        letter = d.letter
        yield [
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
