"""Deadline arithmetic across daylight-saving changes (DESIGN.md "Time")."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gir.deadlines.arithmetic import due_at, end_of_local_day, is_late, remind_at

AMS = ZoneInfo("Europe/Amsterdam")
H48 = timedelta(hours=48)


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 3, 28, 12, 0, tzinfo=AMS),  # Saturday before the spring change (29 March)
        datetime(2026, 3, 29, 1, 30, tzinfo=AMS),  # half an hour before clocks jump 02:00 → 03:00
        datetime(2026, 10, 24, 12, 0, tzinfo=AMS),  # Saturday before the autumn change (25 October)
        datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=AMS),  # the first 02:30 of the repeated hour
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS),  # the second 02:30
    ],
)
def test_48_hours_across_dst_is_172800_seconds(start):
    due = due_at(start, H48)
    assert (due - start).total_seconds() == 172_800
    assert (due.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 172_800


def test_48_hours_across_spring_change_reads_one_hour_later_on_the_wall_clock():
    start = datetime(2026, 3, 28, 12, 0, tzinfo=AMS)
    assert due_at(start, H48).astimezone(AMS).replace(tzinfo=None) == datetime(2026, 3, 30, 13, 0)


def test_48_hours_across_autumn_change_reads_one_hour_earlier_on_the_wall_clock():
    start = datetime(2026, 10, 24, 12, 0, tzinfo=AMS)
    assert due_at(start, H48).astimezone(AMS).replace(tzinfo=None) == datetime(2026, 10, 26, 11, 0)


def test_naive_start_is_refused():
    with pytest.raises(ValueError):
        due_at(datetime(2026, 3, 28, 12, 0), H48)


def test_reminder_never_before_start():
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert remind_at(start, start + timedelta(hours=1), timedelta(hours=4)) == start
    assert remind_at(start, start + H48, timedelta(hours=4)) == start + timedelta(hours=44)


@pytest.mark.parametrize(("day", "hours_in_day"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25)])
def test_a_ban_ends_at_local_midnight_on_dst_days(day, hours_in_day):
    end = end_of_local_day(day)
    assert end.astimezone(AMS).replace(tzinfo=None) == datetime.combine(
        day + timedelta(days=1), datetime.min.time()
    )
    assert (end - end_of_local_day(day - timedelta(days=1))) == timedelta(hours=hours_in_day)


def test_late_means_more_than_a_scan_interval_after():
    due = datetime(2026, 1, 1, tzinfo=UTC)
    assert not is_late(due, due + timedelta(minutes=2))
    assert is_late(due, due + timedelta(hours=3))
