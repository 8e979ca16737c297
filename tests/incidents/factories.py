"""Incidents for tests, filed through the real service (as a person would)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from incidents.constants import AggressionForm, LocationType
from incidents.models import Aggressor
from incidents.services import Target, aggressor_link, incident_register
from incidents.services.evidence import attach_pending, upload_accept


def file_incident(reporter, department=None, *, hours_ago: float = 1, forms=None, target=None, **kwargs):
    incident, _created = incident_register(
        reporter=reporter,
        occurred_at=kwargs.pop("occurred_at", timezone.now() - timedelta(hours=hours_ago)),
        department=department or reporter.department,
        location_type=kwargs.pop("location_type", LocationType.COUNTER),
        description=kwargs.pop("description", "Klant schold mij uit aan de balie."),
        forms=forms or [AggressionForm.INSULT],
        target=target or Target(),
        **kwargs,
    )
    return incident


def png_bytes(size=(40, 30), exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif is not None:
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def png_upload(name="bewijs.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def add_evidence(incident, user, upload=None):
    pending = upload_accept(user=user, upload=upload or png_upload())
    return attach_pending(incident=incident, by=user, pending_ids=[pending.pk])[0]


def make_aggressor(by, incident=None, **fields) -> Aggressor:
    defaults = {
        "last_name": "Kramer",
        "first_name": "Peter",
        "date_of_birth": "1979-04-12",
        "city": "Voorbeeld",
    }
    aggressor = Aggressor.objects.create(created_by=by, **{**defaults, **fields})
    if incident is not None:
        aggressor_link(incident=incident, aggressor=aggressor, by=by)
    return aggressor
