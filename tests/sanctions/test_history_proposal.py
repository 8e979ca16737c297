"""The proposal reads the person's history across incidents, not this incident's own steps."""

from __future__ import annotations

import pytest

from sanctions.constants import MeasureType
from sanctions.history import aggressor_history
from sanctions.services import measure_decide
from tests.sanctions.helpers import make_aggressor, make_incident

pytestmark = pytest.mark.django_db


def test_a_warning_for_this_incident_is_not_followed_by_an_ordegesprek_for_the_same_event(world):
    incident = make_incident(world)
    person = make_aggressor(incident)
    measure_decide(
        by=world.manager,
        aggressor=person,
        measure_type=MeasureType.VERBAL_WARNING,
        incidents=[incident],
        reason="Direct gewaarschuwd",
    )
    assert aggressor_history(person, current_incidents=[incident]).proposal.types == ()
    later = make_incident(world)
    from incidents.models import IncidentAggressor

    IncidentAggressor.objects.create(incident=later, aggressor=person)
    proposal = aggressor_history(person, current_incidents=[later]).proposal
    assert proposal.types == (MeasureType.ORDEGESPREK,)
    assert proposal.labels == ["Ordegesprek"]
