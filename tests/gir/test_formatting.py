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
        assert long_datetime(dt.datetime(2026, 3, 3, 9, 5, tzinfo=dt.UTC)) == "3 maart 2026, 10:05"
        assert long_datetime(None) == ""
        assert long_datetime(dt.date(2026, 11, 30)) == "30 november 2026"
