"""A ban's photo: from the aggressor's record, added or replaced later, history kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from sanctions.constants import EventKind
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident, png_upload

pytestmark = pytest.mark.django_db


def test_the_aggressors_photo_is_taken_and_can_be_replaced_later_with_history(
    world, login, django_capture_on_commit_callbacks
):
    incident = make_incident(world)
    person = make_aggressor(incident)
    person.photo.save("dader.png", ContentFile(png_upload().read()), save=True)
    today = timezone.localdate()
    ban = make_ban(world, person, incident, starts_on=today, ends_on=today + timedelta(days=100), photo=False)
    assert ban.photo and ban.photo.name != person.photo.name  # a copy: the ban keeps its own file
    first = ban.photo.name

    client = login(world.mandated)
    url = reverse("sanctions:ban-photo-set", args=[ban.pk])
    refused = client.post(url, {})
    assert refused.status_code == 200 and "Kies een foto" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"photo": png_upload("nieuw.png", colour=(10, 200, 10))})
    ban.refresh_from_db()
    assert ban.photo.name != first
    assert not ban.photo.storage.exists(first)
    events = list(ban.measure.events.filter(kind=EventKind.PHOTO).values_list("note", flat=True))
    assert events == ["Foto vervangen (geüpload)"]
    assert login(world.reception).get(reverse("sanctions:ban-photo", args=[ban.pk])).status_code == 200
