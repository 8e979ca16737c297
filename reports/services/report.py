"""Assemble the annual report: figures from ``queries`` → protected tables → charts and summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _

from gir.models import Department
from incidents.constants import AggressionForm, AggressionKind, LocationType
from reports.services import comparison, effect, queries, rates, sections, trend
from reports.services.params import ReportParams, incidents_for, is_whole_organisation
from reports.services.privacy import protect
from reports.services.summary import summarise
from reports.services.tables import Amount, Change, Share, Table

TREND_YEARS = 4


@dataclass
class Report:
    params: ReportParams
    title: str
    scope_label: str
    whole_organisation: bool
    generated_at: dt.datetime
    tables: list[Table] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    comparison: comparison.Comparison | None = None  # organisation-wide calendar years only

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def _months(params: ReportParams) -> list[tuple[int, int]]:
    months, year, month = [], params.date_from.year, params.date_from.month
    while (year, month) <= (params.date_to.year, params.date_to.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_table(scope, params: ReportParams) -> Table:
    counts = queries.per_month(scope, params, 1 if params.comparable else 0)
    columns = [_("Maand"), params.label()]
    if params.comparable:
        columns.append(params.shifted(1).label())
    rows = []
    for year, month in _months(params):
        row = [f"{MONTHS[month]} {year}", counts.get((year, month), 0)]
        if params.comparable:
            row.append(counts.get((year - 1, month), 0))
        rows.append(row)
    total = [_("Totaal"), sum(r[1] for r in rows)]
    if params.comparable:
        total.append(sum(r[2] for r in rows))
    return Table("per_month", _("Incidenten per maand"), columns, rows, total=total, chart="bars_grouped")


def _trend_table(scope, params: ReportParams) -> Table | None:
    if not params.comparable:
        return None
    counts = queries.same_period_earlier_years(scope, params, TREND_YEARS)
    rows = [[params.shifted(k).label(), counts[k]] for k in reversed(range(TREND_YEARS + 1))]
    return Table(
        "trend",
        _("Trend: dezelfde periode in eerdere jaren"),
        [_("Periode"), _("Incidenten")],
        rows,
        chart="line",
    )


def _choice_table(key, title, label, counts: dict, choices, total: int | None = None, note="") -> Table:
    rows = [[str(choice.label), counts.get(choice.value, 0)] for choice in choices]
    rows.sort(key=lambda r: -r[1])
    return Table(
        key,
        title,
        [label, _("Incidenten")],
        rows,
        total=[_("Totaal incidenten"), total] if total is not None else None,
        note=note,
        chart="barh",
    )


def _department_table(incidents) -> Table:
    rows = [[name, n] for _pk, name, n in queries.per_department(incidents)]
    return Table(
        "per_department",
        _("Incidenten per afdeling"),
        [_("Afdeling"), _("Incidenten")],
        rows,
        total=[_("Totaal"), sum(r[1] for r in rows)],
        note=_("Aantallen van 1 tot en met 4 staan als “< 5”, zodat niemand te herkennen is."),
        sensitive=True,
        chart="barh",
    )


def _heat_table(incidents) -> Table:
    counts = queries.heat_map(incidents)
    rows = [[str(WEEKDAYS[wd - 1])] + [counts.get((wd, hour), 0) for hour in range(24)] for wd in range(1, 8)]
    return Table(
        "heat_map",
        _("Dag van de week en uur van de dag"),
        [_("Dag")] + [f"{hour:02d}" for hour in range(24)],
        rows,
        note=_("Tijden zijn Nederlandse tijd. Kolom 09 betekent van 9.00 tot 10.00 uur."),
        chart="heat",
        extra={"peak": max(counts.values(), default=0)},
    )


def _trigger_table(incidents, total: int) -> Table:
    data = queries.triggers(incidents)
    kinds = data["kinds"]
    rows = [[_("Aanleiding beschreven"), Share(data["described"], total)]]
    rows += [[str(kind.label), Share(kinds.get(kind.value, 0), total)] for kind in AggressionKind]
    rows.append([_("Soort agressie niet beoordeeld"), Share(kinds.get("", 0), total)])
    return Table(
        "triggers", _("Aanleiding en soort agressie"), [_("Onderwerp"), _("Aandeel incidenten")], rows
    )


def _consequence_table(incidents, total: int) -> Table:
    c = queries.consequences(incidents)
    rows = [
        [_("Lichamelijk letsel"), c["injury"]],
        [_("Bezoek aan huisarts of ziekenhuis"), c["doctor"]],
        [_("Opname in ziekenhuis of blijvend letsel"), c["hospital"]],
        [_("Verzuim"), c["absence"]],
        [_("Dagen verzuim (samen)"), Amount(c["absence_days"] or 0, c["absence_days_basis"], "dagen")],
        [_("Schade aan eigen spullen"), c["personal"]],
        [_("Bedrag schade eigen spullen"), Amount(c["personal_amount"] or 0, c["personal_basis"])],
        [_("Schade aan spullen van de gemeente"), c["municipal"]],
        [_("Bedrag schade gemeente"), Amount(c["municipal_amount"] or 0, c["municipal_basis"])],
        [_("Politie ter plaatse geroepen"), c["police"]],
    ]
    return Table(
        "consequences",
        _("Gevolgen"),
        [_("Gevolg"), _("Aantal of bedrag")],
        rows,
        note=_(
            "Bedragen en verzuimdagen staan er alleen als ze over 5 of meer incidenten gaan. "
            "Zo zijn het nooit cijfers van één medewerker."
        ),
    )


def _aggressor_table(incidents, scope, params, total: int) -> Table:
    a = queries.aggressors(incidents, scope, params)
    rows = [
        [_("Incidenten met een bekende of beschreven dader"), a["with_aggressor"]],
        [_("Incidenten zonder vastgelegde dader"), total - a["with_aggressor"]],
        [_("Verschillende daders"), a["aggressors"]],
        [_("Daders met meer dan één incident (herhaling)"), a["repeat"]],
    ]
    return Table("aggressors", _("Daders"), [_("Onderwerp"), _("Aantal")], rows)


def _deadline_table(incidents, now) -> Table:
    kinds = [queries.REACTION_KIND, *queries.AFTERCARE_KINDS]
    labels = {
        queries.REACTION_KIND: _("Reactie naar de dader binnen 48 uur"),
        "aftercare_talk_1": _("Eerste nazorggesprek"),
        "aftercare_talk_2": _("Tweede nazorggesprek"),
        "aftercare_talk_3": _("Derde nazorggesprek"),
    }
    rows = []
    for kind, d in queries.deadlines_on_time(incidents, kinds, now).items():
        decided = d["on_time"] + d["late"] + d["overdue"]
        rows.append(
            [
                labels[kind],
                d["total"],
                d["on_time"],
                d["late"],
                d["overdue"],
                d["pending"],
                Share(d["on_time"], decided),
            ]
        )
    return Table(
        "deadlines",
        _("Termijnen op tijd"),
        [
            _("Termijn"),
            _("Aantal"),
            _("Op tijd"),
            _("Te laat"),
            _("Open en verlopen"),
            _("Nog niet verlopen"),
            _("Aandeel op tijd"),
        ],
        rows,
        note=_("Het aandeel op tijd telt alleen termijnen die klaar zijn of al verlopen."),
        row_sum=(1, (2, 3, 4, 5)),
    )


def _scope_label(user, params: ReportParams) -> str:
    if params.department_id is not None:
        return Department.objects.get(pk=params.department_id).name
    if user.has_perm("reports.view_reports"):
        return _("Hele organisatie")
    return _("Eigen afdelingen")


def report_title(params: ReportParams) -> str:
    if params.is_calendar_year:
        return _("Jaarverslag agressie en geweld %(period)s") % {"period": params.label()}
    return _("Rapportage agressie en geweld %(period)s") % {"period": params.label()}


def _key_figures(month: Table, params: ReportParams) -> Table:
    """Incidents in the period, and beside them the same period a year earlier when comparable."""
    total = month.total[1]
    previous = month.total[2] if params.comparable else None
    key = Table(
        "key_figures",
        _("Kerncijfers"),
        [_("Onderwerp"), _("Waarde")],
        [[_("Incidenten in deze periode"), total]],
    )
    if previous is not None:
        key.rows.append([_("Incidenten in dezelfde periode een jaar eerder"), previous])
        key.rows.append([_("Verschil"), Change(total, previous)])
    return key


def _kind_tables(incidents, params: ReportParams, total: int) -> list[Table]:
    """What happened and where: forms of aggression, kinds of place, departments, rate and hours."""
    tables = [
        _choice_table(
            "per_form",
            _("Vorm van agressie"),
            _("Vorm"),
            queries.per_form(incidents),
            AggressionForm,
            note=_(
                "Eén incident kan meer vormen hebben. De aantallen tellen daarom op tot meer dan het totaal."
            ),
        ),
        _choice_table(
            "per_location_type",
            _("Soort plek"),
            _("Soort plek"),
            queries.counts_by(incidents, "location_type"),
            LocationType,
            total=total,
        ),
        _department_table(incidents),
    ]
    rate = rates.rate_table(incidents, params)
    if rate:
        tables.append(rate)
    tables.append(_heat_table(incidents))
    return tables


def _report_tables(incidents, scope, params: ReportParams, now: dt.datetime) -> list[Table]:
    """Every table of the report, in the order the report shows them, not yet protected."""
    month = _month_table(scope, params)
    total = month.total[1]
    tables = [_key_figures(month, params), month]
    tables += [t for t in (_trend_table(scope, params), trend.department_trend_table(scope, params)) if t]
    tables.extend(_kind_tables(incidents, params, total))
    tables.append(_trigger_table(incidents, total))
    tables.append(_consequence_table(incidents, total))
    tables.append(_aggressor_table(incidents, scope, params, total))
    tables.extend(sections.measure_tables(incidents, scope, params, now, total))
    tables.extend(effect.effect_tables(scope, params, now))
    tables.append(_deadline_table(incidents, now))
    return tables


def build_report(user, params: ReportParams, *, now: dt.datetime | None = None) -> Report:
    """The whole report for ``user``'s scope; every table already passed ``privacy.protect``."""
    now = now or timezone.now()
    whole_org = is_whole_organisation(user, params)
    incidents = incidents_for(user, params)
    scope = incidents_for(user, params, period=False)
    tables = _report_tables(incidents, scope, params, now)
    # Organisation-wide only the department table is sensitive; otherwise every table is.
    protected = [protect(t, sensitive=None if whole_org else True) for t in tables]
    report = Report(
        params=params,
        title=report_title(params),
        scope_label=_scope_label(user, params),
        whole_organisation=whole_org,
        generated_at=now,
        tables=protected,
    )
    report.summary = summarise(report)
    if whole_org and params.is_calendar_year:
        report.comparison = comparison.comparison_for(report)
        report.tables += comparison.comparison_tables(report.comparison)
    return report
