"""Incidents per 100 employees per department and for the organisation (headcounts per year)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.services import queries
from reports.services.headcount import headcounts_for_year
from reports.services.params import ReportParams
from reports.services.tables import Amount, Rate, Table


def _employees(n: int | None):
    # An Amount is hidden when it covers fewer than five: a department of 3 is 3 people.
    return Amount(n, n, "mensen") if n else "–"


def rate_table(incidents, params: ReportParams) -> Table | None:
    """Only for a calendar year: headcounts are per year."""
    if not params.is_calendar_year:
        return None
    year = params.date_from.year
    heads = headcounts_for_year(year)
    rows = [
        [name, n, _employees(heads.get(pk)), Rate(n, heads[pk]) if heads.get(pk) else "–"]
        for pk, name, n in queries.per_department(incidents)
    ]
    total = sum(r[1] for r in rows)
    org = heads.get(None)
    return Table(
        "rates",
        _("Incidenten per 100 medewerkers"),
        [_("Afdeling"), _("Incidenten"), _("Medewerkers"), _("Per 100 medewerkers")],
        rows,
        total=[_("Hele organisatie"), total, _employees(org), Rate(total, org) if org else "–"],
        note=_(
            "Het aantal medewerkers per jaar vult de beheerder in. Waar het ontbreekt, staat een streepje. "
            "Een hoger cijfer betekent niet dat een afdeling het slechter doet: het werk verschilt."
        ),
        sensitive=True,
    )
