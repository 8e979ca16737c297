"""Ban deadlines go through the one deadline engine: a review reminder before the end and an
end notice to the deciding manager and the coordinator, each exactly once."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection, connections

from gir.deadlines.scan import scan
from gir.models import Deadline, Notification
from sanctions.constants import DEADLINE_BAN_END, DEADLINE_BAN_REVIEW, DEADLINE_ORDEGESPREK
from sanctions.services import ban_review_record, measure_decide, ordegesprek_record
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

END = date(2026, 10, 25)  # the last Sunday of October
END_INSTANT = datetime(2026, 10, 25, 23, 0, tzinfo=UTC)  # 26 October 00:00 CET


def _ban(world):
    with time_machine.travel(datetime(2026, 7, 20, 8, 0, tzinfo=UTC), tick=False):
        incident = make_incident(world)
        aggressor = make_aggressor(incident)
        return make_ban(world, aggressor, incident, starts_on=date(2026, 7, 20), ends_on=END)


def _notices(user, text):
    return Notification.objects.filter(recipient=user, subject__contains=text)


@pytest.mark.django_db
def test_serving_opens_the_review_and_end_deadlines_owned_by_the_decider(world):
    ban = _ban(world)
    review = Deadline.objects.get(kind=DEADLINE_BAN_REVIEW)
    end = Deadline.objects.get(kind=DEADLINE_BAN_END)
    assert end.due_at == END_INSTANT
    assert review.due_at == END_INSTANT - timedelta(days=14)
    assert review.owner == end.owner == world.mandated
    assert end.object_id == ban.pk


@pytest.mark.django_db
def test_the_end_notice_goes_to_the_decider_and_coordinator_once_at_the_end(world):
    _ban(world)
    with time_machine.travel(END_INSTANT - timedelta(seconds=1), tick=False):
        scan()
        assert not _notices(world.mandated, "Toegangsverbod afgelopen").exists()
    with time_machine.travel(END_INSTANT + timedelta(minutes=1), tick=False):
        scan()
        scan()
        assert _notices(world.mandated, "Toegangsverbod afgelopen").count() == 1
        assert _notices(world.coordinator, "Toegangsverbod afgelopen").count() == 1
    with time_machine.travel(END_INSTANT + timedelta(hours=2), tick=False):
        scan()
    assert _notices(world.coordinator, "Toegangsverbod afgelopen").count() == 1
    assert not _notices(world.coordinator, "Termijn gemist: Toegangsverbod afgelopen").exists()
    assert not Deadline.objects.open().filter(kind=DEADLINE_BAN_END).exists()
    # The review reminder fired once too (two weeks before), not again at the end.
    assert _notices(world.mandated, "beoordelen").count() == 1


@pytest.mark.django_db
def test_recording_the_review_closes_the_reminder(world):
    ban = _ban(world)
    with time_machine.travel(datetime(2026, 10, 12, 9, 0, tzinfo=UTC), tick=False):
        ban_review_record(ban=ban, by=world.mandated, note="Loopt af zoals gepland")
        scan()
    assert not Deadline.objects.open().filter(kind=DEADLINE_BAN_REVIEW).exists()
    assert not _notices(world.mandated, "beoordelen").exists()


@pytest.mark.django_db
def test_an_ordegesprek_has_a_one_week_deadline_closed_by_recording_it(world):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        measure = measure_decide(
            by=world.manager,
            aggressor=aggressor,
            measure_type="ordegesprek",
            incidents=[incident],
            reason="Tweede keer",
            details={"planned_at": now + timedelta(days=2), "place": "Stadhuis", "attendees": "Ik"},
        )
    deadline = Deadline.objects.get(kind=DEADLINE_ORDEGESPREK)
    assert deadline.due_at == now + timedelta(days=7)
    assert deadline.owner == world.manager
    ordegesprek_record(measure=measure, by=world.manager, attendance="niet_verschenen")
    deadline.refresh_from_db()
    assert deadline.closed_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent scans need a real database server")
@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_send_the_end_notice_once(world):
    _ban(world)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            scan(END_INSTANT + timedelta(hours=2))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _notices(world.mandated, "Toegangsverbod afgelopen").count() == 1
    assert _notices(world.coordinator, "Toegangsverbod afgelopen").count() == 1


@pytest.mark.django_db
def test_a_review_before_the_end_does_not_swallow_the_end_notice(world):
    ban = _ban(world)
    with time_machine.travel(END_INSTANT - timedelta(days=3), tick=False):
        ban_review_record(ban=ban, by=world.mandated, note="Loopt af zoals gepland")
    assert Deadline.objects.open().filter(kind=DEADLINE_BAN_END).exists()
    with time_machine.travel(END_INSTANT + timedelta(minutes=1), tick=False):
        scan()
    assert _notices(world.coordinator, "Toegangsverbod afgelopen").count() == 1
    assert not Deadline.objects.open().filter(kind=DEADLINE_BAN_END).exists()


def test_the_aangifte_task_after_a_breach_names_the_new_incident_and_opens_the_aangifte(world):
    from django.utils import timezone

    from gir.registry import describe_deadlines
    from sanctions.constants import DEADLINE_BREACH_AANGIFTE
    from sanctions.services import breach_register

    ban = _ban(world)
    breach = breach_register(
        ban=ban, by=world.reception, occurred_at=timezone.now(), description="Kwam toch binnen."
    )
    deadline = Deadline.objects.get(kind=DEADLINE_BREACH_AANGIFTE, object_id=breach.pk)
    text = describe_deadlines([deadline])[deadline.pk]
    assert text.reference == breach.incident.reference
    assert text.url.endswith(f"/aangifte/?incident={breach.incident_id}")
