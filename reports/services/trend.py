"""Trends: five years side by side, for the annual report and the dashboards.

Each figure is one conditional aggregate over the user's scope (``scoped_incidents``), so a
manager's trend counts only their own departments. The tables go through
``reports.services.privacy.protect`` like every other table: organisation-wide only department
cells are sensitive; for a manager every cell is (ADR 0007).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.services.params import ReportParams, local_midnight, scoped_incidents
from reports.services.privacy import protect
from reports.services.tables import Table

YEARS = 5  # this period and the four before it


def _windows(params: ReportParams) -> list[ReportParams]:
    """The same period in each of the five years, oldest first."""
    return [params.shifted(k) for k in reversed(range(YEARS))]


def department_counts(scope: QuerySet, params: ReportParams) -> list[tuple[str, list[int]]]:
    """(department name, [incidents per year, oldest first]) for departments with any incident."""
    windows = _windows(params)
    aggregates = {
        f"y{i}": Count("pk", filter=Q(occurred_at__gte=w.start, occurred_at__lt=w.end))
        for i, w in enumerate(windows)
    }
    rows = (
        scope.filter(occurred_at__gte=windows[0].start, occurred_at__lt=params.end)
        .order_by()
        .values("department__name")
        .annotate(**aggregates)
        .order_by("department__name")
    )
    return [(row["department__name"], [row[f"y{i}"] for i in range(YEARS)]) for row in rows]


def department_trend_table(scope: QuerySet, params: ReportParams) -> Table | None:
    """Incidents per department in the same period of five years, side by side."""
    if not params.comparable:
        return None
    counts = department_counts(scope, params)
    rows = [[name, *values] for name, values in counts]
    return Table(
        "trend_departments",
        _("Trend per afdeling: vijf jaar naast elkaar"),
        [_("Afdeling"), *(w.label() for w in _windows(params))],
        rows,
        total=[_("Totaal"), *(sum(r[i] for r in rows) for i in range(1, YEARS + 1))],
        note=_(
            "Dezelfde periode in vijf jaren. Aantallen van 1 tot en met 4 staan als “< 5”, "
            "zodat niemand te herkennen is."
        ),
        sensitive=True,
        chart="lines",
    )


def _calendar_years(now: dt.datetime) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """(label, start, end) of this year so far and the four full years before it, oldest first."""
    year = timezone.localdate(now).year
    spans = []
    for y in range(year - YEARS + 1, year + 1):
        start = local_midnight(dt.date(y, 1, 1))
        end = now if y == year else local_midnight(dt.date(y + 1, 1, 1))
        spans.append((str(y) if y < year else _("%(year)s tot nu toe") % {"year": y}, start, end))
    return spans


def year_counts(scope: QuerySet, now: dt.datetime) -> list[tuple[str, int]]:
    """(label, incidents) for each of the five calendar years, oldest first."""
    spans = _calendar_years(now)
    aggregates = {
        f"y{i}": Count("pk", filter=Q(occurred_at__gte=start, occurred_at__lt=end))
        for i, (_label, start, end) in enumerate(spans)
    }
    result = scope.filter(occurred_at__gte=spans[0][1], occurred_at__lt=now).aggregate(**aggregates)
    return [(label, result[f"y{i}"]) for i, (label, _s, _e) in enumerate(spans)]


def dashboard_trend(user, now: dt.datetime | None = None) -> Table:
    """Incidents per calendar year in the user's scope, protected: the dashboards' trend."""
    now = now or timezone.now()
    rows = [[label, n] for label, n in year_counts(scoped_incidents(user), now)]
    table = Table(
        "dashboard_trend",
        _("Incidenten per jaar"),
        [_("Jaar"), _("Incidenten")],
        rows,
        note=_("Het laatste jaar loopt tot vandaag."),
        chart="line",
    )
    return protect(table, sensitive=not user.has_perm("reports.view_reports"))
