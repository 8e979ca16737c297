"""Deadline arithmetic: pure functions, no database, no clock of their own.

Rules (DESIGN.md "Time"):
- All instants are timezone-aware and computed in UTC. A norm of "48 hours" is 48 real
  hours (172,800 seconds), also across the daylight-saving changes of March and October:
  adding a ``timedelta`` to an aware UTC instant never shifts with local wall-clock time.
- Norms in days or weeks for talks (5 days, 6 weeks) are also elapsed time from the incident.
- A period that ends "on a date" (an access ban) ends at the local midnight (Europe/Amsterdam)
  that closes that date, whatever its UTC offset is on that day.
- A reminder is due ``lead`` before the deadline, but never before the deadline started.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("Deadline arithmetic needs timezone-aware datetimes")


def due_at(start: datetime, norm: timedelta) -> datetime:
    """The instant ``norm`` of real time after ``start``."""
    _require_aware(start)
    return start.astimezone(UTC) + norm


def remind_at(start: datetime, due: datetime, lead: timedelta) -> datetime:
    """When to remind: ``lead`` before ``due``, clamped to the start."""
    _require_aware(start)
    _require_aware(due)
    return max(start.astimezone(UTC), due.astimezone(UTC) - lead)


def end_of_local_day(day: date) -> datetime:
    """The UTC instant of the local midnight that ends ``day`` (start of the next day)."""
    next_midnight = datetime.combine(day + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)
    return next_midnight.astimezone(UTC)


def start_of_local_day(day: date) -> datetime:
    """The UTC instant of the local midnight that starts ``day``."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ).astimezone(UTC)


def is_late(due: datetime, handled: datetime, tolerance: timedelta = timedelta(minutes=5)) -> bool:
    """Whether a notice was acted on later than a normal scan interval after it was due."""
    return handled - due > tolerance
