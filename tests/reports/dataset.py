"""A data set with KNOWN counts for the report tests.

Each incident is first written down as a plain dict (``SPECS``); the database rows are made
from those dicts with bulk_create, and the tests compute every expected figure from the same
dicts with plain Python, never through the report code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from gir import roles
from gir.models import Deadline
from incidents.constants import AggressionForm, AggressionKind, LocationType, Status
from incidents.models import Aggressor, Incident, IncidentAggressor, IncidentForm, Involvement
from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import Ban, Measure
from tests.factories import DepartmentFactory, UserFactory

AMS = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
YEAR = 2025
N = 37
FORMS = list(AggressionForm)
PLACES = list(LocationType)
KINDS = ["", AggressionKind.FRUSTRATION, AggressionKind.INSTRUMENTAL, AggressionKind.RANDOM]
PLANS = ["", "melding", "aangifte", "geen"]
# Names that must never appear in a report (HTML, PDF text, XLSX).
SECRET_PEOPLE = [
    ("zwoosterbroek", "Zwaantje", "Oosterbroek"),
    ("kvdkwakernaak", "Kwintijn", "Kwakernaak"),
]
PREVIOUS_YEARS = {2024: 20, 2023: 15, 2022: 10, 2021: 5, 2020: 3}


def _occurred(i: int) -> dt.datetime:
    """Spread over months, weekdays and hours, with two local-time edge cases."""
    if i == 0:
        return dt.datetime(2025, 1, 1, 0, 30, tzinfo=AMS)  # 31 Dec 2024 23:30 UTC: inside 2025 locally
    if i == 1:
        return dt.datetime(2025, 3, 30, 1, 30, tzinfo=UTC)  # DST morning: 03:30 local
    month = (i % 12) + 1
    day = (i * 3) % 27 + 1
    hour = (i * 5) % 24
    return dt.datetime(YEAR, month, day, hour, (i * 7) % 60, tzinfo=AMS)


def _department(i: int) -> str:
    if i in (5, 17, 29):
        return "small"
    return "a" if i % 4 != 3 else "b"


def spec(i: int) -> dict:
    forms = [FORMS[i % 15]]
    if i % 5 == 0:
        forms.append(FORMS[(i + 3) % 15])
    return {
        "i": i,
        "occurred_at": _occurred(i),
        "department": _department(i),
        "forms": forms,
        "location_type": PLACES[i % len(PLACES)].value,
        "aggression_kind": KINDS[i % 4],
        "trigger": "Wachttijd te lang" if i % 3 == 0 else "",
        "injury": i % 6 == 0,
        "doctor_visit": i % 12 == 0,
        "hospital_admission": i == 12,
        "absence": i % 5 == 1,
        "absence_days": (i % 7) + 1 if i % 5 == 1 else None,
        "personal_damage": i % 8 == 2,
        "personal_damage_amount": Decimal(10 + i) if i % 8 == 2 else None,
        "municipal_damage": i % 9 == 4,
        "municipal_damage_amount": Decimal(100 + i) if i % 9 == 4 else None,
        "police_called": i % 7 == 0,
        "police_report_planned": PLANS[i % 4],
        "status": Status.CLOSED if i % 3 == 0 else Status.REPORTED,
        "aggressor": (i % 10) if i % 4 != 1 else None,
        # 48-hour reaction: on time, late, or still open (overdue: the period is in the past)
        "reaction": ["on_time", "late", "open"][i % 3],
        "talk1": ["on_time", "late", None][i % 3] if i % 2 == 0 else None,
    }


SPECS = [spec(i) for i in range(N)]

# Outside the period: the instant after the local year ends, and earlier years for the trend.
OUTSIDE = dt.datetime(2025, 12, 31, 23, 30, tzinfo=UTC)  # 1 January 2026 00:30 local


def _incident(ref: str, at: dt.datetime, department, reporter, **fields) -> Incident:
    return Incident(
        reference=ref,
        occurred_at=at,
        reported_at=at + dt.timedelta(hours=1),
        reporter=reporter,
        department=department,
        description="Meneer schold Zwaantje Oosterbroek uit.",
        location_type=fields.pop("location_type", LocationType.COUNTER),
        **fields,
    )


def _deadline(kind: str, incident: Incident, outcome: str | None, ct) -> Deadline | None:
    if outcome is None:
        return None
    due = incident.occurred_at + dt.timedelta(hours=48)
    closed = {"on_time": due - dt.timedelta(hours=24), "late": due + dt.timedelta(hours=24), "open": None}[
        outcome
    ]
    return Deadline(
        kind=kind,
        content_type=ct,
        object_id=incident.pk,
        incident_id=incident.pk,
        starts_at=incident.occurred_at,
        due_at=due,
        remind_at=due - dt.timedelta(hours=4),
        closed_at=closed,
    )


def build(world=None) -> SimpleNamespace:
    """Create the data set. Returns the objects and the specs the tests compute from."""
    d = SimpleNamespace(specs=SPECS)
    _people(d)
    reporter = d.people[0]
    d.aggressors = Aggressor.objects.bulk_create(
        [Aggressor(last_name=f"Dader{k}", first_name="Piet", is_identified=True) for k in range(10)]
    )
    d.incidents = Incident.objects.bulk_create(_period_incidents(d, reporter))
    d.others = Incident.objects.bulk_create(_other_incidents(d, reporter))
    _forms_and_victims(d)
    _aggressor_links(d)
    _deadlines(d)
    _measures(d)
    _letters(d)
    return d


def _people(d) -> None:
    """Three departments, the two secret people, a coordinator and the manager of department b."""
    d.departments = {
        "a": DepartmentFactory(name="Publiekszaken"),
        "b": DepartmentFactory(name="Werk en Inkomen"),
        "small": DepartmentFactory(name="Kleine Afdeling"),
    }
    d.people = [
        UserFactory(
            username=u,
            first_name=f,
            last_name=last,
            email=f"{u}@geheim.example",
            department=d.departments["a"],
            roles=[roles.MEDEWERKER],
        )
        for u, f, last in SECRET_PEOPLE
    ]
    d.coordinator = UserFactory(username="rapport_coordinator", roles=[roles.MEDEWERKER, roles.COORDINATOR])
    d.manager = UserFactory(
        username="rapport_manager",
        department=d.departments["b"],
        roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE],
    )
    d.departments["b"].managers.add(d.manager)


# The fields of an incident taken from its spec as they are.
SPEC_FIELDS = [
    "location_type",
    "aggression_kind",
    "trigger",
    "injury",
    "doctor_visit",
    "hospital_admission",
    "absence",
    "absence_days",
    "personal_damage",
    "personal_damage_amount",
    "municipal_damage",
    "municipal_damage_amount",
    "police_called",
    "police_report_planned",
    "status",
]


def _period_incidents(d, reporter) -> list[Incident]:
    """The incidents of the report's period, one for each spec (not saved yet)."""
    return [
        _incident(
            f"GIR-{YEAR}-{s['i']:04d}",
            s["occurred_at"],
            d.departments[s["department"]],
            reporter,
            **{name: s[name] for name in SPEC_FIELDS},
        )
        for s in SPECS
    ]


def _other_incidents(d, reporter) -> list[Incident]:
    """One incident just after the period, then the earlier years for the trend (not saved yet)."""
    others = [_incident("GIR-2026-0001", OUTSIDE, d.departments["a"], reporter)]
    for year, count in PREVIOUS_YEARS.items():
        others += [
            _incident(
                f"GIR-{year}-{k:04d}",
                dt.datetime(year, (k % 12) + 1, 10, 12, tzinfo=AMS),
                d.departments["a" if k % 2 else "b"],
                reporter,
            )
            for k in range(count)
        ]
    return others


def _forms_and_victims(d) -> None:
    """The spec's forms (an insult for every other incident) and a secret person as victim."""
    IncidentForm.objects.bulk_create(
        [
            IncidentForm(incident=inc, form=f)
            for inc, s in zip(d.incidents, SPECS, strict=True)
            for f in s["forms"]
        ]
        + [IncidentForm(incident=inc, form=AggressionForm.INSULT) for inc in d.others]
    )
    Involvement.objects.bulk_create(
        [
            Involvement(incident=inc, role="slachtoffer", user=d.people[k % 2])
            for k, inc in enumerate(d.incidents)
        ]
    )


def _aggressor_links(d) -> None:
    """The spec's aggressors, and two links outside the period."""
    links = [
        IncidentAggressor(incident=inc, aggressor=d.aggressors[s["aggressor"]])
        for inc, s in zip(d.incidents, SPECS, strict=True)
        if s["aggressor"] is not None
    ]
    # Aggressor 9 also appears once in 2023 (a repeat offender through history) and aggressor
    # 8 only after the period (not a repeat offender of this report).
    d.history_links = [(d.others[1 + 20 + 1], 9), (d.others[0], 8)]
    links += [IncidentAggressor(incident=inc, aggressor=d.aggressors[k]) for inc, k in d.history_links]
    IncidentAggressor.objects.bulk_create(links)


def _deadlines(d) -> None:
    """The 48-hour reaction and the first aftercare talk, with the outcomes of the specs."""
    ct = ContentType.objects.get_for_model(Incident)
    deadlines = [
        _deadline("incident_reaction", inc, s["reaction"], ct)
        for inc, s in zip(d.incidents, SPECS, strict=True)
    ]
    deadlines += [
        _deadline("aftercare_talk_1", inc, s["talk1"], ct) for inc, s in zip(d.incidents, SPECS, strict=True)
    ]
    Deadline.objects.bulk_create([x for x in deadlines if x is not None])


def _letters(d) -> None:
    """Final warnings for incidents 0 and 3 (one dispatched), a final ban decision for 6, a concept for 8."""
    from gir.models import Signatory
    from letters.constants import DispatchMethod, LetterKind, LetterStatus
    from letters.models import Dispatch, Letter, LetterTemplate, LetterTemplateVersion

    signatory = Signatory.objects.create(name="Burgemeester", function="Burgemeester", is_mayor=True)
    d.letter_specs = []
    for k, (i, kind, status) in enumerate(
        [
            (0, LetterKind.WARNING, LetterStatus.FINAL),
            (3, LetterKind.WARNING, LetterStatus.FINAL),
            (6, LetterKind.BAN_DECISION, LetterStatus.FINAL),
            (8, LetterKind.WARNING, LetterStatus.CONCEPT),
        ]
    ):
        template, _ = LetterTemplate.objects.get_or_create(code=kind, defaults={"title": str(kind.label)})
        version = template.versions.order_by("number").first() or LetterTemplateVersion.objects.create(
            template=template, number=1, subject="Brief", body="Tekst"
        )
        final = status == LetterStatus.FINAL
        letter = Letter.objects.create(
            reference=f"B-TEST-{k}",
            kind=kind,
            status=status,
            template_version=version,
            incident=d.incidents[i],
            aggressor=d.aggressors[SPECS[i]["aggressor"]],
            signatory=signatory,
            subject="Brief",
            body_html="<p>Tekst</p>",
            finalised_at=SPECS[i]["occurred_at"] + dt.timedelta(hours=20) if final else None,
            final_html="<p>Tekst</p>" if final else "",
            sha256="0" * 64 if final else "",
        )
        d.letter_specs.append({"kind": kind, "final": final, "sent": k == 0})
        if k == 0:
            Dispatch.objects.create(
                letter=letter,
                method=DispatchMethod.POST,
                dispatched_at=SPECS[i]["occurred_at"] + dt.timedelta(hours=21),
                recorded_by=d.coordinator,
            )


def _measures(d) -> None:
    """Warnings for i % 5 == 0, aangifte for i % 7 == 0 (incidents with an aggressor), one ban."""
    d.measure_specs = []
    for inc, s in zip(d.incidents, SPECS, strict=True):
        if s["aggressor"] is None:
            continue
        for kind, wanted in [
            (MeasureType.WRITTEN_WARNING, s["i"] % 5 == 0),
            (MeasureType.AANGIFTE, s["i"] % 7 == 0),
        ]:
            if wanted:
                m = Measure.objects.create(
                    type=kind,
                    aggressor=d.aggressors[s["aggressor"]],
                    decided_by=d.coordinator,
                    reason="Besluit",
                    decided_at=s["occurred_at"] + dt.timedelta(days=1),
                )
                m.incidents.add(inc)
                d.measure_specs.append({"i": s["i"], "type": kind, "revoked": False})
    ban_incident, ban_spec = d.incidents[0], SPECS[0]
    d.ban_measure = Measure.objects.create(
        type=MeasureType.BAN,
        aggressor=d.aggressors[ban_spec["aggressor"]],
        decided_by=d.coordinator,
        reason="Bedreiging",
        decided_at=dt.datetime(2025, 6, 1, 10, tzinfo=AMS),
        starts_on=dt.date(2025, 6, 2),
        ends_on=dt.date(2027, 6, 1),
    )
    d.ban_measure.incidents.add(ban_incident)
    Ban.objects.create(measure=d.ban_measure, served_on=dt.date(2025, 6, 2))
    revoked = Measure.objects.create(
        type=MeasureType.BAN,
        aggressor=d.aggressors[3],
        decided_by=d.coordinator,
        reason="Bedreiging",
        decided_at=dt.datetime(2025, 7, 1, 10, tzinfo=AMS),
        starts_on=dt.date(2025, 7, 2),
        ends_on=dt.date(2025, 12, 1),
        status=MeasureStatus.REVOKED,
    )
    revoked.incidents.add(d.incidents[3])
    Ban.objects.create(measure=revoked, served_on=dt.date(2025, 7, 2))
    d.measure_specs += [
        {"i": 0, "type": MeasureType.BAN, "revoked": False},
        {"i": 3, "type": MeasureType.BAN, "revoked": True},
    ]
