"""Access bans: in force from their dates, served first, minimum duration, no overlap."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from gir.models import Deadline, Location
from sanctions.constants import DEADLINE_BAN_END, DEADLINE_BAN_REVIEW, BanPhase, EventKind
from sanctions.models import Ban, BanLocation, MeasureEvent
from sanctions.services import BanOverlap, MeasureError, ban_extend, measure_revoke
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


@pytest.fixture
def person(world):
    incident = make_incident(world)
    return make_aggressor(incident), incident


def test_a_ban_is_not_in_force_before_it_is_served(world, person):
    aggressor, incident = person
    today = date.today()
    ban = make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100), serve=False
    )
    assert not Ban.objects.in_force().filter(pk=ban.pk).exists()
    assert ban.phase() == BanPhase.NOT_SERVED
    assert not Deadline.objects.filter(kind=DEADLINE_BAN_END).exists()
    serve = Deadline.objects.open().get(kind="ban_serve")
    assert serve.owner == world.mandated
    from sanctions.services import ban_serve

    ban_serve(ban=ban, by=world.manager, method="persoonlijk", served_on=today, receipt="geweigerd")
    serve.refresh_from_db()
    assert serve.closed_at is not None and serve.closed_by == world.manager
    assert Ban.objects.in_force().filter(pk=ban.pk).exists()


def test_a_ban_served_after_its_start_counts_from_the_day_it_was_served(world, person):
    aggressor, incident = person
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=UTC), tick=False) as traveller:
        ban = make_ban(
            world, aggressor, incident, starts_on=date(2026, 5, 1), ends_on=date(2026, 8, 31), serve=False
        )
        traveller.move_to(datetime(2026, 5, 6, 9, 0, tzinfo=UTC))
        from sanctions.services import ban_serve

        ban_serve(
            ban=ban,
            by=world.mandated,
            method="aangetekend",
            served_on=date(2026, 5, 6),
            tracking_number="3S1",
        )
        assert Ban.objects.in_force().filter(pk=ban.pk).exists()
        assert not Ban.objects.in_force(datetime(2026, 5, 5, 12, 0, tzinfo=UTC)).filter(pk=ban.pk).exists()


@pytest.mark.parametrize(
    ("end", "last_in", "first_out"),
    [
        # Last Sunday of October: the clocks go back at 01:00 UTC; the day ends at 23:00 UTC.
        (
            date(2026, 10, 25),
            datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC),
            datetime(2026, 10, 25, 23, 0, tzinfo=UTC),
        ),
        # Summer time: the day ends at 22:00 UTC.
        (
            date(2026, 7, 15),
            datetime(2026, 7, 15, 21, 59, 59, tzinfo=UTC),
            datetime(2026, 7, 15, 22, 0, tzinfo=UTC),
        ),
        # Last Sunday of March: the clocks go forward; still summer time at the end of the day.
        (
            date(2027, 3, 28),
            datetime(2027, 3, 28, 21, 59, 59, tzinfo=UTC),
            datetime(2027, 3, 28, 22, 0, tzinfo=UTC),
        ),
    ],
)
def test_a_ban_ends_at_the_local_midnight_closing_its_last_day(world, person, end, last_in, first_out):
    aggressor, incident = person
    with time_machine.travel(
        datetime.combine(end - timedelta(days=100), datetime.min.time(), UTC), tick=False
    ):
        ban = make_ban(world, aggressor, incident, starts_on=end - timedelta(days=95), ends_on=end)
    assert Ban.objects.in_force(last_in).filter(pk=ban.pk).exists()
    assert not Ban.objects.in_force(first_out).filter(pk=ban.pk).exists()
    assert ban.in_force_until == first_out


def test_a_ban_starts_at_local_midnight_on_the_last_sunday_of_march(world, person):
    aggressor, incident = person
    start = date(2027, 3, 28)
    with time_machine.travel(datetime(2027, 3, 20, 12, tzinfo=UTC), tick=False):
        ban = make_ban(
            world,
            aggressor,
            incident,
            starts_on=start,
            ends_on=start + timedelta(days=100),
            served_on=date(2027, 3, 20),
        )
    # 28 March starts at 00:00 CET = 27 March 23:00 UTC (the switch is at 01:00 UTC).
    assert not Ban.objects.in_force(datetime(2027, 3, 27, 22, 59, 59, tzinfo=UTC)).filter(pk=ban.pk).exists()
    assert Ban.objects.in_force(datetime(2027, 3, 27, 23, 0, tzinfo=UTC)).filter(pk=ban.pk).exists()


def test_minimum_duration_is_refused_without_motivation(world, person):
    aggressor, incident = person
    today = date.today()
    with pytest.raises(MeasureError, match="minimaal 91 dagen"):
        make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=89))
    assert not Ban.objects.exists()


def test_exactly_the_minimum_is_accepted(world, person):
    aggressor, incident = person
    today = date.today()
    ban = make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=90))
    assert (ban.measure.ends_on - ban.measure.starts_on).days + 1 == 91


def test_a_shorter_ban_is_accepted_with_a_motivation(world, person):
    aggressor, incident = person
    today = date.today()
    ban = make_ban(
        world,
        aggressor,
        incident,
        starts_on=today,
        ends_on=today + timedelta(days=30),
        motivation="Eerste keer, spijt.",
    )
    assert ban.shorter_motivation == "Eerste keer, spijt."


def test_an_overlapping_ban_for_the_same_person_is_refused(world, person):
    aggressor, incident = person
    today = date.today()
    make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100))
    with pytest.raises(BanOverlap):
        make_ban(
            world,
            aggressor,
            incident,
            starts_on=today + timedelta(days=100),
            ends_on=today + timedelta(days=300),
        )
    assert Ban.objects.count() == 1


def test_bans_for_different_locations_or_periods_may_coexist(world, person):
    aggressor, incident = person
    other = Location.objects.create(name="Werf")
    today = date.today()
    make_ban(
        world,
        aggressor,
        incident,
        starts_on=today,
        ends_on=today + timedelta(days=100),
        all_locations=False,
        locations=[world.building],
    )
    make_ban(
        world,
        aggressor,
        incident,
        starts_on=today,
        ends_on=today + timedelta(days=100),
        all_locations=False,
        locations=[other],
    )
    make_ban(
        world,
        aggressor,
        incident,
        starts_on=today + timedelta(days=101),
        ends_on=today + timedelta(days=200),
        all_locations=False,
        locations=[world.building],
    )
    assert Ban.objects.count() == 3
    with pytest.raises(BanOverlap):
        make_ban(
            world,
            aggressor,
            incident,
            starts_on=today + timedelta(days=50),
            ends_on=today + timedelta(days=150),
        )


def test_a_revoked_ban_no_longer_blocks_a_new_one_and_leaves_the_list(world, person):
    aggressor, incident = person
    today = date.today()
    ban = make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100))
    assert Ban.objects.in_force().filter(pk=ban.pk).exists()
    measure_revoke(measure=ban.measure, by=world.mandated, reason="Ten onrechte opgelegd")
    assert not Ban.objects.in_force().exists()
    assert not Deadline.objects.open().filter(kind__in=[DEADLINE_BAN_END, DEADLINE_BAN_REVIEW]).exists()
    make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100))
    assert MeasureEvent.objects.filter(measure=ban.measure, kind=EventKind.REVOKED).count() == 1


def test_extension_appends_history_and_moves_the_deadlines(world, person):
    aggressor, incident = person
    today = date.today()
    ban = make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100))
    ban_extend(ban=ban, by=world.mandated, new_end=today + timedelta(days=200), reason="Opnieuw bedreigd")
    event = MeasureEvent.objects.get(measure=ban.measure, kind=EventKind.EXTENDED)
    assert (event.old_end, event.new_end) == (today + timedelta(days=100), today + timedelta(days=200))
    end_deadline = Deadline.objects.open().get(kind=DEADLINE_BAN_END)
    assert end_deadline.due_at == Ban.objects.get(pk=ban.pk).in_force_until
    assert set(BanLocation.objects.filter(ban=ban).values_list("end_date", flat=True)) == {
        today + timedelta(days=200)
    }


def test_history_rows_cannot_be_edited(world, person):
    aggressor, incident = person
    today = date.today()
    ban = make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100))
    event = MeasureEvent.objects.filter(measure=ban.measure).first()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        MeasureEvent.objects.all().update(note="x")
    with pytest.raises(ValidationError):
        MeasureEvent.objects.all().delete()


def test_a_manager_without_the_mandate_cannot_impose_a_ban_in_the_service(world, person):
    aggressor, incident = person
    from django.core.exceptions import PermissionDenied

    from sanctions.services import measure_decide

    with pytest.raises(PermissionDenied):
        measure_decide(
            by=world.manager,
            aggressor=aggressor,
            measure_type="toegangsverbod",
            incidents=[incident],
            reason="x",
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=100),
            details={"instruction": "niet_helpen"},
        )


@postgres_only
def test_the_database_refuses_overlapping_bans(world, person):
    aggressor, incident = person
    werf = Location.objects.create(name="Werf")
    today = date.today()
    days = timedelta
    first = make_ban(
        world,
        aggressor,
        incident,
        starts_on=today,
        ends_on=today + days(100),
        all_locations=False,
        locations=[world.building],
    )
    later = make_ban(
        world,
        aggressor,
        incident,
        starts_on=today + days(101),
        ends_on=today + days(200),
        all_locations=False,
        locations=[world.building],
    )
    elsewhere = make_ban(
        world,
        aggressor,
        incident,
        starts_on=today,
        ends_on=today + days(100),
        all_locations=False,
        locations=[werf],
    )
    # Bypass the service: rows that overlap must be refused by the exclusion constraint.
    with pytest.raises(IntegrityError, match="ban_no_overlap"), transaction.atomic():
        BanLocation.objects.filter(ban=later).update(start_date=today + days(50))
    with pytest.raises(IntegrityError, match="ban_no_overlap"), transaction.atomic():
        BanLocation.objects.create(
            ban=elsewhere,
            location=world.building,
            aggressor=aggressor,
            start_date=today,
            end_date=today + days(10),
        )
    # A revoked ban does not count.
    BanLocation.objects.filter(ban=first).update(is_revoked=True)
    BanLocation.objects.filter(ban=later).update(start_date=today + days(50))
    assert BanLocation.objects.get(ban=later).start_date == today + days(50)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_bans_imposed_at_once_give_one_ban(world):
    import threading

    from django.db import connections

    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = date.today()
    barrier = threading.Barrier(2)
    outcomes = []

    def impose(offset):
        try:
            barrier.wait()
            make_ban(
                world,
                aggressor,
                incident,
                starts_on=today + timedelta(days=offset),
                ends_on=today + timedelta(days=offset + 100),
                photo=False,
            )
            outcomes.append("ban")
        except BanOverlap:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=impose, args=(n,)) for n in (0, 10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ban", "refused"]
    assert Ban.objects.count() == 1
