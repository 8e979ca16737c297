"""Dates in words for long lists, without Django's per-call formatting cost.

Django's ``date`` filter and ``formats.date_format`` build a formatter per call and translate
the month name each time (a lazy string cast through gettext): on a dossier with a hundred
deadlines that was about 200 such calls and a sixth of the page's CPU. ``long_datetime`` gives
the same text as ``date:"j F Y, H:i"`` ("3 november 2026, 09:05") from month names translated
once per language.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language

_MONTHS: dict[str | None, dict[int, str]] = {}  # per language; MONTHS are lazy translations


def _months() -> dict[int, str]:
    language = get_language()
    if language not in _MONTHS:
        _MONTHS[language] = {number: str(name) for number, name in MONTHS.items()}
    return _MONTHS[language]


def long_datetime(instant: dt.datetime | None) -> str:
    """``date:"j F Y, H:i"`` in local time; "" for no instant."""
    if instant is None:
        return ""
    if not isinstance(instant, dt.datetime):  # a date: no time to show
        return f"{instant.day} {_months()[instant.month]} {instant.year}"
    if timezone.is_aware(instant):
        instant = timezone.localtime(instant)
    return f"{instant.day} {_months()[instant.month]} {instant.year}, {instant:%H:%M}"
