"""A hand-over, a department change and a deputy period move every open deadline of every app
(DESIGN.md invariant "Every case has one handler"; ADR 0010)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aftercare.constants import TALK_DEADLINE_KINDS
from gir.deputies import deputy_period_add
from gir.models import Deadline
from incidents.constants import DEADLINE_POLICE, DEADLINE_REACTION, AggressionForm
from incidents.services import incident_update
from incidents.services.handlers import incident_hand_over
from sanctions.constants import DEADLINE_BAN_SERVE, DEADLINE_ORDEGESPREK, MeasureType
from sanctions.services import measure_decide
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db

HANDLER_KINDS = {DEADLINE_REACTION, DEADLINE_POLICE, DEADLINE_ORDEGESPREK, DEADLINE_BAN_SERVE}


def _case_with_deadlines_of_every_app(world):
    incident = make_incident(world, forms=(AggressionForm.THREAT,))
    aggressor = make_aggressor(incident)
    measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type=MeasureType.ORDEGESPREK,
        incidents=[incident],
        reason="Eerste keer",
        details={"planned_at": timezone.now() + timedelta(days=2), "place": "Stadhuis", "attendees": "Jan"},
    )
    today = timezone.localdate()
    make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=120), serve=False)
    return incident


def _owners(incident) -> dict[str, int]:
    rows = Deadline.objects.open().filter(incident_id=incident.pk)
    return dict(rows.values_list("kind", "owner_id"))


def test_a_hand_over_moves_every_open_deadline_of_every_app(world):
    incident = _case_with_deadlines_of_every_app(world)
    before = _owners(incident)
    assert set(before) >= HANDLER_KINDS  # incidents, letters (the reaction), measures, bans
    assert before[DEADLINE_BAN_SERVE] == world.mandated.pk
    talk_owner = before[TALK_DEADLINE_KINDS[1]]

    incident_hand_over(incident=incident, to=world.other_manager, by=world.manager, reason="Kent de klant")

    after = _owners(incident)
    assert {after[kind] for kind in HANDLER_KINDS} == {world.other_manager.pk}
    # The aftercare talks stay with the aftercare worker the team assigned.
    assert after[TALK_DEADLINE_KINDS[1]] == talk_owner == world.aftercare.pk


def test_a_department_change_gives_every_open_deadline_to_the_new_departments_manager(world):
    incident = _case_with_deadlines_of_every_app(world)
    incident_update(
        incident=incident,
        by=world.coordinator,
        version=incident.version,
        changes={"department": world.dept_b},
    )
    incident.refresh_from_db()
    assert incident.handler == world.other_manager
    assert {_owners(incident)[kind] for kind in HANDLER_KINDS} == {world.other_manager.pk}


def test_a_deputy_period_puts_every_open_deadline_of_every_app_in_the_deputys_tasks(world):
    incident = _case_with_deadlines_of_every_app(world)
    incident_hand_over(incident=incident, to=world.other_manager, by=world.manager, reason="Kent de klant")
    today = timezone.localdate()
    deputy_period_add(
        manager=world.other_manager,
        deputy=world.coordinator,
        starts_on=today,
        ends_on=today,
        by=world.other_manager,
    )
    deputy_tasks = set(
        Deadline.objects.open()
        .owned_by(world.coordinator)
        .filter(incident_id=incident.pk)
        .values_list("kind", flat=True)
    )
    assert deputy_tasks >= HANDLER_KINDS
