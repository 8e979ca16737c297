"""Mijn taken (sorted by due time, overdue highlighted) and the health URL."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from gir.deadlines.scan import scan
from gir.models import SystemStatus
from tests.deadlines.conftest import open_test_deadline


def test_my_tasks_sorted_by_due_time_with_overdue_highlighted(world, test_kind, client):
    now = timezone.now()
    later = open_test_deadline(start=now, norm=timedelta(days=3), owner=world.manager, name="later")
    overdue = open_test_deadline(start=now - timedelta(days=3), norm=timedelta(days=1), owner=world.manager)
    soon = open_test_deadline(start=now, norm=timedelta(hours=2), owner=world.manager)
    open_test_deadline(start=now, norm=timedelta(hours=1), owner=world.employee)  # someone else's
    client.force_login(world.manager)
    page = client.get(reverse("tasks")).content.decode()
    links = re.findall(r'href="/test/(\d+)/"', page)
    assert links == [str(d.object_id) for d in (overdue, soon, later)]
    rows = page.split("<tr")[2:]
    assert "gir-overdue" in rows[0] and "verlopen" in rows[0]
    assert "gir-overdue" not in rows[1] and "gir-overdue" not in rows[2]


def test_health_reports_scan_age_and_oldest_unsent_and_goes_stale(world, test_kind, client):
    now = timezone.now()
    assert client.get(reverse("health")).status_code == 503  # never scanned
    with time_machine.travel(now, tick=False):
        scan()
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["checks"]["deadline_scan"]["seconds"] == 0
    assert response.json()["checks"]["overdue_notice"]["seconds"] == 0

    with time_machine.travel(now + timedelta(minutes=11), tick=False):
        response = client.get(reverse("health"))
    assert response.status_code == 503 and response.json()["status"] == "fail"

    # The scan runs but a due notice is owed for 20 minutes (e.g. every row fails): stale too.
    open_test_deadline(start=now - timedelta(hours=2), norm=timedelta(hours=1), owner=world.manager)
    from gir.models import Deadline

    Deadline.objects.update(due_at=now - timedelta(minutes=20), created_at=now - timedelta(hours=2))
    SystemStatus.objects.filter(name="deadline_scan").update(last_run_at=now)
    with time_machine.travel(now, tick=False):
        response = client.get(reverse("health"))
    assert response.json()["checks"]["overdue_notice"]["seconds"] == 1200
    assert response.status_code == 503


def test_beheer_page_shows_last_scan(world, client):
    SystemStatus.objects.update_or_create(name="deadline_scan", defaults={"last_run_at": timezone.now()})
    client.force_login(world.admin)
    page = client.get(reverse("admin-home")).content.decode()
    assert "Laatste termijnscan" in page and str(timezone.localdate().year) in page


def test_beheer_page_shows_the_age_of_the_oldest_owed_notice(world, test_kind, client):
    now = timezone.now()
    open_test_deadline(start=now - timedelta(hours=5), norm=timedelta(hours=2), owner=world.manager)
    client.force_login(world.admin)
    page = client.get(reverse("admin-home")).content.decode()
    assert "3\xa0uur geleden verlopen" in page or "3 uur geleden verlopen" in page
