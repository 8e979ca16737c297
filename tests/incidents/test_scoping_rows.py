"""``managed_rows``: the manager's scope as a row condition gives exactly ``managed_by``."""

import pytest

from incidents.constants import ReporterRole
from incidents.models import Incident
from incidents.scoping import managed_rows
from incidents.services import Target
from tests.incidents.factories import file_incident

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["manager", "other_manager", "mandated", "coordinator"])
def test_it_selects_the_same_incidents_as_managed_by(world, persona):
    file_incident(world.employee, world.dept_a, description="A1")
    file_incident(
        world.manager, world.dept_a, reporter_role=ReporterRole.MANAGER, target=Target(user=world.employee)
    )
    file_incident(world.colleague, world.dept_b, description="B1")
    user = getattr(world, persona)
    expected = set(Incident.objects.managed_by(user).values_list("pk", flat=True))
    assert set(Incident.objects.filter(managed_rows(user)).values_list("pk", flat=True)) == expected
