"""Retention: expired data is erased, files included, and nothing else (QUALITY.md "Privacy")."""

import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from gir.models import Notification
from incidents.constants import Status
from incidents.models import Aggressor, Evidence, Incident
from incidents.services import incident_transition
from privacy.constants import ERASED
from privacy.models import Erasure, RetentionPolicy, RetentionRun
from privacy.retention import daily_sweep, sweep
from tests.incidents.factories import add_evidence, file_incident, make_aggressor

YEAR = timedelta(days=365)


def _closed_incident(world, description="Klant sloeg met een map op de balie."):
    incident = file_incident(world.employee, description=description)
    incident_transition(incident=incident, to_status=Status.CLOSED, by=world.manager)
    return incident


def test_closed_incident_details_and_evidence_are_erased_after_the_period(
    world, django_capture_on_commit_callbacks
):
    with time_machine.travel("2020-03-01 10:00Z", tick=False):
        old = _closed_incident(world)
        evidence = add_evidence(old, world.employee)
        stored_name = evidence.file.name
    with time_machine.travel("2025-03-02 10:00Z", tick=False):
        recent = _closed_incident(world, description="Recent incident blijft.")
        open_one = file_incident(world.employee, description="Open incident blijft.")
        with django_capture_on_commit_callbacks(execute=True):
            counts = sweep()
    old.refresh_from_db()
    assert old.description == ERASED
    assert not Evidence.objects.filter(incident=old).exists()
    assert not evidence.file.storage.exists(stored_name)
    assert old.forms.exists(), "statistics survive: the forms of aggression stay"
    assert Incident.objects.get(pk=recent.pk).description == "Recent incident blijft."
    assert Incident.objects.get(pk=open_one.pk).description == "Open incident blijft."
    assert counts["incident_details"] == 1


def test_aggressor_is_anonymised_only_after_the_period_since_the_last_incident(world):
    with time_machine.travel("2019-01-10 10:00Z", tick=False):
        old_incident = _closed_incident(world)
        quiet = make_aggressor(world.manager, old_incident, last_name="Stil", first_name="Sjaak")
        active = make_aggressor(world.manager, old_incident, last_name="Actief", first_name="Anna")
    with time_machine.travel("2023-06-01 10:00Z", tick=False):
        file_incident(world.employee)  # not linked to anyone
        newer = file_incident(world.employee)
        from incidents.services import aggressor_link

        aggressor_link(incident=newer, aggressor=active, by=world.manager)
    with time_machine.travel("2024-02-01 10:00Z", tick=False):
        sweep()
    quiet.refresh_from_db()
    active.refresh_from_db()
    assert quiet.anonymised_at is not None
    assert quiet.last_name == "" and quiet.date_of_birth is None and quiet.city == ""
    assert active.anonymised_at is None and active.last_name == "Actief"


def test_a_measure_that_ended_within_the_period_keeps_the_person(world):
    from sanctions.constants import MeasureType
    from sanctions.services import measure_decide

    with time_machine.travel("2018-05-01 10:00Z", tick=False):
        incident = _closed_incident(world)
        person = make_aggressor(world.manager, incident, last_name="Verbannen")
        measure_decide(
            by=world.manager,
            aggressor=person,
            measure_type=MeasureType.WRITTEN_WARNING,
            incidents=[incident],
            reason="Waarschuwing",
        )
    from sanctions.models import Measure

    Measure.objects.filter(aggressor=person).update(starts_on=date(2018, 5, 1), ends_on=date(2023, 12, 31))
    with time_machine.travel("2024-02-01 10:00Z", tick=False):
        sweep()
    person.refresh_from_db()
    assert person.anonymised_at is None, "a measure that ended within the period keeps the person"


def test_the_period_is_a_setting(world):
    with time_machine.travel("2024-01-01 10:00Z", tick=False):
        incident = _closed_incident(world)
    with time_machine.travel("2024-06-01 10:00Z", tick=False):
        assert sweep()["incident_details"] == 0
        RetentionPolicy.objects.filter(data_class="incident_details").update(days=90)
        assert sweep()["incident_details"] == 1
    incident.refresh_from_db()
    assert incident.description == ERASED


def test_old_sent_notifications_are_removed_and_unsent_ones_kept(world):
    with time_machine.travel("2024-01-01 10:00Z", tick=False):
        sent = Notification.objects.create(recipient=world.employee, subject="Oud", emailed_at=timezone.now())
        unsent = Notification.objects.create(recipient=world.employee, subject="Nog niet verstuurd")
    with time_machine.travel("2025-06-01 10:00Z", tick=False):
        sweep()
    assert not Notification.objects.filter(pk=sent.pk).exists()
    assert Notification.objects.filter(pk=unsent.pk).exists()


def test_the_sweep_erases_each_object_once(world):
    with time_machine.travel("2019-01-01 10:00Z", tick=False):
        _closed_incident(world)
    with time_machine.travel("2025-01-01 10:00Z", tick=False):
        assert sweep()["incident_details"] == 1
        assert sweep()["incident_details"] == 0
    assert Erasure.objects.filter(data_class="incident_details").count() == 1


def test_daily_sweep_runs_once_per_local_day_across_dst(world):
    # 25 October 2026: clocks go back; the local day has 25 hours.
    with time_machine.travel("2026-10-24 22:30Z", tick=False) as traveller:  # 00:30 local, 25 Oct
        assert daily_sweep() is not None
        for _hour in range(24):
            traveller.shift(3600)
            if timezone.localtime().date() == date(2026, 10, 25):
                assert daily_sweep() is None
        assert timezone.localtime().date() == date(2026, 10, 25)
        traveller.shift(3600)  # 00:30 local, 26 Oct
        assert daily_sweep() is not None
    assert RetentionRun.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_sweep_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL test")
    from privacy.models import RetentionPolicy

    RetentionPolicy.objects.get_or_create(data_class="notifications", defaults={"days": 365})
    results = []

    def run():
        try:
            results.append(daily_sweep())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([r for r in results if r is not None]) == 1
    assert RetentionRun.objects.count() == 1


def test_uploads_never_sent_with_a_form_are_removed_after_a_day(world, django_capture_on_commit_callbacks):
    from incidents.models import PendingUpload
    from incidents.services.evidence import upload_accept
    from tests.incidents.factories import png_upload

    with time_machine.travel("2026-03-01 10:00Z", tick=False):
        old = upload_accept(user=world.employee, upload=png_upload())
        name = old.file.name
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        fresh = upload_accept(user=world.colleague, upload=png_upload())
    with (
        time_machine.travel("2026-03-02 11:00Z", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        counts = sweep()
    assert counts["pending_uploads"] == 1
    assert not PendingUpload.objects.filter(pk=old.pk).exists()
    assert not old.file.storage.exists(name)
    assert PendingUpload.objects.filter(pk=fresh.pk).exists()


def test_an_anonymised_persons_photo_and_ban_photos_are_deleted(world, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from sanctions.models import Ban
    from tests.incidents.factories import png_bytes
    from tests.sanctions.helpers import make_ban

    with time_machine.travel("2018-05-01 10:00Z", tick=False):
        incident = _closed_incident(world)
        person = make_aggressor(world.manager, incident, last_name="Gefotografeerd")
        person.photo.save("persoon.png", ContentFile(png_bytes()))
        ban = make_ban(world, person, incident, starts_on=date(2018, 5, 2), ends_on=date(2018, 11, 2))
    files = [(person.photo.storage, person.photo.name), (ban.photo.storage, ban.photo.name)]
    assert all(storage.exists(name) for storage, name in files)
    with (
        time_machine.travel("2025-01-01 10:00Z", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert sweep()["aggressor"] == 1
    assert not any(storage.exists(name) for storage, name in files)
    assert Ban.objects.get(pk=ban.pk).photo == ""
    assert Aggressor.objects.get(pk=person.pk).photo == ""
