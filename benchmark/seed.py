"""Seed a realistic municipality for the benchmark (QUALITY.md "Performance").

At scale 1: 100,000 incidents over 10 years, 30,000 aggressors, 20,000 measures, 5,000 active
deadlines, 500 active bans with photos, and 1,000,000 deadline rows in all (history). Python
objects go in with bulk_create; the bulk of the closed deadline history is inserted with one
INSERT ... SELECT per kind, which is how such history would be loaded anyway. Deterministic:
the same scale gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from benchmark import twofactor
from benchmark.seed_measures import BATCH, scaled, seed_measures
from gir import roles
from gir.models import Deadline, Department, Location, Organisation, User
from incidents.constants import AggressionForm, AggressionKind, LocationType, Status
from incidents.models import Aggressor, Incident, IncidentAggressor, IncidentForm, Involvement
from reports.services.params import LOCAL_TZ

PASSWORD = "benchmark-wachtwoord-2026"  # noqa: S105 - loopback benchmark accounts only
DEPARTMENTS = [
    ("Publiekszaken", 30),
    ("Werk en Inkomen", 22),
    ("Sociaal Domein", 14),
    ("Handhaving", 12),
    ("Buitendienst", 8),
    ("Klantcontactcentrum", 6),
    ("Burgerzaken", 3),
    ("Belastingen", 2),
    ("Vergunningen", 1.5),
    ("Juridische Zaken", 0.8),
    ("Griffie", 0.5),
    ("Facilitaire Zaken", 0.2),
]
FORM_WEIGHTS = {
    AggressionForm.INSULT: 40,
    AggressionForm.SHOUTING: 30,
    AggressionForm.THREAT: 14,
    AggressionForm.INTIMIDATION: 10,
    AggressionForm.DISCRIMINATION: 5,
    AggressionForm.DIGITAL: 6,
    AggressionForm.REFUSE_LEAVE: 5,
    AggressionForm.PROPERTY_VIOLENCE: 3,
    AggressionForm.PHYSICAL: 2,
    AggressionForm.SEXUAL: 1.5,
    AggressionForm.RECORDING: 1.5,
    AggressionForm.STALKING: 0.6,
    AggressionForm.WEAPON: 0.4,
    AggressionForm.HOSTAGE: 0.05,
    AggressionForm.OTHER: 2,
}
PLACE_WEIGHTS = {
    LocationType.COUNTER: 35,
    LocationType.PHONE: 20,
    LocationType.MEETING_ROOM: 12,
    LocationType.OUTDOORS: 12,
    LocationType.DIGITAL: 9,
    LocationType.HOME_VISIT: 6,
    LocationType.WRITTEN: 4,
    LocationType.MEETING: 1,
    LocationType.OTHER: 1,
}


@dataclass
class Seeded:
    scale: float
    counts: dict = field(default_factory=dict)
    coordinator: User | None = None
    managers: list = field(default_factory=list)
    employees: list = field(default_factory=list)
    coordinators: list = field(default_factory=list)
    reception: User | None = None
    deadline_rows: int = 1_000_000
    years: tuple[int, int] = (0, 0)


def _choices(rng: random.Random, weights: dict, k: int = 1) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _moment(rng: random.Random, year: int) -> dt.datetime:
    """Office hours mostly, weekdays mostly, some evenings and weekends (outdoor work)."""
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    if day.weekday() >= 5 and rng.random() < 0.7:
        day -= dt.timedelta(days=rng.randint(1, 2))
    hour = min(23, max(0, round(rng.gauss(12.5, 3.2))))
    return dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=LOCAL_TZ)


def _people(seeded: Seeded, departments: list[Department]) -> None:
    password = make_password(PASSWORD)  # one hash for every benchmark account: hashing is slow
    groups = {name: Group.objects.get(name=name) for name in roles.ROLES}
    users = []
    for d_index, department in enumerate(departments):
        for k in range(30):
            users.append(
                User(
                    username=f"bench_m{d_index}_{k}",
                    department=department,
                    password=password,
                    first_name="Bench",
                )
            )
        users.append(User(username=f"bench_lg{d_index}", department=department, password=password))
    users += [User(username=f"bench_cag{k}", password=password) for k in range(5)]
    users.append(User(username="bench_rec0", password=password))
    User.objects.bulk_create(users, batch_size=BATCH)
    users = {u.username: u for u in User.objects.filter(username__startswith="bench_")}
    Through = User.groups.through
    links = []
    for name, user in users.items():
        links.append(Through(user_id=user.pk, group_id=groups[roles.MEDEWERKER].pk))
        if name.startswith("bench_lg"):
            links.append(Through(user_id=user.pk, group_id=groups[roles.LEIDINGGEVENDE].pk))
        if name.startswith("bench_cag"):
            links.append(Through(user_id=user.pk, group_id=groups[roles.COORDINATOR].pk))
        if name.startswith("bench_rec"):
            links.append(Through(user_id=user.pk, group_id=groups[roles.RECEPTIE].pk))
    Through.objects.bulk_create(links, batch_size=BATCH)
    for d_index, department in enumerate(departments):
        department.managers.add(users[f"bench_lg{d_index}"])
    seeded.employees = [u for n, u in users.items() if n.startswith("bench_m")]
    seeded.managers = [users[f"bench_lg{i}"] for i in range(len(departments))]
    seeded.coordinators = [users[f"bench_cag{k}"] for k in range(5)]
    seeded.coordinator = seeded.coordinators[0]
    seeded.reception = users["bench_rec0"]


def _aggressors(seeded: Seeded, rng: random.Random) -> list[int]:
    n = scaled(30_000, seeded.scale)
    rows = [
        Aggressor(
            last_name=f"Persoon{k}",
            initials="A.",
            date_of_birth=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20_000)),
            client_number=f"K{k:07d}",
            is_identified=rng.random() < 0.8,
        )
        for k in range(n)
    ]
    Aggressor.objects.bulk_create(rows, batch_size=BATCH)
    seeded.counts["aggressors"] = n
    return list(Aggressor.objects.order_by("pk").values_list("pk", flat=True))


def _incident(rng: random.Random, k: int, at: dt.datetime, department, reporter, last_year: int) -> Incident:
    """One benchmark incident at ``at``; draws from ``rng`` in a fixed order (deterministic)."""
    damage = rng.random() < 0.05
    absent = rng.random() < 0.02
    return Incident(
        reference=f"B-{at.year}-{k:06d}",
        occurred_at=at,
        reported_at=at + dt.timedelta(hours=rng.randint(0, 30)),
        reporter=reporter,
        department=department,
        location_type=_choices(rng, PLACE_WEIGHTS)[0],
        description="Benchmarkincident.",
        aggression_kind=rng.choice(["", *AggressionKind.values]),
        trigger="Wachttijd" if rng.random() < 0.4 else "",
        injury=rng.random() < 0.03,
        absence=absent,
        absence_days=rng.randint(1, 10) if absent else None,
        municipal_damage=damage,
        municipal_damage_amount=Decimal(rng.randint(20, 2000)) if damage else None,
        police_called=rng.random() < 0.06,
        police_report_planned=rng.choice(["", "melding", "aangifte", "geen"]),
        status=Status.CLOSED if at.year < last_year or rng.random() < 0.6 else Status.IN_PROGRESS,
    )


def _incident_details(seeded: Seeded, rng: random.Random, ids, reporter_pks, aggressor_ids) -> None:
    """Forms, the reporter as victim and (for most) an aggressor for every seeded incident."""
    forms, links, victims = [], [], []
    for pk, reporter_pk in zip(ids, reporter_pks, strict=True):
        for form in set(_choices(rng, FORM_WEIGHTS, k=1 + (rng.random() < 0.35))):
            forms.append(IncidentForm(incident_id=pk, form=form))
        victims.append(Involvement(incident_id=pk, role="slachtoffer", user_id=reporter_pk))
        if rng.random() < 0.7:
            # Skewed: a small group of people is behind many incidents (recidivists).
            pool = len(aggressor_ids) // 50 if rng.random() < 0.3 else len(aggressor_ids)
            index = rng.randrange(max(1, pool))
            links.append(IncidentAggressor(incident_id=pk, aggressor_id=aggressor_ids[index]))
    IncidentForm.objects.bulk_create(forms, batch_size=BATCH)
    Involvement.objects.bulk_create(victims, batch_size=BATCH)
    IncidentAggressor.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    seeded.counts.update(incident_forms=len(forms), aggressor_links=len(links))


def _incidents(seeded: Seeded, rng: random.Random, departments, aggressor_ids) -> list[int]:
    n = scaled(100_000, seeded.scale)
    last_year = timezone.localdate().year - 1
    years = list(range(last_year - 9, last_year + 1))
    seeded.years = (years[0], years[-1])
    # A little growth every year (more reporting), as municipalities see.
    per_year = [1 + 0.06 * k for k in range(10)]
    dept_weights = [w for _name, w in DEPARTMENTS]
    employees_by_dept = {}
    for user in seeded.employees:
        employees_by_dept.setdefault(user.department_id, []).append(user)
    rows, specs = [], []
    year_of = rng.choices(years, weights=per_year, k=n)
    for k in range(n):
        at = _moment(rng, year_of[k])
        department = rng.choices(departments, weights=dept_weights)[0]
        reporter = rng.choice(employees_by_dept[department.pk])
        rows.append(_incident(rng, k, at, department, reporter, last_year))
        specs.append(reporter.pk)
    Incident.objects.bulk_create(rows, batch_size=BATCH)
    ids = list(
        Incident.objects.filter(reference__startswith="B-").order_by("pk").values_list("pk", flat=True)
    )
    seeded.counts["incidents"] = n
    _incident_details(seeded, rng, ids, specs, aggressor_ids)
    return ids


def _deadline_history(seeded: Seeded) -> None:
    """Closed reaction and aftercare deadlines for every incident, then filler up to 1,000,000."""
    ct = ContentType.objects.get_for_model(Incident).pk
    kinds = [
        ("incident_reaction", "48 hours", "0.8"),
        ("aftercare_talk_1", "72 hours", "0.7"),
        ("aftercare_talk_2", "5 days", "0.75"),
        ("aftercare_talk_3", "42 days", "0.8"),
    ]
    with connection.cursor() as cursor:
        for kind, norm, on_time in kinds:
            cursor.execute(
                f"""
                INSERT INTO gir_deadline (kind, content_type_id, object_id, incident_id, starts_at, due_at,
                    remind_at, handled_late, closed_at, close_note, created_at)
                SELECT %s, %s, i.id, i.id, i.occurred_at, i.occurred_at + interval '{norm}',
                    i.occurred_at + interval '{norm}' - interval '4 hours', false,
                    CASE WHEN random() < %s THEN i.occurred_at + interval '{norm}' * random()
                         ELSE i.occurred_at + interval '{norm}' * (1 + random()) END,
                    '', i.occurred_at
                FROM incidents_incident i WHERE i.reference LIKE 'B-%%'
                """,  # noqa: S608 - constants only
                [kind, ct, float(on_time)],
            )


def _deadline_filler(seeded: Seeded) -> None:
    """More closed history (ordegesprek, ban and police deadlines) up to ``deadline_rows`` in all."""
    ct = ContentType.objects.get_for_model(Incident).pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM gir_deadline")
        have = cursor.fetchone()[0]
        filler = max(0, seeded.deadline_rows - have)
        cursor.execute(
            """
            INSERT INTO gir_deadline (kind, content_type_id, object_id, incident_id, starts_at, due_at,
                remind_at, handled_late, closed_at, close_note, created_at, reminder_sent_at, due_sent_at)
            SELECT (ARRAY['ordegesprek', 'ban_review', 'ban_end', 'incident_police_report'])[1 + g %% 4],
                %s, g,
                (SELECT min(id) FROM incidents_incident)
                    + g %% greatest(1, (SELECT count(*) FROM incidents_incident)),
                now() - interval '11 years' + g * interval '5 minutes',
                now() - interval '11 years' + g * interval '5 minutes' + interval '2 days',
                now() - interval '11 years' + g * interval '5 minutes' + interval '1 day', false,
                now() - interval '11 years' + g * interval '5 minutes' + interval '1 day', '',
                now() - interval '11 years', now() - interval '11 years', now() - interval '11 years'
            FROM generate_series(1, %s) AS g
            """,
            [ct, filler],
        )
    seeded.counts["deadline_history_filler"] = filler


def _active_deadlines(seeded: Seeded, rng: random.Random, incident_ids: list[int]) -> None:
    """Open deadlines of recent incidents; past stages already notified (a running system)."""
    n = scaled(5000, seeded.scale)
    ct = ContentType.objects.get_for_model(Incident)
    now = timezone.now()
    recent = incident_ids[-n:]
    Deadline.objects.filter(kind="incident_reaction", incident_id__in=recent).delete()
    rows = []
    for k, pk in enumerate(recent):
        due = now + dt.timedelta(hours=rng.randint(-200, 400))
        owner = seeded.managers[k % len(seeded.managers)]
        sent = now - dt.timedelta(minutes=5) if due < now else None
        rows.append(
            Deadline(
                kind="incident_reaction",
                content_type=ct,
                object_id=pk,
                incident_id=pk,
                owner=owner,
                starts_at=due - dt.timedelta(hours=48),
                due_at=due,
                remind_at=due - dt.timedelta(hours=4),
                reminder_sent_at=sent,
                due_sent_at=sent,
                escalated_at=sent,
            )
        )
    Deadline.objects.bulk_create(rows, batch_size=BATCH)
    seeded.counts["active_deadlines"] = n


def seed(scale: float = 1.0, seed_value: int = 20261123, deadline_rows: int | None = None) -> Seeded:
    """Create the municipality in the (empty, migrated) benchmark database.

    The deadline table gets 1,000,000 rows whatever the scale (the scan must stay an index
    lookup at full history), unless ``deadline_rows`` says otherwise (the tests' tiny scale).
    """
    rng = random.Random(seed_value)  # noqa: S311 - benchmark data, not secrets
    seeded = Seeded(scale=scale)
    if deadline_rows is not None:
        seeded.deadline_rows = deadline_rows
    with transaction.atomic():
        # The organisation row exists in any running municipality; made here, not by the first
        # report, whose save would otherwise bump the report cache and spoil the warm figure.
        Organisation.get()
        departments = [Department.objects.get_or_create(name=name)[0] for name, _w in DEPARTMENTS]
        for name in ["Stadhuis", "Klantcontactcentrum", "Gemeentewerf", "Wijkpost Noord"]:
            Location.objects.get_or_create(name=name, parent=None)
        _people(seeded, departments)
        twofactor.ensure_devices(User.objects.filter(username__startswith="bench_"))
        aggressor_ids = _aggressors(seeded, rng)
        incident_ids = _incidents(seeded, rng, departments, aggressor_ids)
        _deadline_history(seeded)
        _active_deadlines(seeded, rng, incident_ids)
        _deadline_filler(seeded)
        seed_measures(seeded, rng)
    with connection.cursor() as cursor:
        # As autovacuum keeps a production database: statistics, and a visibility map, without
        # which every index-only scan of freshly bulk-inserted rows still reads the table.
        # VACUUM cannot run in a transaction (the benchmark's tests seed inside one).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        cursor.execute("SELECT count(*) FROM gir_deadline")
        seeded.counts["deadline_rows"] = cursor.fetchone()[0]
    return seeded


def load_existing(scale: float) -> Seeded:
    """The accounts of an earlier seed in the same database (``--reuse``)."""
    seeded = Seeded(scale=scale)
    seeded.employees = list(User.objects.filter(username__startswith="bench_m"))
    seeded.managers = list(User.objects.filter(username__startswith="bench_lg").order_by("username"))
    seeded.coordinators = list(User.objects.filter(username__startswith="bench_cag").order_by("username"))
    seeded.coordinator = seeded.coordinators[0]
    seeded.reception = User.objects.filter(username="bench_rec0").first()
    twofactor.ensure_devices(User.objects.filter(username__startswith="bench_"))  # seeds before 2FA
    Organisation.get()  # seeds before the organisation row was made at seed time
    seeded.counts["incidents"] = Incident.objects.count()
    seeded.counts["deadline_rows"] = Deadline.objects.count()
    last_year = timezone.localdate().year - 1
    seeded.years = (last_year - 9, last_year)
    return seeded
