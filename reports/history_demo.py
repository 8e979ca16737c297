"""Demo history for the reports: four earlier years, repeat aggressors after each kind of measure.

The demo incidents of ``incidents.demo`` cover only the last months. The annual report's
five-year trends and its "effect of measures" section need years of history, so this step adds
closed incidents of the four previous calendar years and this year so far (bulk-inserted: they
are history, not cases anyone works on; each has the department's manager as handler), with for
every kind of measure aggressors who came back soon, late, or not at all. The aggressors get
made-up Dutch names; the incidents get their (closed) deadlines (``reports.history_deadlines``).
Client numbers "DEMO-H-..." mark them, so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gir.models import Department
from incidents.constants import AggressionForm, LocationType, Status
from incidents.models import Aggressor, Incident, IncidentAggressor, IncidentForm
from reports.history_deadlines import seed_history_deadlines
from reports.models import Headcount
from reports.services.params import LOCAL_TZ
from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import Ban, Measure

KINDS = [
    MeasureType.WRITTEN_WARNING,
    MeasureType.VERBAL_WARNING,
    MeasureType.ORDEGESPREK,
    MeasureType.CONTACT_CONDITIONS,
    MeasureType.BAN,
    MeasureType.AANGIFTE,
    None,  # no measure at all
]
PER_KIND = 7
# Days after the measure of the aggressor's next incident (None: did not come back).
RETURN_AFTER = [12, 40, 75, 150, 300, None, None]
FORMS = list(AggressionForm)
HISTORY_YEARS = 5  # this year and the four before it: the report's and dashboard's trend
SURNAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "van den Berg", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van Dijk", "Schouten", "Willems", "van Wijk", "Koster", "Prins", "Huisman", "Kuipers", "Post",
    "Hoekstra", "Verbeek", "Wouters", "Kramer", "Timmermans", "Maas", "Molenaar", "Veenstra",
    "Blom", "Groen", "van Beek", "Sanders", "Lammers", "Pronk", "Wolters", "Evers", "Hofman",
]  # fmt: skip
INITIALS = "ABCDEFGHIJKLMNOPRSTW"
PLACES = list(LocationType)


def _moment(year: int, n: int) -> dt.datetime:
    return dt.datetime(year, n % 11 + 1, n * 7 % 27 + 1, 8 + n % 9, n * 13 % 60, tzinfo=LOCAL_TZ)


def _incident(reference: str, at: dt.datetime, department, reporter, n: int, handlers: dict) -> Incident:
    return Incident(
        handler=handlers.get(department.pk) or handlers[None],
        reference=reference,
        status=Status.CLOSED,
        occurred_at=at,
        reported_at=at + dt.timedelta(hours=2),
        reporter=reporter,
        department=department,
        description="Historisch demo-incident.",
        location_type=PLACES[n % len(PLACES)],
        injury=n % 9 == 0,
        police_called=n % 6 == 0,
    )


def _aggressor_plan(year: int) -> list[tuple[int, MeasureType | None, dt.datetime, int | None]]:
    """(number, kind, first incident, days until the next one) for every demo aggressor of a year."""
    plan = []
    for k, kind in enumerate(KINDS):
        # Years differ a little (five to seven aggressors per kind), so the trend is not flat.
        for j in range(PER_KIND - (year + k) % 3):
            n = k * PER_KIND + j
            # Kinds differ in how many aggressors come back, so the table is not uniform.
            back = None if j >= PER_KIND - k % 4 else RETURN_AFTER[(j + k) % 5]
            plan.append((n, kind, _moment(year, n), back))
    return plan


def _name(year: int, n: int) -> tuple[str, str]:
    """A made-up (surname, initials) for demo aggressor ``n`` of ``year``."""
    k = (year % 10) * 49 + n
    return SURNAMES[k * 7 % len(SURNAMES)], f"{INITIALS[k * 3 % len(INITIALS)]}."


def _handlers(departments: list, coordinator) -> dict:
    """Department id → its first manager; None → the coordinator (a department without one)."""
    handlers = {None: coordinator}
    for department in departments:
        handlers[department.pk] = department.managers.order_by("pk").first()
    return handlers


def _seed_year(year: int, departments: list, users: dict) -> None:
    reporter, coordinator = users["medewerker"], users["coordinator"]
    incidents, links, measures = [], [], []
    handlers = _handlers(departments, coordinator)
    for n, kind, first, back in _aggressor_plan(year):
        last_name, initials = _name(year, n)
        aggressor = Aggressor.objects.create(
            last_name=last_name, initials=initials, client_number=f"DEMO-H-{year}-{n:02d}"
        )
        moments = [first] + ([first + dt.timedelta(days=1 + back)] if back else [])
        for i, moment in enumerate(moments):
            if moment > timezone.now():
                continue
            incident = _incident(
                f"GIR-{year}-H{n:02d}{i}", moment, departments[n % len(departments)], reporter, n, handlers
            )
            incidents.append(incident)
            links.append((incident, aggressor))
        if kind is not None:
            measures.append((kind, aggressor, incidents[-len(moments)], first + dt.timedelta(days=1)))
    Incident.objects.bulk_create(incidents)
    IncidentForm.objects.bulk_create(
        [IncidentForm(incident=inc, form=FORMS[i % len(FORMS)]) for i, inc in enumerate(incidents)]
    )
    IncidentAggressor.objects.bulk_create([IncidentAggressor(incident=i, aggressor=a) for i, a in links])
    for kind, aggressor, incident, decided in measures:
        _measure(kind, aggressor, incident, decided, coordinator)
    seed_history_deadlines(incidents, year, users["bedrijfsopvang"])


def _measure(kind, aggressor, incident, decided: dt.datetime, coordinator) -> None:
    period = kind in (MeasureType.BAN, MeasureType.CONTACT_CONDITIONS)
    start = timezone.localdate(decided) + dt.timedelta(days=1)
    measure = Measure.objects.create(
        type=kind,
        aggressor=aggressor,
        decided_by=coordinator,
        decided_at=decided,
        reason="Historisch demo-besluit.",
        status=MeasureStatus.DONE,
        starts_on=start if period else None,
        ends_on=start + dt.timedelta(days=91) if period else None,
    )
    measure.incidents.add(incident)
    if kind == MeasureType.BAN:
        Ban.objects.create(measure=measure, served_on=start)


def seed_history(context: dict) -> None:
    """Four previous calendar years and this year so far; idempotent."""
    if Aggressor.objects.filter(client_number__startswith="DEMO-H-").exists():
        return
    users = context["users"]
    departments = list(Department.objects.order_by("name"))
    this_year = timezone.localdate().year
    for year in range(this_year - HISTORY_YEARS + 1, this_year + 1):
        _seed_year(year, departments, users)
        _seed_headcounts(year, Department.objects.order_by("name"))


def _seed_headcounts(year: int, departments) -> None:
    """Employees per year: the organisation slowly grows, departments differ in size."""
    sizes = [
        Headcount(department=d, year=year, employees=40 + 37 * (i % 5) + year % 7)
        for i, d in enumerate(departments)
    ]
    sizes.append(Headcount(department=None, year=year, employees=sum(h.employees for h in sizes) + 60))
    Headcount.objects.bulk_create(sizes, ignore_conflicts=True)
