"""Fault tests with real processes (QUALITY.md "Faults"): Redis down, two beats and two
workers, a worker killed mid-task. PostgreSQL only; each scenario polls with timeouts."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from gir.models import Deadline, Notification, SystemStatus
from incidents.models import Incident
from incidents.services import incident_register
from tests.conftest import build_world
from tests.faults.conftest import wait_for
from tests.faults.mailbox import read_mailbox

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _file(world, count: int, hours_ago: int = 100) -> None:
    for i in range(count):
        incident_register(
            reporter=world.employee,
            occurred_at=timezone.now() - timedelta(hours=hours_ago, minutes=i),
            department=world.dept_a,
            location_type="balie",
            description=f"Storingstest {i}",
            forms=["schelden"],
        )


def _owed_notices() -> int:
    """Stages whose moment has passed but that no scan has handled yet."""
    now = timezone.now()
    open_rows = Deadline.objects.open()
    return (
        open_rows.filter(due_at__lte=now, due_sent_at__isnull=True).count()
        + open_rows.filter(due_at__lte=now - timedelta(hours=1), escalated_at__isnull=True).count()
    )


def _all_delivered() -> bool:
    return (
        _owed_notices() == 0
        and Notification.objects.exists()
        and not Notification.objects.filter(emailed_at__isnull=True).exists()
    )


def _expected_mail() -> Counter:
    rows = Notification.objects.exclude(recipient__email="").values_list("recipient__email", "subject")
    return Counter(rows)


def _wait_delivered(cluster, timeout: float) -> None:
    try:
        wait_for(_all_delivered, timeout, interval=0.5, what="every notice handled and e-mailed")
    except AssertionError:
        print(cluster.logs())
        raise


def _file_in_web_process(cluster, world, *, count, hours_ago, backoff, timeout=240) -> dict:
    args = (world.employee.pk, world.dept_a.pk, count, hours_ago, backoff)
    result = cluster.run_python("tests.faults.file_incidents", *args, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_down_while_50_incidents_are_filed(cluster):
    world = build_world()
    cluster.worker("w1")
    cluster.beat("b1")
    wait_for(
        lambda: SystemStatus.objects.filter(name="deadline_scan").exists(), 60, what="first scan via Redis"
    )

    cluster.redis.stop()
    # Only the first filing may try the broker: after its failure the process leaves e-mail to
    # the sweep (the backoff is made longer than any run, so this holds on a slow machine too).
    report = _file_in_web_process(cluster, world, count=50, hours_ago=100, backoff=3600)
    assert (report["filed"], report["errors"], report["broker_failures"]) == (50, [], 1)
    assert report["hand_overs"] >= 50
    assert Incident.objects.count() == 50
    assert Notification.objects.filter(emailed_at__isnull=True).exists()  # owed while Redis was down

    cluster.redis.start()  # same port: workers and beat reconnect by themselves
    _wait_delivered(cluster, 150)
    assert Counter(read_mailbox(cluster.mail_dir)) == _expected_mail()


def test_a_hanging_broker_does_not_hang_filing(cluster, silent_server):
    """Redis accepts connections but never answers (STACK.md: >60 s per request by default)."""
    world = build_world()
    cluster.broker_url = f"redis://127.0.0.1:{silent_server.port}/0"
    # Every filing tries the broker (no backoff) and each attempt must give up by itself (the
    # broker's socket timeout, settings): without it ten filings wait over ten minutes and the
    # run times out. The generous bound is a wait, not a measurement.
    report = _file_in_web_process(cluster, world, count=10, hours_ago=1, backoff=0, timeout=300)
    assert (report["filed"], report["errors"]) == (10, [])
    assert report["broker_failures"] == report["hand_overs"] >= 10  # every attempt gave up by itself
    assert Incident.objects.count() == 10
    assert Notification.objects.filter(emailed_at__isnull=True).exists()  # left for the sweep


def test_two_beats_and_two_workers_send_each_mail_once(cluster):
    world = build_world()
    _file(world, 8)
    for name in ("w1", "w2"):
        cluster.worker(name)
    for name in ("b1", "b2"):
        cluster.beat(name)
    _wait_delivered(cluster, 120)
    time.sleep(5)  # a few more scan rounds from both beats: nothing may be sent again
    mailbox = Counter(read_mailbox(cluster.mail_dir))
    expected = _expected_mail()
    assert sum(expected.values()) >= 8 * 3  # reaction + aftercare talks, due and escalated
    assert mailbox == expected, "duplicate or missing e-mail"


def test_a_worker_killed_mid_task_loses_nothing(cluster):
    world = build_world()
    cluster.mail_delay = 1.5  # slow mail server: the worker is killed while it sends
    _file(world, 2)
    victim = cluster.worker("w1")
    cluster.beat("b1")
    wait_for(
        lambda: Notification.objects.filter(email_claimed_at__isnull=False, emailed_at__isnull=True).exists(),
        60,
        interval=0.1,
        what="a delivery in progress",
    )
    cluster.kill(victim)
    assert victim.returncode is not None
    cluster.worker("w2")
    _wait_delivered(cluster, 120)
    mailbox = Counter(read_mailbox(cluster.mail_dir))
    expected = _expected_mail()
    assert set(mailbox) == set(expected), "a notice was lost"
    duplicates = sum(mailbox.values()) - sum(expected.values())
    assert 0 <= duplicates <= 1, "more than one duplicate for one kill"
