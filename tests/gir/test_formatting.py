"""The fast date text (gir/formatting.py) says exactly what Django's date filter says."""

import datetime as dt

from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from gir.formatting import long_datetime


def test_long_datetime_is_the_date_filter_in_local_time():
    with translation.override("nl"):
        for month in range(1, 13):
            for day, hour, minute in [(1, 0, 5), (28, 23, 59), (15, 9, 0)]:
                instant = dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)
                expected = date_filter(timezone.localtime(instant), "j F Y, H:i")
                assert long_datetime(instant) == expected
                plain = date_filter(timezone.localtime(instant), "j F Y H:i")
                assert long_datetime(instant, " ") == plain
        assert long_datetime(dt.datetime(2026, 3, 3, 9, 5, tzinfo=dt.UTC)) == "3 maart 2026, 10:05"
        assert long_datetime(None) == ""
        assert long_datetime(dt.date(2026, 11, 30)) == "30 november 2026"


def test_short_dates_are_the_date_filter_in_local_time():
    from gir.formatting import short_date, short_datetime

    for month in (1, 3, 7, 10, 12):
        instant = dt.datetime(2026, month, 9, 23, 7, tzinfo=dt.UTC)
        assert short_datetime(instant) == date_filter(timezone.localtime(instant), "j-n-Y H:i")
        assert short_date(instant.date()) == date_filter(instant.date(), "j-n-Y")
        assert short_date(instant) == date_filter(timezone.localtime(instant), "j-n-Y")
    assert short_date(None) == short_datetime(None) == ""


def test_pk_url_is_reverse():
    from django.urls import reverse

    from gir.formatting import pk_url

    for name in ("incidents:detail", "sanctions:detail", "incidents:aggressor-detail", "letters:incident"):
        for pk in (1, 42, 987654321, 10**12):
            assert pk_url(name, pk) == reverse(name, args=[pk])
