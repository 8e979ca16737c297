"""Builders for sanction tests: incidents with an aggressor, and bans in given states."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gir.uploads import validate_image_upload
from incidents.constants import AggressionForm, LocationType
from incidents.models import Aggressor, IncidentAggressor
from incidents.services import incident_register
from sanctions.constants import Instruction, MeasureType, Receipt, ServiceMethod
from sanctions.services import ban_serve, measure_decide


def png_upload(name="foto.png", colour=(200, 80, 80)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), colour).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def make_incident(world, *, department=None, forms=(AggressionForm.INSULT,), reporter=None, occurred_at=None):
    incident, _created = incident_register(
        reporter=reporter or world.employee,
        occurred_at=occurred_at or timezone.now() - timedelta(hours=2),
        department=department or world.dept_a,
        location_type=LocationType.COUNTER,
        description="Schold de medewerker uit aan de balie.",
        forms=list(forms),
    )
    return incident


def make_aggressor(incident, **data) -> Aggressor:
    defaults = {
        "last_name": "Verbodenberg",
        "first_name": "Karel",
        "date_of_birth": date(1979, 4, 17),
        "street": "Geheimstraat 12",
        "postal_code": "9999 ZZ",
        "city": "Nergenshuizen",
        "client_number": "KL-778899",
        "description": "Lange man met rode jas",
    }
    aggressor = Aggressor.objects.create(**{**defaults, **data})
    IncidentAggressor.objects.create(incident=incident, aggressor=aggressor)
    return aggressor


def ban_in_force(world, aggressor, incident, *, days: int = 100):
    """A served ban without photo, from today for ``days`` days: the plain case many tests need."""
    today = date.today()
    return make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=days), photo=False
    )


def make_ban(
    world,
    aggressor,
    incident,
    *,
    starts_on: date,
    ends_on: date,
    served_on: date | None = None,
    serve: bool = True,
    all_locations: bool = True,
    locations=(),
    photo: bool = True,
    motivation: str = "",
    instruction: str = Instruction.CALL_SECURITY,
):
    measure = measure_decide(
        by=world.mandated,
        aggressor=aggressor,
        measure_type=MeasureType.BAN,
        incidents=[incident],
        reason="Bedreigde een medewerker met geweld (reden-test).",
        starts_on=starts_on,
        ends_on=ends_on,
        details={
            "all_locations": all_locations,
            "locations": list(locations),
            "instruction": instruction,
            "instruction_text": "Bel 3333",
            "shorter_motivation": motivation,
        },
        photo=validate_image_upload(png_upload()) if photo else None,
    )
    ban = measure.ban
    if serve:
        ban = ban_serve(
            ban=ban,
            by=world.mandated,
            method=ServiceMethod.IN_PERSON,
            served_on=served_on or starts_on,
            receipt=Receipt.SIGNED,
        )
    return ban
