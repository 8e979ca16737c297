"""Demo measures (``manage.py seed_demo``, step 20, after the incidents of step 10).

Warnings, an ordegesprek planned and one held, contact on conditions, two bans in force
(with a generated photo), one ended ban, a breach that became an incident, an aangifte with
its outcome and a damage claim that is partly paid. Runs once: a second seed changes nothing.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from gir.models import Location
from gir.uploads import validate_image_upload
from incidents.constants import AggressionForm, LocationType
from incidents.models import Aggressor, Incident
from sanctions.constants import (
    Attendance,
    Instruction,
    MeasureType,
    PoliceOutcome,
    Receipt,
    ReportedBy,
    ServiceMethod,
)
from sanctions.models import Measure, local_today
from sanctions.services import (
    ban_review_record,
    ban_serve,
    breach_register,
    claim_payment_add,
    measure_decide,
    ordegesprek_record,
    police_outcome_record,
)

FALLBACK_PEOPLE = [
    ("Bos", "Henk", "DEMO-S1", "Kerkstraat 12"),
    ("Hoekstra", "Sandra", "DEMO-S2", "Molenweg 3"),
    ("Koster", "Bram", "DEMO-S3", "Dorpsstraat 88"),
    ("Dekker", "Ilse", "DEMO-S4", "Lindelaan 5"),
    ("Brouwer", "Kevin", "DEMO-S5", "Stationsweg 21"),
]


def portrait(seed: int) -> SimpleUploadedFile:
    """A generated head-and-shoulders silhouette: no real person's photo in the demo."""
    colours = [(120, 144, 156), (141, 110, 99), (96, 125, 139), (121, 134, 203)]
    image = Image.new("RGB", (300, 360), (236, 239, 241))
    draw = ImageDraw.Draw(image)
    draw.ellipse([95, 50, 205, 170], fill=colours[seed % len(colours)])
    draw.rounded_rectangle([50, 185, 250, 380], radius=60, fill=colours[seed % len(colours)])
    draw.text((10, 10), "DEMO", fill=(60, 60, 60))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("demo.png", out.getvalue(), content_type="image/png")


def _people(context) -> list[Aggressor]:
    """Five persons with incidents: the incidents demo's first (most incidents first, so the
    recidivist leads), topped up with persons of our own when that demo made fewer."""
    known = list((context.get("aggressors") or {}).values())
    counts = {a.pk: Incident.objects.filter(aggressor_links__aggressor=a).count() for a in known}
    people = sorted((a for a in known if counts[a.pk]), key=lambda a: -counts[a.pk])[:5]
    return people + _fallback_people(context, 5 - len(people))


def _fallback_people(context, count: int) -> list[Aggressor]:
    from incidents.services import aggressor_create, incident_register

    users = context["users"]
    reporter = users["medewerker"]
    people = []
    for n, (last, first, number, street) in enumerate(FALLBACK_PEOPLE[:count]):
        person = Aggressor.objects.filter(client_number=number).first()
        if person is None:
            incident, _created = incident_register(
                reporter=reporter,
                # Before any measure the demo decides for them (the oldest is 200 days back).
                occurred_at=timezone.now() - timedelta(days=260 - n * 10),
                department=reporter.department,
                location_type=LocationType.COUNTER,
                description="Klant werd boos aan de balie en schold de medewerker uit (demo).",
                forms=[AggressionForm.INSULT, AggressionForm.SHOUTING],
            )
            person = aggressor_create(
                by=users["coordinator"],
                data={
                    "last_name": last,
                    "first_name": first,
                    "client_number": number,
                    "street": street,
                    "postal_code": "1234 AB",
                    "city": "Voorbeeld",
                },
                incident=incident,
            )
        people.append(person)
    return people


def _incidents(person) -> list[Incident]:
    return list(Incident.objects.filter(aggressor_links__aggressor=person).order_by("occurred_at"))


def _after(incident: Incident, now, ago: timedelta):
    """``ago`` before now, but never before the incident it answers, nor in the future."""
    return min(now, max(now - ago, incident.occurred_at + timedelta(hours=1)))


def _decider(incident: Incident, users):
    manager = incident.department.managers.filter(is_active=True).order_by("pk").first()
    if manager is not None and manager.has_perm("sanctions.decide_measure"):
        return manager
    return users["coordinator"]


def _warning_then_talk_then_ban(person, users, today, now, locations) -> None:
    """The recidivist: warning, ordegesprek held, ban in force, breach, aangifte with outcome."""
    incidents = _incidents(person)
    manager = _decider(incidents[0], users)
    _warning_then_talk(person, incidents, manager, now)
    ban = _ban_served(person, incidents[-1], users, manager, today, now)
    _breach_and_aangifte(person, ban, users, manager, today, now, locations)


def _warning_then_talk(person, incidents, manager, now) -> None:
    """A written warning for the first incident, then an ordegesprek that was held."""
    first = incidents[0]
    measure_decide(
        by=manager,
        aggressor=person,
        measure_type=MeasureType.WRITTEN_WARNING,
        incidents=[first],
        reason="Schelden aan de balie. Eerste keer: schriftelijke waarschuwing.",
        decided_at=now - timedelta(days=60),
    )
    talk = measure_decide(
        by=manager,
        aggressor=person,
        measure_type=MeasureType.ORDEGESPREK,
        incidents=incidents[1:2] or [first],
        reason="Opnieuw agressief na de waarschuwing.",
        decided_at=now - timedelta(days=45),
        details={
            "planned_at": now - timedelta(days=41),
            "place": "Stadhuis, spreekkamer 2",
            "attendees": "Leidinggevende en de medewerker",
        },
    )
    ordegesprek_record(
        measure=talk,
        by=manager,
        attendance=Attendance.ATTENDED,
        outcome="Excuses aangeboden, maar zegt het weer te doen als hij niet wordt geholpen.",
        agreements="Alleen nog op afspraak komen.",
    )


def _ban_served(person, last, users, manager, today, now):
    """A ban of three months for all locations, decided by the mandated manager and served."""
    ban = measure_decide(
        by=users["gemandateerde"],
        aggressor=person,
        measure_type=MeasureType.BAN,
        incidents=[last],
        reason="Bedreiging na ordegesprek. Toegangsverbod van drie maanden.",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=62),
        decided_at=now - timedelta(days=31),
        details={"all_locations": True, "instruction": Instruction.CALL_SECURITY},
        photo=validate_image_upload(portrait(1)),
    )
    ban_serve(
        ban=ban.ban,
        by=manager,
        method=ServiceMethod.IN_PERSON,
        served_on=today - timedelta(days=30),
        receipt=Receipt.REFUSED,
    )
    return ban


def _breach_and_aangifte(person, ban, users, manager, today, now, locations) -> None:
    """Reception registers a breach; the manager reports it to the police, who prosecute."""
    breach = breach_register(
        ban=ban.ban,
        by=users["receptie"],
        occurred_at=now - timedelta(days=5),
        description="Kwam binnen bij de hoofdingang en wilde naar de balie. Drie keer gevraagd weg te gaan.",
        location=locations.get("stadhuis"),
        place="Hoofdingang",
        forms=[AggressionForm.REFUSE_LEAVE],
    )
    aangifte = measure_decide(
        by=manager,
        aggressor=person,
        measure_type=MeasureType.AANGIFTE,
        incidents=[breach.incident],
        reason="Overtreding van het toegangsverbod (artikel 138 Wetboek van Strafrecht).",
        decided_at=now - timedelta(days=4),
        details={"reported_by": ReportedBy.EMPLOYER, "reported_on": today - timedelta(days=4), "vpt": True},
    )
    police_outcome_record(
        report=aangifte.policereport,
        by=manager,
        police_number="PL0900-2026123456",
        outcome=PoliceOutcome.PROSECUTION,
        outcome_on=today - timedelta(days=1),
        outcome_note="Het OM heeft de zaak aangebracht bij de politierechter.",
    )


def _verbal_and_planned_talk(person, users, now) -> None:
    incident = _incidents(person)[-1]
    manager = _decider(incident, users)
    measure_decide(
        by=manager,
        aggressor=person,
        measure_type=MeasureType.VERBAL_WARNING,
        incidents=[incident],
        reason="Direct aangesproken op het schreeuwen.",
        decided_at=_after(incident, now, timedelta(days=3)),
    )
    measure_decide(
        by=manager,
        aggressor=person,
        measure_type=MeasureType.ORDEGESPREK,
        incidents=[incident],
        reason="Het gedrag herhaalt zich; we willen afspraken maken.",
        decided_at=_after(incident, now, timedelta(days=1)),
        details={
            "planned_at": (now + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0),
            "place": "Klantcontactcentrum, spreekkamer 1",
            "attendees": "Leidinggevende, de medewerker",
        },
    )


def _conditions(person, users, today, now) -> None:
    incident = _incidents(person)[-1]
    measure_decide(
        by=_decider(incident, users),
        aggressor=person,
        measure_type=MeasureType.CONTACT_CONDITIONS,
        incidents=[incident],
        reason="Belt steeds boos naar medewerkers. Contact alleen nog schriftelijk en op afspraak.",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=170),
        decided_at=_after(incident, now, timedelta(days=10)),
        details={"appointment_only": True, "no_phone": True, "contact_person": "Mevrouw El Amrani"},
    )


def _ban_with_claim(person, users, today, now, locations) -> None:
    incident = _incidents(person)[-1]
    manager = _decider(incident, users)
    chosen = [loc for loc in [locations.get("kcc")] if loc is not None] or list(Location.objects.all()[:1])
    ban = measure_decide(
        by=users["gemandateerde"],
        aggressor=person,
        measure_type=MeasureType.BAN,
        incidents=[incident],
        reason="Vernieling van de balie en bedreiging.",
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=120),
        decided_at=now - timedelta(days=8),
        details={
            "all_locations": False,
            "locations": chosen,
            "instruction": Instruction.CALL_POLICE,
            "instruction_text": "Niet zelf aanspreken.",
        },
        photo=validate_image_upload(portrait(2)),
    )
    ban_serve(
        ban=ban.ban,
        by=manager,
        method=ServiceMethod.REGISTERED_MAIL,
        served_on=today - timedelta(days=7),
        tracking_number="3SDEMO1234567",
    )
    claim = measure_decide(
        by=manager,
        aggressor=person,
        measure_type=MeasureType.DAMAGE_CLAIM,
        incidents=[incident],
        reason="Schade aan de balie verhalen.",
        decided_at=now - timedelta(days=6),
        details={
            "claim_date": today - timedelta(days=6),
            "items": [("Nieuw glas balie", Decimal("850.00")), ("Reparatie stoel", Decimal("120.50"))],
        },
    )
    claim_payment_add(
        claim=claim.damageclaim, by=manager, paid_on=today - timedelta(days=2), amount=Decimal("300.00")
    )


def _ended_ban(person, users, today, now) -> None:
    incident = _incidents(person)[0]
    ban = measure_decide(
        by=users["gemandateerde"],
        aggressor=person,
        measure_type=MeasureType.BAN,
        incidents=[incident],
        reason="Duwde een medewerker weg bij de balie.",
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=100),
        decided_at=now - timedelta(days=201),
        details={"all_locations": True, "instruction": Instruction.DO_NOT_SERVE},
    )
    ban_serve(
        ban=ban.ban,
        by=users["gemandateerde"],
        method=ServiceMethod.IN_PERSON,
        served_on=today - timedelta(days=200),
        receipt=Receipt.SIGNED,
    )
    ban_review_record(ban=ban.ban, by=users["gemandateerde"], note="Afgelopen zoals gepland.")


def seed_demo(context: dict) -> None:
    if Measure.objects.exists():
        return
    users, locations = context["users"], context.get("locations", {})
    now, today = timezone.now(), local_today()
    people = _people(context)
    _warning_then_talk_then_ban(people[0], users, today, now, locations)
    _verbal_and_planned_talk(people[1], users, now)
    _conditions(people[2], users, today, now)
    _ban_with_claim(people[3], users, today, now, locations)
    _ended_ban(people[4], users, today, now)
