"""The figures of the annual report, each one database aggregate (never a loop over incidents).

Every function takes the incidents queryset of the report (scope + department + period) and
returns plain numbers; ``reports.services.report`` turns them into tables. The number of
queries does not depend on the number of incidents (tested with django_assert_max_num_queries).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, ExtractMonth, ExtractYear

from gir.models import Deadline
from incidents.models import IncidentAggressor, IncidentForm
from reports.services.params import LOCAL_TZ, ReportParams

REACTION_KIND = "incident_reaction"
AFTERCARE_KINDS = ["aftercare_talk_1", "aftercare_talk_2", "aftercare_talk_3"]


def counts_by(qs: QuerySet, field: str) -> dict:
    """``{value: number of incidents}`` for one field, in one GROUP BY."""
    rows = qs.order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows}


def per_month(scope: QuerySet, params: ReportParams, earlier_years: int) -> dict[tuple[int, int], int]:
    """Incidents per local (year, month) from ``earlier_years`` before the period to its end."""
    qs = scope.filter(occurred_at__gte=params.shifted(earlier_years).start, occurred_at__lt=params.end)
    rows = (
        qs.order_by()
        .annotate(
            y=ExtractYear("occurred_at", tzinfo=LOCAL_TZ),
            m=ExtractMonth("occurred_at", tzinfo=LOCAL_TZ),
        )
        .values("y", "m")
        .annotate(n=Count("pk"))
    )
    return {(row["y"], row["m"]): row["n"] for row in rows}


def same_period_earlier_years(scope: QuerySet, params: ReportParams, years: int) -> list[int]:
    """Incidents in the same period 0, 1, ... ``years`` years back: one conditional aggregate."""
    windows = [params.shifted(k) for k in range(years + 1)]
    aggregates = {
        f"y{k}": Count("pk", filter=Q(occurred_at__gte=w.start, occurred_at__lt=w.end))
        for k, w in enumerate(windows)
    }
    earliest = windows[-1].start
    result = scope.filter(occurred_at__gte=earliest, occurred_at__lt=params.end).aggregate(**aggregates)
    return [result[f"y{k}"] for k in range(years + 1)]


def per_form(incidents: QuerySet) -> dict[str, int]:
    """Incidents per form of aggression (an incident with two forms counts in both)."""
    rows = (
        IncidentForm.objects.filter(incident__in=incidents.order_by().values("pk"))
        .order_by()
        .values("form")
        .annotate(n=Count("incident_id", distinct=True))
    )
    return {row["form"]: row["n"] for row in rows}


def per_department(incidents: QuerySet) -> list[tuple[int, str, int]]:
    rows = (
        incidents.order_by()
        .values("department_id", "department__name")
        .annotate(n=Count("pk"))
        .order_by("department__name")
    )
    return [(row["department_id"], row["department__name"], row["n"]) for row in rows]


def heat_map(incidents: QuerySet) -> dict[tuple[int, int], int]:
    """Incidents per (ISO weekday 1-7, hour 0-23), both in Europe/Amsterdam local time."""
    rows = (
        incidents.order_by()
        .annotate(
            wd=ExtractIsoWeekDay("occurred_at", tzinfo=LOCAL_TZ),
            h=ExtractHour("occurred_at", tzinfo=LOCAL_TZ),
        )
        .values("wd", "h")
        .annotate(n=Count("pk"))
    )
    return {(row["wd"], row["h"]): row["n"] for row in rows}


def triggers(incidents: QuerySet) -> dict:
    """How many incidents have a trigger (aanleiding) filled in, and the kind of aggression."""
    described = incidents.order_by().aggregate(n=Count("pk", filter=~Q(trigger="")))["n"]
    return {"described": described, "kinds": counts_by(incidents, "aggression_kind")}


def consequences(incidents: QuerySet) -> dict:
    """Injuries, absence, damage and police, in one aggregate."""
    result = incidents.order_by().aggregate(
        c_injury=Count("pk", filter=Q(injury=True)),
        c_doctor=Count("pk", filter=Q(doctor_visit=True)),
        c_hospital=Count("pk", filter=Q(hospital_admission=True)),
        c_absence=Count("pk", filter=Q(absence=True)),
        c_absence_days=Sum("absence_days", filter=Q(absence=True)),
        c_absence_days_basis=Count("pk", filter=Q(absence=True, absence_days__isnull=False)),
        c_personal=Count("pk", filter=Q(personal_damage=True)),
        c_personal_amount=Sum("personal_damage_amount", filter=Q(personal_damage=True)),
        c_personal_basis=Count("pk", filter=Q(personal_damage=True, personal_damage_amount__isnull=False)),
        c_municipal=Count("pk", filter=Q(municipal_damage=True)),
        c_municipal_amount=Sum("municipal_damage_amount", filter=Q(municipal_damage=True)),
        c_municipal_basis=Count("pk", filter=Q(municipal_damage=True, municipal_damage_amount__isnull=False)),
        c_police=Count("pk", filter=Q(police_called=True)),
    )
    # Aliases are prefixed because an aggregate may not share a name with a field.
    return {name[2:]: value for name, value in result.items()}


def aggressors(incidents: QuerySet, scope: QuerySet, params: ReportParams) -> dict:
    """Aggressors of the period; a repeat offender has more than one incident in scope up to its end."""
    period_links = IncidentAggressor.objects.filter(incident__in=incidents.order_by().values("pk"))
    known = incidents.order_by().aggregate(
        with_aggressor=Count("pk", filter=Q(aggressor_links__isnull=False), distinct=True),
    )
    up_to_end = scope.filter(occurred_at__lt=params.end).order_by().values("pk")
    repeat = (
        IncidentAggressor.objects.filter(
            aggressor_id__in=period_links.values("aggressor_id"), incident_id__in=up_to_end
        )
        .order_by()
        .values("aggressor_id")
        .annotate(n=Count("incident_id"))
        .filter(n__gt=1)
    )
    distinct = period_links.order_by().aggregate(n=Count("aggressor_id", distinct=True))["n"]
    return {
        "with_aggressor": known["with_aggressor"],
        "aggressors": distinct,
        "repeat": repeat.count(),
    }


def deadlines_on_time(incidents: QuerySet, kinds: list[str], now: dt.datetime) -> dict[str, dict]:
    """Per deadline kind: closed on time, closed late, open and overdue, open and not yet due."""
    rows = (
        # "IS NOT NULL" lets PostgreSQL skip deadlines without an incident in the index range.
        Deadline.objects.filter(
            kind__in=kinds, incident_id__isnull=False, incident_id__in=incidents.order_by().values("pk")
        )
        .order_by()
        .values("kind")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(closed_at__isnull=False, closed_at__lte=F("due_at"))),
            late=Count("pk", filter=Q(closed_at__isnull=False, closed_at__gt=F("due_at"))),
            overdue=Count("pk", filter=Q(closed_at__isnull=True, due_at__lt=now)),
            pending=Count("pk", filter=Q(closed_at__isnull=True, due_at__gte=now)),
        )
    )
    empty = {"total": 0, "on_time": 0, "late": 0, "overdue": 0, "pending": 0}
    found = {row["kind"]: row for row in rows}
    return {kind: found.get(kind, {**empty, "kind": kind}) for kind in kinds}
