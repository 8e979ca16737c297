"""Effect of measures: of the aggressors who received a kind of measure, who came back, and how soon.

Each figure is computed in the database: per aggressor a correlated subquery finds the moment
of reference (the first decision of that kind in the period) and the first later incident in
the report's scope; one conditional aggregate per kind counts the returns within 3, 6 and 12
months and reads the median number of days. On PostgreSQL that is one query per kind with
materialised steps (``_followed_sql``); the portable ORM form (``_followed_orm``, for the
embedded SQLite setup) gives the same figures in two. The number of queries depends on the
number of kinds, never on the data.

A window counts only aggressors who could be followed that long (reference at least 3, 6 or
12 months before now): otherwise a recent measure would look like a success.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incidents.models import Aggressor, Incident, IncidentAggressor
from reports.services.params import ReportParams
from reports.services.tables import Amount, Share, Table
from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import Ban, BanBreach, Measure

# 3, 6 and 12 months, as days (a month is not a fixed length; these are the usual approximations).
WINDOWS = (("m3", 91), ("m6", 183), ("m12", 365))


@dataclass(frozen=True)
class MeasureKind:
    key: str
    label: str
    types: tuple[str, ...]


KINDS = (
    MeasureKind(
        "warning",
        _("Waarschuwing (mondeling of schriftelijk)"),
        (MeasureType.VERBAL_WARNING, MeasureType.WRITTEN_WARNING),
    ),
    MeasureKind("ordegesprek", gettext_lazy("Ordegesprek"), (MeasureType.ORDEGESPREK,)),
    MeasureKind("contact", gettext_lazy("Contact op voorwaarden"), (MeasureType.CONTACT_CONDITIONS,)),
    MeasureKind("ban", gettext_lazy("Toegangsverbod"), (MeasureType.BAN,)),
    MeasureKind("aangifte", gettext_lazy("Aangifte bij de politie"), (MeasureType.AANGIFTE,)),
)


def _live_measures(scope_ids: QuerySet, params: ReportParams) -> QuerySet:
    return Measure.objects.filter(
        incidents__in=scope_ids, decided_at__gte=params.start, decided_at__lt=params.end
    ).exclude(status=MeasureStatus.REVOKED)


def _first_after(scope_ids: QuerySet, after: str) -> Subquery:
    """The first incident in scope of the outer aggressor after the outer ``after`` instant."""
    later = (
        IncidentAggressor.objects.filter(
            aggressor_id=OuterRef("pk"), incident_id__in=scope_ids, incident__occurred_at__gt=OuterRef(after)
        )
        .order_by()
        .values("aggressor_id")
        .annotate(first=Min("incident__occurred_at"))
        .values("first")
    )
    return Subquery(later)


def _followed(aggressors: QuerySet, scope_ids: QuerySet, now: dt.datetime) -> dict:
    """Counts per window and the median days for aggressors annotated with ``ref``."""
    if connection.vendor == "postgresql":
        return _followed_sql(aggressors, scope_ids, now)
    return _followed_orm(aggressors, scope_ids, now)


def _followed_orm(aggressors: QuerySet, scope_ids: QuerySet, now: dt.datetime) -> dict:
    """The portable form (the embedded SQLite setup): correlated subqueries the database runs
    once per aggressor and per expression that uses them."""
    qs = aggressors.annotate(back=_first_after(scope_ids, "ref")).annotate(
        gap=ExpressionWrapper(F("back") - F("ref"), output_field=DurationField())
    )
    aggregates = {"n": Count("pk"), "returned": Count("pk", filter=Q(back__isnull=False))}
    for key, days in WINDOWS:
        since = now - dt.timedelta(days=days)
        aggregates[f"{key}_followed"] = Count("pk", filter=Q(ref__lte=since))
        aggregates[f"{key}_back"] = Count("pk", filter=Q(ref__lte=since, gap__lte=dt.timedelta(days=days)))
    result = qs.aggregate(**aggregates)
    result["median_days"] = _median_days(qs.filter(back__isnull=False), result["returned"])
    return result


def _median_days(returned: QuerySet, count: int) -> int | None:
    """The median gap in whole days: the middle row(s) of the ordered gaps, read by OFFSET."""
    if not count:
        return None
    ordered = returned.order_by("gap", "pk").values_list("gap", flat=True)
    middle = [ordered[count // 2]] if count % 2 else list(ordered[count // 2 - 1 : count // 2 + 1])
    return round(sum(g.total_seconds() for g in middle) / len(middle) / 86400)


# PostgreSQL: each aggressor's reference moment and first return are computed once, in
# materialised steps, and one pass counts the windows and reads the median. The ORM form asks
# the planner to repeat both subqueries for every expression (reference, return, gap) and a
# second query for the median: 1.2 s of the full-size annual report's 2.3 s cold computation.
_FOLLOWED_SQL = """
WITH refs (id, ref) AS MATERIALIZED ({refs}),
followed AS MATERIALIZED (
    SELECT r.ref, (
        SELECT MIN(i.occurred_at) FROM {links} l JOIN {incidents} i ON i.id = l.incident_id
        WHERE l.aggressor_id = r.id AND i.occurred_at > r.ref AND i.id IN ({scope})
    ) AS back
    FROM refs r
)
SELECT COUNT(*), COUNT(back), {windows},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM back - ref))
        FILTER (WHERE back IS NOT NULL)
FROM followed
"""
_WINDOW_SQL = "COUNT(*) FILTER (WHERE ref <= %s), COUNT(*) FILTER (WHERE ref <= %s AND back - ref <= %s)"


def _followed_sql(aggressors: QuerySet, scope_ids: QuerySet, now: dt.datetime) -> dict:
    refs, refs_params = aggressors.values("pk", "ref").query.sql_with_params()
    scope, scope_params = scope_ids.query.sql_with_params()
    sql = _FOLLOWED_SQL.format(
        refs=refs,
        scope=scope,
        links=IncidentAggressor._meta.db_table,
        incidents=Incident._meta.db_table,
        windows=", ".join([_WINDOW_SQL] * len(WINDOWS)),
    )
    window_params = []
    for _key, days in WINDOWS:
        since = now - dt.timedelta(days=days)
        window_params += [since, since, dt.timedelta(days=days)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*refs_params, *scope_params, *window_params])
        n, returned, *counts, median_seconds = cursor.fetchone()
    result = {"n": n, "returned": returned}
    for index, (key, _days) in enumerate(WINDOWS):
        result[f"{key}_followed"], result[f"{key}_back"] = counts[2 * index], counts[2 * index + 1]
    result["median_days"] = round(median_seconds / 86400) if returned else None
    return result


def measure_effect(scope: QuerySet, params: ReportParams, now: dt.datetime) -> dict[str, dict]:
    """Per kind of measure (and "none"): aggressors, returns within 3/6/12 months, median days."""
    scope_ids = scope.order_by().values("pk")
    measures = _live_measures(scope_ids, params)
    effect = {}
    for kind in KINDS:
        of_kind = measures.filter(type__in=kind.types)
        first = of_kind.filter(aggressor_id=OuterRef("pk")).order_by("decided_at").values("decided_at")[:1]
        aggressors = Aggressor.objects.filter(pk__in=of_kind.values("aggressor_id")).annotate(
            ref=Subquery(first)
        )
        effect[kind.key] = _followed(aggressors, scope_ids, now)
    effect["none"] = _followed(_without_measure(scope, scope_ids, params, measures), scope_ids, now)
    return effect


def _without_measure(scope, scope_ids, params: ReportParams, measures: QuerySet) -> QuerySet:
    """Aggressors with an incident in the period and no measure decided in it; reference: that incident."""
    period_ids = (
        scope.filter(occurred_at__gte=params.start, occurred_at__lt=params.end).order_by().values("pk")
    )
    first = (
        IncidentAggressor.objects.filter(aggressor_id=OuterRef("pk"), incident_id__in=period_ids)
        .order_by()
        .values("aggressor_id")
        .annotate(first=Min("incident__occurred_at"))
        .values("first")
    )
    # ``pk__in`` rather than a join and DISTINCT: the reference is then computed once per
    # aggressor, not once per incident link before the duplicates are dropped.
    in_period = IncidentAggressor.objects.filter(incident_id__in=period_ids).values("aggressor_id")
    return (
        Aggressor.objects.filter(pk__in=in_period)
        .exclude(pk__in=measures.values("aggressor_id"))
        .annotate(ref=Subquery(first))
    )


def ban_effect(scope: QuerySet, params: ReportParams, now: dt.datetime) -> dict:
    """Bans decided in the period (not revoked): a new incident or breach during, and after the end."""
    scope_ids = scope.order_by().values("pk")
    bans = Ban.objects.filter(
        pk__in=_live_measures(scope_ids, params).filter(type=MeasureType.BAN).values("pk")
    )
    links = IncidentAggressor.objects.filter(
        aggressor_id=OuterRef("measure__aggressor_id"), incident_id__in=scope_ids
    )
    during_incident = links.filter(
        incident__occurred_at__date__gte=OuterRef("measure__starts_on"),
        incident__occurred_at__date__lte=OuterRef("measure__ends_on"),
    )
    breach = BanBreach.objects.filter(ban_id=OuterRef("pk"))
    qs = bans.annotate(
        after=Subquery(
            links.filter(incident__occurred_at__date__gt=OuterRef("measure__ends_on"))
            .order_by()
            .values("aggressor_id")
            .annotate(first=Min("incident__occurred_at"))
            .values("first")
        ),
        during_incident=Exists(during_incident),
        during_breach=Exists(breach),
    )
    today = timezone.localdate(now)
    aggregates = {
        "n": Count("pk"),
        "during": Count("pk", filter=Q(during_incident=True) | Q(during_breach=True)),
    }
    for key, days in WINDOWS:
        ended = Q(measure__ends_on__lte=today - dt.timedelta(days=days))
        aggregates[f"{key}_followed"] = Count("pk", filter=ended)
        aggregates[f"{key}_back"] = Count(
            "pk", filter=ended & Q(after__date__lte=F("measure__ends_on") + dt.timedelta(days=days))
        )
    return qs.aggregate(**aggregates)


WINDOW_LABELS = {
    "m3": gettext_lazy("3 maanden"),
    "m6": gettext_lazy("6 maanden"),
    "m12": gettext_lazy("12 maanden"),
}
EFFECT_NOTE = gettext_lazy(
    "Zo leest u deze tabel: van de daders die deze maatregel in deze periode kregen, hoeveel kwamen "
    "daarna terug met een nieuw incident. Een termijn telt alleen daders bij wie de maatregel al zo "
    "lang geleden is. Let op: het gaat vaak om kleine aantallen, dus één dader meer of minder "
    "verandert het beeld. En de cijfers zeggen niets over oorzaak en gevolg: zware maatregelen "
    "krijgen vaak daders die al vaker agressief waren, en wie niet terugkomt, kan ook verhuisd zijn."
)


def _effect_row(label: str, f: dict) -> list:
    return [
        label,
        f["n"],
        *(Share(f[f"{key}_back"], f[f"{key}_followed"]) for key, _days in WINDOWS),
        Amount(f["median_days"] or 0, f["returned"], "dagen") if f["returned"] else "–",
    ]


def _effect_table(scope, params: ReportParams, now: dt.datetime) -> Table:
    effect = measure_effect(scope, params, now)
    rows = [_effect_row(str(kind.label), effect[kind.key]) for kind in KINDS]
    rows.append(_effect_row(_("Geen maatregel"), effect["none"]))
    return Table(
        "effect",
        _("Effect van maatregelen: nieuwe incidenten van dezelfde dader"),
        [_("Maatregel"), _("Daders")]
        + [_("Terug binnen %(w)s") % {"w": WINDOW_LABELS[key]} for key, _days in WINDOWS]
        + [_("Mediaan dagen tot nieuw incident")],
        rows,
        note=str(EFFECT_NOTE),
        chart="share_bars",
    )


def _ban_effect_table(scope, params: ReportParams, now: dt.datetime) -> Table:
    b = ban_effect(scope, params, now)
    rows = [[_("Nieuw incident of overtreding tijdens het verbod"), Share(b["during"], b["n"])]]
    rows += [
        [
            _("Nieuw incident binnen %(w)s na afloop") % {"w": WINDOW_LABELS[key]},
            Share(b[f"{key}_back"], b[f"{key}_followed"]),
        ]
        for key, _days in WINDOWS
    ]
    return Table(
        "ban_effect",
        _("Toegangsverboden: tijdens en na het verbod"),
        [_("Onderwerp"), _("Aandeel toegangsverboden")],
        rows,
        note=_(
            "Toegangsverboden die in deze periode zijn opgelegd en niet ingetrokken. Na afloop telt "
            "alleen verboden die al zo lang voorbij zijn. Kleine aantallen: lees dit als een signaal, "
            "niet als bewijs."
        ),
    )


def effect_tables(scope: QuerySet, params: ReportParams, now: dt.datetime) -> list[Table]:
    """The tables of this module, in report order."""
    return [_effect_table(scope, params, now), _ban_effect_table(scope, params, now)]
