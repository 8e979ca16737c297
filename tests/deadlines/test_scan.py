"""The scan: before, at and after due, each exactly once; closed rows stay silent."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from aftercare.constants import REOFFER_DEADLINE_KIND, TALK_DEADLINE_KINDS
from gir.deadlines import deadline_close, deadline_open, deadline_reschedule
from gir.deadlines.scan import scan
from gir.models import Deadline, Notification, Organisation, SystemStatus
from gir.registry import registry
from tests.deadlines.conftest import open_test_deadline, stage_counts

T0 = datetime(2026, 3, 28, 11, 0, tzinfo=UTC)  # 48 hours from here crosses the spring DST change
MIN = timedelta(minutes=1)


def scan_at(moment):
    with time_machine.travel(moment, tick=False):
        return scan()


@pytest.fixture
def deadline(world, test_kind):
    with time_machine.travel(T0, tick=False):
        return open_test_deadline(start=T0, owner=world.manager)


def test_reminder_due_and_escalation_each_exactly_once(world, deadline):
    org = Organisation.get()
    remind, due, escalate = deadline.remind_at, deadline.due_at, deadline.due_at + org.escalation_after
    assert remind == T0 + timedelta(hours=44)
    assert (due - T0).total_seconds() == 172_800
    expected = {"reminder": 0, "due": 0, "escalation": 0}
    for moment, stage, following in [
        (remind, "reminder", due),
        (due, "due", escalate),
        (escalate, "escalation", None),
    ]:
        scan_at(moment - MIN)
        assert stage_counts(deadline, world.manager) == expected
        expected[stage] = 1 if stage != "escalation" else 0  # escalation goes to the coordinator
        scan_at(moment)
        scan_at(moment + MIN)
        scan_at(following - MIN if following else moment + timedelta(hours=5))
        assert stage_counts(deadline, world.manager) == expected
    assert stage_counts(deadline, world.coordinator) == {"reminder": 0, "due": 0, "escalation": 1}
    row = Deadline.objects.get(pk=deadline.pk)
    assert row.reminder_sent_at == remind and row.due_sent_at == due and row.escalated_at == escalate
    assert not row.handled_late


# The stage mechanics are the same for every kind; the aftercare kinds are this app's own
# (other apps' kinds expect their own subject model and are tested with their apps).
@pytest.mark.parametrize("code", ["test_kind", *sorted(TALK_DEADLINE_KINDS.values()), REOFFER_DEADLINE_KIND])
def test_every_registered_kind_reminds_once_per_stage(world, test_kind, code):
    assert code in registry.deadline_kinds
    with time_machine.travel(T0, tick=False):
        d = open_test_deadline(start=T0, owner=world.manager, kind=code)
    moments = [d.remind_at, d.due_at, d.due_at + Organisation.get().escalation_after]
    for _round in range(2):
        for moment in moments:
            scan_at(moment)
    mine = Notification.objects.filter(recipient=world.manager)
    assert mine.filter(subject__startswith="Herinnering").count() == 1
    assert mine.filter(subject__startswith="Termijn verlopen").count() == 1
    assert (
        Notification.objects.filter(recipient=world.coordinator, subject__startswith="Termijn gemist").count()
        == 1
    )


def test_closed_deadline_never_notifies(world, deadline):
    deadline_close(kind=deadline.kind, subject=deadline.subject, by=world.manager, at=T0 + timedelta(hours=1))
    for hours in (44, 48, 49, 100):
        scan_at(T0 + timedelta(hours=hours))
    assert Notification.objects.count() == 0


def test_closing_between_reminder_and_due_stops_the_rest(world, deadline):
    scan_at(deadline.remind_at)
    deadline_close(kind=deadline.kind, subject=deadline.subject)
    scan_at(deadline.due_at + timedelta(hours=3))
    assert stage_counts(deadline, world.manager) == {"reminder": 1, "due": 0, "escalation": 0}
    assert Notification.objects.filter(recipient=world.coordinator).count() == 0


def test_reschedule_resets_the_notices(world, deadline):
    scan_at(deadline.due_at + timedelta(hours=2))
    assert stage_counts(deadline, world.manager)["due"] == 1
    later = T0 + timedelta(days=3)
    deadline_reschedule(
        kind=deadline.kind, subject=deadline.subject, starts_at=later, norm=timedelta(hours=48)
    )
    row = Deadline.objects.get(pk=deadline.pk)
    assert row.due_at == later + timedelta(hours=48)
    assert row.reminder_sent_at is row.due_sent_at is row.escalated_at is None
    scan_at(row.due_at)
    assert stage_counts(deadline, world.manager)["due"] == 2  # one for the old time, one for the new


def test_reopening_the_same_open_deadline_does_not_duplicate(world, deadline):
    again = deadline_open(
        kind=deadline.kind, subject=deadline.subject, starts_at=T0, norm=timedelta(hours=48)
    )
    assert again.pk == deadline.pk
    assert Deadline.objects.count() == 1


def test_after_downtime_the_next_scan_catches_up_oldest_first_marked_late(world, test_kind):
    with time_machine.travel(T0, tick=False):
        rows = [open_test_deadline(start=T0 + timedelta(hours=h), owner=world.manager) for h in (5, 1, 3)]
    scan_at(T0)  # beat ran at T0, then stopped for days
    result = scan_at(T0 + timedelta(days=4))
    assert result.due_notices == 3 and result.escalations == 3
    assert result.skipped == 3  # pre-due reminders superseded by the due notice
    assert sorted(result.late) == sorted(r.pk for r in rows)
    assert all(Deadline.objects.filter(pk__in=[r.pk for r in rows]).values_list("handled_late", flat=True))
    order = list(
        Notification.objects.filter(recipient=world.manager, subject__startswith="Termijn verlopen")
        .order_by("pk")
        .values_list("url", flat=True)
    )
    by_due = sorted(rows, key=lambda r: r.due_at)
    assert order == [f"/test/{r.object_id}/" for r in by_due]


def test_a_deadline_born_overdue_is_not_flagged_late_when_handled_promptly(world, test_kind):
    now = T0 + timedelta(days=5)
    with time_machine.travel(now, tick=False):
        d = open_test_deadline(start=T0, owner=world.manager)  # incident reported five days late
    result = scan_at(now + MIN)
    assert result.due_notices == 1 and result.late == []
    assert not Deadline.objects.get(pk=d.pk).handled_late


def test_scan_records_its_last_run(world, test_kind):
    scan_at(T0)
    assert SystemStatus.objects.get(name="deadline_scan").last_run_at == T0


def test_a_failing_row_does_not_block_the_others(world, test_kind):
    from gir.registry import DeadlineKind, register_deadline_kind

    def broken(_deadline, _loaded):
        raise RuntimeError("kind without a page")

    register_deadline_kind(DeadlineKind("test_broken", "Kapot", url=broken))
    try:
        with time_machine.travel(T0, tick=False):
            bad = open_test_deadline(
                start=T0, norm=timedelta(hours=1), owner=world.manager, kind="test_broken"
            )
            good = open_test_deadline(start=T0, norm=timedelta(hours=2), owner=world.manager)
        scan_at(T0 + timedelta(hours=2))
        assert stage_counts(good, world.manager)["due"] == 1
        assert Deadline.objects.get(pk=bad.pk).due_sent_at is None  # rolled back: retried next scan
    finally:
        registry.deadline_kinds.pop("test_broken", None)
