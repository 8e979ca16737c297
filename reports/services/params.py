"""What a report is about (period, department) and whose scope it is computed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from gir.models import Department
from incidents.models import Incident

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def local_midnight(day: dt.date) -> dt.datetime:
    """Start of a local calendar day as an aware instant (right across DST changes)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


@dataclass(frozen=True)
class ReportParams:
    """A period of local calendar days, both ends included, and optionally one department."""

    date_from: dt.date
    date_to: dt.date
    department_id: int | None = None

    @classmethod
    def for_year(cls, year: int, department_id: int | None = None) -> ReportParams:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), department_id)

    @property
    def start(self) -> dt.datetime:
        return local_midnight(self.date_from)

    @property
    def end(self) -> dt.datetime:
        """Exclusive end: midnight after the last day."""
        return local_midnight(self.date_to + dt.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def is_calendar_year(self) -> bool:
        year = self.date_from.year
        return (self.date_from, self.date_to) == (dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def comparable(self) -> bool:
        """Shorter than a year and a day: earlier years' same period does not overlap."""
        return self.days <= 366

    def shifted(self, years: int) -> ReportParams:
        return ReportParams(
            shift_years(self.date_from, years), shift_years(self.date_to, years), self.department_id
        )

    def label(self) -> str:
        if self.is_calendar_year:
            return str(self.date_from.year)
        return f"{self.date_from:%d-%m-%Y} t/m {self.date_to:%d-%m-%Y}"

    def to_json(self) -> dict:
        return {
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "department": self.department_id,
        }

    @classmethod
    def from_json(cls, data: dict) -> ReportParams:
        return cls(
            dt.date.fromisoformat(data["date_from"]),
            dt.date.fromisoformat(data["date_to"]),
            data.get("department"),
        )


def can_view_reports(user) -> bool:
    return user.is_authenticated and (
        user.has_perm("reports.view_reports") or user.has_perm("reports.view_department_reports")
    )


def scoped_incidents(user) -> QuerySet:
    """Incidents a user's reports may count: all for the coordinator, else the managed departments.

    Reports count incidents of departments, never "what I reported": a manager's report is
    about the departments they manage (``Incident.objects.managed_by``).
    """
    if user.has_perm("reports.view_reports"):
        return Incident.objects.all()
    if user.has_perm("reports.view_department_reports"):
        return Incident.objects.managed_by(user)
    return Incident.objects.none()


def report_departments(user) -> QuerySet:
    """Departments the user may pick for a report."""
    if user.has_perm("reports.view_reports"):
        return Department.objects.all()
    if user.has_perm("reports.view_department_reports"):
        return Department.objects.filter(pk__in=user.managed_department_ids())
    return Department.objects.none()


def is_whole_organisation(user, params: ReportParams) -> bool:
    """True when the report covers every department: then only department cells are small."""
    return params.department_id is None and user.has_perm("reports.view_reports")


def incidents_for(user, params: ReportParams, *, period: bool = True) -> QuerySet:
    """The incidents a report counts: the user's scope, the department, and the period.

    A department outside the user's scope is a 404, also when crafted into the parameters.
    """
    qs = scoped_incidents(user)
    if params.department_id is not None:
        if not report_departments(user).filter(pk=params.department_id).exists():
            raise Http404
        qs = qs.filter(department_id=params.department_id)
    if period:
        qs = qs.filter(occurred_at__gte=params.start, occurred_at__lt=params.end)
    return qs
