"""Report sections that read the measures (sanctions) and letters apps: measures, police, bans, letters.

Measures belong to incidents (many-to-many); a measure counts in a report when it was decided
for an incident in the report's scope. Each function is one or two aggregates.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from incidents.constants import PolicePlan
from letters.constants import LetterKind, LetterStatus
from letters.models import Letter
from reports.services.params import ReportParams
from reports.services.tables import Share, Table
from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import Ban, BanBreach, Measure

NOT_REVOKED = ~Q(status=MeasureStatus.REVOKED)


def measures_per_type(incidents: QuerySet) -> dict[str, dict]:
    rows = (
        Measure.objects.filter(incidents__in=incidents.order_by().values("pk"))
        .order_by()
        .values("type")
        .annotate(n=Count("pk", distinct=True), revoked=Count("pk", distinct=True, filter=~NOT_REVOKED))
    )
    return {row["type"]: row for row in rows}


def police_counts(incidents: QuerySet) -> dict:
    """Incidents with a melding or aangifte recorded as a measure, and the first-talk plan."""
    live = Q(measures__status__in=[MeasureStatus.DECIDED, MeasureStatus.DONE])
    measures = incidents.order_by().aggregate(
        melding=Count("pk", distinct=True, filter=live & Q(measures__type=MeasureType.POLICE_NOTICE)),
        aangifte=Count("pk", distinct=True, filter=live & Q(measures__type=MeasureType.AANGIFTE)),
        either=Count(
            "pk",
            distinct=True,
            filter=live & Q(measures__type__in=[MeasureType.POLICE_NOTICE, MeasureType.AANGIFTE]),
        ),
    )
    plans = incidents.order_by().values("police_report_planned").annotate(n=Count("pk"))
    return {"measures": measures, "plans": {row["police_report_planned"]: row["n"] for row in plans}}


def ban_counts(scope: QuerySet, params: ReportParams, at: dt.datetime) -> dict:
    """Bans decided in the period, of which revoked, in force at ``at``, breaches in the period."""
    scoped = Ban.objects.filter(measure__incidents__in=scope.order_by().values("pk")).order_by()
    in_period = Q(measure__decided_at__gte=params.start, measure__decided_at__lt=params.end)
    decided = scoped.aggregate(
        imposed=Count("pk", distinct=True, filter=in_period),
        revoked=Count("pk", distinct=True, filter=in_period & Q(measure__status=MeasureStatus.REVOKED)),
    )
    in_force = Ban.objects.in_force(at).filter(pk__in=scoped.values("pk")).count()
    breaches = BanBreach.objects.filter(
        ban__in=scoped.values("pk"), occurred_at__gte=params.start, occurred_at__lt=params.end
    ).count()
    return {**decided, "in_force": in_force, "breaches": breaches}


def letters_per_kind(incidents: QuerySet) -> dict[str, dict]:
    """Final letters to aggressors for incidents of the period, and how many went out."""
    rows = (
        Letter.objects.filter(incident__in=incidents.order_by().values("pk"), status=LetterStatus.FINAL)
        .order_by()
        .values("kind")
        .annotate(
            n=Count("pk", distinct=True), sent=Count("pk", distinct=True, filter=Q(dispatches__isnull=False))
        )
    )
    return {row["kind"]: row for row in rows}


def _letter_table(incidents) -> Table:
    counts = letters_per_kind(incidents)
    rows = []
    for choice in LetterKind:
        row = counts.get(choice.value, {"n": 0, "sent": 0})
        rows.append([str(choice.label), row["n"], row["sent"]])
    rows.sort(key=lambda r: -r[1])
    return Table(
        "letters",
        _("Brieven aan daders"),
        [_("Brief"), _("Definitief gemaakt"), _("Waarvan verzonden of overhandigd")],
        rows,
        total=[_("Totaal"), sum(r[1] for r in rows), sum(r[2] for r in rows)],
        note=_("Brieven bij incidenten uit deze periode."),
    )


def _measure_table(incidents) -> Table:
    counts = measures_per_type(incidents)
    rows = []
    for choice in MeasureType:
        row = counts.get(choice.value, {"n": 0, "revoked": 0})
        rows.append([str(choice.label), row["n"], row["revoked"]])
    rows.sort(key=lambda r: -r[1])
    return Table(
        "measures",
        _("Maatregelen per soort"),
        [_("Maatregel"), _("Besloten"), _("Waarvan ingetrokken")],
        rows,
        total=[_("Totaal"), sum(r[1] for r in rows), sum(r[2] for r in rows)],
        note=_("Maatregelen die zijn besloten voor incidenten uit deze periode."),
        chart="barh",
    )


def _police_table(incidents, total: int) -> Table:
    data = police_counts(incidents)
    m, plans = data["measures"], data["plans"]
    rows = [
        [_("Melding of aangifte gedaan"), Share(m["either"], total)],
        [_("Melding bij de politie gedaan"), Share(m["melding"], total)],
        [_("Aangifte bij de politie gedaan"), Share(m["aangifte"], total)],
    ]
    rows += [
        [
            _("Besluit bij eerste opvang: %(plan)s") % {"plan": str(plan.label).lower()},
            Share(plans.get(plan.value, 0), total),
        ]
        for plan in PolicePlan
    ]
    return Table(
        "police",
        _("Melding of aangifte bij de politie"),
        [_("Onderwerp"), _("Aandeel incidenten")],
        rows,
        note=_(
            "Gedaan = vastgelegd als maatregel. "
            "Het besluit bij de eerste opvang is wat de leidinggevende van plan was."
        ),
    )


def _ban_table(scope, params: ReportParams, now: dt.datetime) -> Table:
    at = min(now, params.end - dt.timedelta(seconds=1))
    b = ban_counts(scope, params, at)
    rows = [
        [_("Toegangsverboden opgelegd in deze periode"), b["imposed"]],
        [_("Waarvan ingetrokken"), b["revoked"]],
        [
            _("Van kracht op %(day)s") % {"day": f"{at.astimezone(params.start.tzinfo):%d-%m-%Y}"},
            b["in_force"],
        ],
        [_("Overtredingen van een toegangsverbod in deze periode"), b["breaches"]],
    ]
    return Table("bans", _("Toegangsverboden"), [_("Onderwerp"), _("Aantal")], rows)


def measure_tables(incidents: QuerySet, scope: QuerySet, params: ReportParams, now: dt.datetime, total: int):
    """The tables of this module, in report order."""
    return [
        _measure_table(incidents),
        _police_table(incidents, total),
        _ban_table(scope, params, now),
        _letter_table(incidents),
    ]
