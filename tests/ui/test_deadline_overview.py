"""The deadline overview: every open deadline in scope, overdue first, filterable."""

from datetime import timedelta

from django.utils import timezone

from gir.models import Deadline
from tests.incidents.factories import file_incident


def _deadline(incident, owner, hours: int, kind="reactie_dader"):
    due = timezone.now() + timedelta(hours=hours)
    return Deadline.objects.create(
        kind=kind,
        incident_id=incident.pk,
        subject=incident,
        owner=owner,
        starts_at=due - timedelta(hours=48),
        due_at=due,
        remind_at=due,
    )


def test_the_coordinator_sees_overdue_first_and_every_department(world, login):
    mine = file_incident(world.employee, world.dept_a)
    other = file_incident(world.colleague, world.dept_b)
    Deadline.objects.filter(incident_id__in=[mine.pk, other.pk]).delete()
    late = _deadline(mine, world.manager, -5)
    soon = _deadline(other, world.other_manager, 3)
    page = login(world.coordinator).get("/incidenten/termijnen/")
    rows = [row["deadline"] for row in page.context["rows"]]
    assert rows.index(late) < rows.index(soon)
    assert page.context["rows"][rows.index(late)]["overdue"]
    assert "te laat" in page.content.decode()


def test_a_manager_sees_only_their_departments(world, login):
    mine = file_incident(world.employee, world.dept_a)
    other = file_incident(world.colleague, world.dept_b)
    page = login(world.manager).get("/incidenten/termijnen/")
    incidents = {row["incident"].pk for row in page.context["rows"]}
    assert mine.pk in incidents and other.pk not in incidents


def test_the_filter_keeps_only_overdue_ones(world, login):
    incident = file_incident(world.employee, world.dept_a)
    Deadline.objects.filter(incident_id=incident.pk).delete()
    late = _deadline(incident, world.manager, -1)
    _deadline(incident, world.manager, 10, kind="nazorg_1")
    page = login(world.coordinator).get("/incidenten/termijnen/", {"overdue": "on"})
    assert [row["deadline"] for row in page.context["rows"]] == [late]
