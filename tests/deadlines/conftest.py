"""A test-only deadline kind and helpers to open deadlines on a plain subject."""

from datetime import timedelta

import pytest

from gir.deadlines import deadline_open
from gir.models import Location, Notification
from gir.registry import DeadlineKind, register_deadline_kind, registry

TEST_KIND = "test_kind"
STAGES = {
    "reminder": "Herinnering:",
    "due": "Termijn verlopen:",
    "escalation": "Termijn gemist:",
}


@pytest.fixture
def test_kind():
    register_deadline_kind(
        DeadlineKind(
            TEST_KIND,
            "Testtermijn",
            url=lambda d, _loaded: f"/test/{d.object_id}/",
            reference=lambda d, _loaded: f"T-{d.object_id}",
        )
    )
    yield TEST_KIND
    registry.deadline_kinds.pop(TEST_KIND, None)


def open_test_deadline(*, start, norm=timedelta(hours=48), owner=None, lead=None, kind=TEST_KIND, name=None):
    subject = Location.objects.create(name=name or f"Onderwerp {Location.objects.count() + 1}")
    return deadline_open(kind=kind, subject=subject, starts_at=start, norm=norm, owner=owner, lead=lead)


def stage_counts(deadline, user) -> dict[str, int]:
    """How many notifications of each stage ``user`` received about ``deadline``."""
    rows = Notification.objects.filter(recipient=user, url=f"/test/{deadline.object_id}/")
    return {stage: rows.filter(subject__startswith=prefix).count() for stage, prefix in STAGES.items()}
