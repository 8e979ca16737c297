"""Property: over random deadlines and random increasing scan times, every notice exists once."""

from datetime import UTC, datetime, timedelta

import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gir.deadlines.scan import scan
from gir.models import Deadline, Notification, Organisation
from gir.registry import DeadlineKind, register_deadline_kind, registry
from tests.conftest import build_world
from tests.deadlines.conftest import TEST_KIND, open_test_deadline

T0 = datetime(2026, 3, 27, 0, 0, tzinfo=UTC)

deadline_specs = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=72 * 60),  # start, minutes after T0
        st.integers(min_value=1, max_value=96 * 60),  # norm in minutes
        st.integers(min_value=0, max_value=8 * 60),  # reminder lead in minutes
    ),
    min_size=1,
    max_size=6,
)
scan_gaps = st.lists(st.integers(min_value=1, max_value=24 * 60), min_size=1, max_size=12)


class ScanProperty(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def setUp(self):
        register_deadline_kind(
            DeadlineKind(
                TEST_KIND,
                "Testtermijn",
                url=lambda d, _loaded: f"/test/{d.object_id}/",
                reference=lambda d, _loaded: str(d),
            )
        )

    def tearDown(self):
        registry.deadline_kinds.pop(TEST_KIND, None)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(specs=deadline_specs, gaps=scan_gaps)
    def test_each_stage_is_sent_at_most_once_and_exactly_once_when_reached(self, specs, gaps):
        owner = self.world.manager
        with time_machine.travel(T0, tick=False):
            rows = [
                open_test_deadline(
                    start=T0 + timedelta(minutes=s),
                    norm=timedelta(minutes=n),
                    lead=timedelta(minutes=lead),
                    owner=owner,
                )
                for s, n, lead in specs
            ]
        moments, now = [], T0
        for gap in gaps:
            now += timedelta(minutes=gap)
            moments.append(now)
            with time_machine.travel(now, tick=False):
                scan()
        last = moments[-1]
        escalate_after = Organisation.get().escalation_after
        for row in rows:
            d = Deadline.objects.get(pk=row.pk)
            url = f"/test/{d.object_id}/"
            mine = Notification.objects.filter(url=url)
            reminders = mine.filter(recipient=owner, subject__startswith="Herinnering").count()
            dues = mine.filter(recipient=owner, subject__startswith="Termijn verlopen").count()
            escalations = mine.filter(
                recipient=self.world.coordinator, subject__startswith="Termijn gemist"
            ).count()
            # A reminder is sent when some scan fell in [remind_at, due_at); otherwise superseded.
            reminder_window = any(d.remind_at <= m < d.due_at for m in moments)
            assert reminders == (1 if reminder_window else 0)
            assert dues == (1 if d.due_at <= last else 0)
            assert escalations == (1 if d.due_at + escalate_after <= last else 0)
            # Every stage whose moment has passed is claimed exactly at the first scan after it.
            for column, moment in [
                ("reminder_sent_at", d.remind_at),
                ("due_sent_at", d.due_at),
                ("escalated_at", d.due_at + escalate_after),
            ]:
                first = next((m for m in moments if m >= moment), None)
                assert getattr(d, column) == first
            assert d.handled_late == self._expected_late(d, moments, escalate_after)

    @staticmethod
    def _expected_late(d, moments, escalate_after) -> bool:
        """Late: some notice went out more than five minutes after its moment (a superseded
        reminder is not sent, so it does not count)."""
        tolerance = timedelta(minutes=5)
        late = False
        for moment, sent_only_before in [
            (d.remind_at, d.due_at),
            (d.due_at, None),
            (d.due_at + escalate_after, None),
        ]:
            first = next((m for m in moments if m >= moment), None)
            if first is None or (sent_only_before is not None and first >= sent_only_before):
                continue
            late |= first - max(moment, d.created_at) > tolerance
        return late
