"""Demo incidents for the demo municipality (``manage.py seed_demo``).

About fifteen incidents over the last months: many forms and places, several departments,
a recidivist with three incidents, office holders as victims, witnesses, evidence, and some
closed. Later demo steps find them in ``context["incidents"]`` and ``context["aggressors"]``.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from gir.deadlines import deadline_close
from gir.history import rewriting_history
from gir.models import Deadline, Department
from incidents.constants import (
    DEADLINE_REACTION,
    InvolvementRole,
    PolicePlan,
    ReporterRole,
    Status,
    VictimKind,
)
from incidents.demo_data import AGGRESSORS, INCIDENTS, OFFICE_HOLDERS, REPORTED_NAMES
from incidents.models import Aggressor, Incident, IncidentEvent, StatusChange
from incidents.services import (
    Target,
    aggressor_create,
    aggressor_link,
    incident_record_first_talk,
    incident_register,
    incident_transition,
    involvement_add,
)
from incidents.services.evidence import attach_pending, upload_accept


def _aggressors(users) -> dict[str, Aggressor]:
    found = {}
    for key, data in AGGRESSORS.items():
        person = Aggressor.objects.filter(client_number=data["client_number"]).first()
        if person is None:
            person = aggressor_create(by=users["coordinator"], data=dict(data))
        found[key] = person
    return found


def _png() -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 470, 60], outline="black")
    draw.text((20, 25), "Schermafbeelding bericht (demo)", fill="black")
    for row in range(4):
        draw.rectangle([20, 80 + row * 50, 400 - row * 40, 110 + row * 50], fill=(200, 200, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("schermafbeelding.png", out.getvalue(), content_type="image/png")


def _backdate(incident: Incident, occurred_at) -> None:
    """Make an older demo report look as it would have: reported an hour after it happened."""
    reported = occurred_at + timedelta(hours=1)
    Incident.objects.filter(pk=incident.pk).update(reported_at=reported, created_at=reported)
    with rewriting_history():  # demo data only: its history is backdated with it
        StatusChange.objects.filter(incident=incident).update(at=reported)
        IncidentEvent.objects.filter(incident=incident).update(at=reported)


def _one(row, users, locations, aggressors, now) -> Incident:
    days, hour, dept, ltype, loc, forms, reporter_key, _role, target_key, agg_key, _closed, text = row
    occurred = (now - timedelta(days=days)).replace(minute=15, second=0, microsecond=0)
    if days:
        occurred = occurred.replace(hour=hour)
    occurred = min(occurred, now)
    reporter = users[reporter_key]
    target = Target()
    reporter_role = ReporterRole.SELF
    if target_key == "collega":
        victim = next(
            (u for u in users.values() if u.department and u.department.name == dept and u != reporter),
            users["medewerker"],
        )
        target, reporter_role = Target(user=victim), ReporterRole.MANAGER
    elif target_key in OFFICE_HOLDERS:
        name, function = OFFICE_HOLDERS[target_key]
        target = Target(name=name, victim_kind=VictimKind.OFFICE_HOLDER, function=function)
        reporter_role = ReporterRole.WITNESS
    incident, _created = incident_register(
        reporter=reporter,
        occurred_at=occurred,
        department=Department.objects.get(name=dept),
        location_type=ltype,
        location=locations.get(loc),
        description=text,
        aggressor_name=REPORTED_NAMES.get(text, ""),
        forms=forms,
        reporter_role=reporter_role,
        target=target,
    )
    if days > 1:
        _backdate(incident, occurred)
        incident.refresh_from_db()
    if agg_key:
        aggressor_link(
            incident=incident, aggressor=aggressors[agg_key], by=incident.department.managers.first()
        )
    incident = _follow_up(incident, row, users, occurred)
    if days > 1:
        _settle_history(incident, occurred)
    return incident


def _settle_history(incident: Incident, occurred) -> None:
    """Follow-ups of an old demo incident happened a few hours after it, not today."""
    later = occurred + timedelta(hours=3)
    with rewriting_history():
        IncidentEvent.objects.filter(incident=incident, at__gt=later).update(at=later)
        StatusChange.objects.filter(incident=incident, at__gt=later).update(at=later)
    Deadline.objects.for_object(incident).filter(closed_at__gt=later).update(closed_at=later)


def _follow_up(incident: Incident, row, users, occurred) -> Incident:
    days, closed = row[0], row[10]
    manager = incident.department.managers.order_by("pk").first() or users["coordinator"]
    if days >= 5:
        incident_record_first_talk(
            incident=incident,
            by=manager,
            at=occurred + timedelta(hours=3),
            summary="Gesproken met de medewerker. Gaat redelijk; wil graag een brief naar de dader.",
            police_plan=PolicePlan.NONE if len(row[5]) == 1 else PolicePlan.MELDING,
        )
    if days >= 30:
        deadline_close(
            kind=DEADLINE_REACTION,
            subject=incident,
            by=manager,
            note="Reactie verstuurd (demo)",
            at=occurred + timedelta(hours=30),
        )
    if days == 41:
        involvement_add(
            incident=incident,
            by=manager,
            role=InvolvementRole.WITNESS,
            user=users["leidinggevende"],
            function=users["leidinggevende"].job_title,
            department=users["leidinggevende"].department,
        )
    if closed:
        incident = incident_transition(incident=incident, to_status=Status.CLOSED, by=manager)
    return incident


def seed_incidents(context: dict) -> None:
    users, locations = context["users"], context["locations"]
    aggressors = _aggressors(users)
    context["aggressors"] = aggressors
    if Incident.objects.filter(description=INCIDENTS[0][-1]).exists():
        texts = [row[-1] for row in INCIDENTS]
        context["incidents"] = list(Incident.objects.filter(description__in=texts).order_by("occurred_at"))
        return
    now = timezone.now()
    incidents = [_one(row, users, locations, aggressors, now) for row in INCIDENTS]
    digital = incidents[7]
    pending = upload_accept(user=users["collega"], upload=_png())
    attach_pending(
        incident=digital, by=users["collega"], pending_ids=[pending.pk], description="Bericht op Facebook"
    )
    context["incidents"] = incidents
