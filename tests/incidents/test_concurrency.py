"""Two submissions at the very same moment (a double click, two tabs): one incident, and
reference numbers never collide. Real threads against PostgreSQL (SQLite serialises writes)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from incidents.models import Incident
from incidents.services import incident_register
from tests.conftest import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def _race(count, make_kwargs):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(i):
        try:
            barrier.wait(timeout=60)
            results.append(incident_register(**make_kwargs(i)))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")


def _kwargs(world, token):
    return {
        "reporter": world.employee,
        "occurred_at": timezone.now() - timedelta(hours=1),
        "department": world.dept_a,
        "location_type": "balie",
        "description": "Gelijktijdig verstuurd",
        "forms": ["schelden"],
        "submission_token": token,
    }


def test_simultaneous_submissions_with_one_token_file_one_incident(postgres_only):
    world = build_world()
    results, errors = _race(4, lambda i: _kwargs(world, "same-token"))
    assert errors == []
    assert Incident.objects.count() == 1
    assert sorted(created for _incident, created in results) == [False, False, False, True]


def test_simultaneous_reports_get_distinct_reference_numbers(postgres_only):
    world = build_world()
    _results, errors = _race(5, lambda i: _kwargs(world, f"token-{i}"))
    assert errors == []
    references = sorted(Incident.objects.values_list("reference", flat=True))
    assert len(set(references)) == 5
    assert references[-1].endswith("-0005")
