"""Quarterly report: counts per quarter from the database, small counts hidden, no names."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from aftercare import services
from aftercare.models import AftercareCase
from aftercare.report import quarterly_report, shown
from tests.aftercare.helpers import file_incident
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_shown_hides_one_to_four():
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]


def _cases_in(world, moment, n):
    cases = []
    with time_machine.travel(moment, tick=False):
        for i in range(n):
            victim = UserFactory(username=f"v{moment:%m}{i}", department=world.dept_a)
            cases.append(AftercareCase.objects.get(incident=file_incident(world, victim=victim, hours_ago=1)))
    return cases


def _row(rows, label):
    return next(r for r in rows if r.label == label)


def test_counts_per_quarter_with_on_time_talks(world):
    q1 = _cases_in(world, datetime(2026, 2, 10, 9, tzinfo=UTC), 6)
    _cases_in(world, datetime(2026, 5, 10, 9, tzinfo=UTC), 2)
    with time_machine.travel(datetime(2026, 2, 20, 9, tzinfo=UTC), tick=False):
        for case in q1:
            talk = case.talks.get(number=1)
            held = talk.due_at - timedelta(hours=1) if case.pk % 2 else talk.due_at + timedelta(hours=1)
            services.talk_hold(
                talk=talk,
                held_at=min(held, datetime(2026, 2, 20, 9, tzinfo=UTC)),
                note="",
                by=world.aftercare,
            )
        for case in q1[:5]:
            services.referral_add(case=case, kind="slachtofferhulp", other="", by=world.aftercare)
    rows = quarterly_report(2026)
    # 6 + 2 = 8: with the year total shown, the 6 is hidden too, or 8 - 6 would give the 2 away.
    assert _row(rows, "Nazorgdossiers (slachtoffers en getuigen)").cells == ["×", "< 5", "0", "0"]
    assert _row(rows, "Nazorgdossiers (slachtoffers en getuigen)").total == "8"
    assert _row(rows, "Gesprek 1 gehouden").cells[0] == "6"
    on_time = sum(1 for c in q1 if c.pk % 2)
    assert _row(rows, "Gesprek 1 op tijd gehouden").cells[0] == shown(on_time)
    assert _row(rows, "Doorverwezen: Slachtofferhulp Nederland").cells[0] == "5"


def test_report_is_a_constant_number_of_queries(world, django_assert_max_num_queries):
    _cases_in(world, datetime(2026, 2, 10, 9, tzinfo=UTC), 3)
    with django_assert_max_num_queries(3):
        quarterly_report(2026)


def test_report_page_and_export_show_no_names(world, client):
    _cases_in(world, datetime(2026, 2, 10, 9, tzinfo=UTC), 2)
    client.force_login(world.coordinator)
    for name in ("aftercare:report", "aftercare:report-export"):
        response = client.get(reverse(name) + "?year=2026")
        body = response.content.decode()
        assert response.status_code == 200
        for user in [
            world.employee,
            world.aftercare,
            *AftercareCase.objects.values_list("person__last_name", flat=True),
        ]:
            assert str(getattr(user, "last_name", user)) not in body
    assert "< 5" in body


def test_bad_year_falls_back_and_shows_an_error(world, client):
    client.force_login(world.coordinator)
    response = client.get(reverse("aftercare:report") + "?year=abc")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul een jaartal in, bijvoorbeeld 2026." in page
    assert f"Kwartaalrapportage nazorg {timezone.localdate().year}" in page  # this year instead
