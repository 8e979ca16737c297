"""The dashboard figures: a handful of aggregates over the user's scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from gir.models import Deadline
from gir.stats import PRIMARY, THRESHOLD, suppress
from incidents.constants import Status
from reports.services.params import local_midnight, scoped_incidents, shift_years
from sanctions.models import Ban

RECENT = 10


def dashboard_figures(user, now: dt.datetime | None = None) -> dict:
    """This year so far against the same part of last year, open, overdue, bans.

    The raw counts, plus ``shown``: what the page may print (ADR 0007). Organisation-wide
    figures are plain totals; a department-scoped user's figures go through ``gir.stats.suppress``.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    scope = scoped_incidents(user)
    year_start = local_midnight(dt.date(today.year, 1, 1))
    last_year_start = local_midnight(dt.date(today.year - 1, 1, 1))
    last_year_now = local_midnight(shift_years(today, 1)) + (now - local_midnight(today))
    counts = scope.order_by().aggregate(
        this_year=Count("pk", filter=Q(occurred_at__gte=year_start, occurred_at__lte=now)),
        last_year=Count("pk", filter=Q(occurred_at__gte=last_year_start, occurred_at__lte=last_year_now)),
        open=Count("pk", filter=~Q(status=Status.CLOSED)),
    )
    scope_ids = scope.order_by().values("pk")
    counts["overdue"] = Deadline.objects.overdue(now).filter(incident_id__in=scope_ids).count()
    counts["bans"] = (
        Ban.objects.in_force(now)
        .filter(measure__incidents__in=scope_ids)
        .order_by()
        .values("pk")
        .distinct()
        .count()
    )
    from reports.services.trend import dashboard_trend

    shown = published(counts, organisation_wide=is_organisation_wide(user))
    return {**counts, **shown, "year": today.year, "trend": dashboard_trend(user, now)}


FIGURES = ("this_year", "last_year", "open", "overdue", "bans")


def is_organisation_wide(user) -> bool:
    return user.has_perm("reports.view_reports")


def published(counts: dict, *, organisation_wide: bool) -> dict:
    """``hidden`` (figure: PRIMARY/SECONDARY) and ``shown`` (figure: number or "< 5" / "×").

    The five figures are separate counts: none is published as the sum of others, so no sums
    are passed; should one ever be added (e.g. open = this year + older), pass it here.
    """
    values = {key: counts[key] for key in FIGURES}
    hidden = {} if organisation_wide else suppress(values, (), THRESHOLD)
    shown = {
        key: (f"< {THRESHOLD}" if hidden[key] == PRIMARY else "×") if key in hidden else value
        for key, value in values.items()
    }
    return {"hidden": hidden, "shown": shown, "suppressed": not organisation_wide}


def recent_incidents(user, limit: int = RECENT) -> list:
    """The latest incidents: reference, time, department, status, forms. No names.

    Organisation-wide only: for a department-scoped user the list would give the suppressed
    counts back (count the rows of this year, or the open ones). They have the inbox and list.
    """
    if not is_organisation_wide(user):
        return []
    return list(
        scoped_incidents(user)
        .select_related("department")
        .prefetch_related("forms")
        .order_by("-occurred_at")[:limit]
    )


def panel_context(request) -> dict:
    """The start page's panel: the same figures, from the shared cache for a minute."""
    from reports.services.cache import dashboard_figures_cached

    return with_trend_chart(dashboard_figures_cached(request.user))


def with_trend_chart(figures: dict) -> dict:
    """The figures plus the trend's chart (drawn once per set of shown figures, then cached)."""
    from reports.services.charts import draw

    return {**figures, "trend_chart": draw(figures["trend"])}
