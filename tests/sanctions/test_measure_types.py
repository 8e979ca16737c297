"""The decision table of the measure types: every type has one row, and a rule refuses with the
same words in the service and on the form."""

from datetime import date, timedelta
from html import escape

import pytest
from django.urls import reverse

from sanctions.constants import MeasureType
from sanctions.forms import DecisionForm
from sanctions.measure_types import MEASURE_TYPES, spec_for
from sanctions.models import Ban
from sanctions.services import MeasureError, measure_decide
from tests.sanctions.helpers import make_aggressor, make_incident


def test_every_measure_type_has_its_form_in_the_table():
    for measure_type in MeasureType.values:
        assert issubclass(spec_for(measure_type).form, DecisionForm), measure_type
    assert set(MEASURE_TYPES) <= set(MeasureType.values)


def _short_ban(incident) -> dict:
    start = date.today()
    return {
        "incidents": [incident.pk],
        "reason": "Bedreiging",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=59)).isoformat(),
        "scope": "alle",
        "instruction": "beveiliging",
    }


def test_the_ban_form_shows_the_services_own_refusal(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    with pytest.raises(MeasureError) as refused:
        measure_decide(
            by=world.mandated,
            aggressor=aggressor,
            measure_type=MeasureType.BAN,
            incidents=[incident],
            reason="Bedreiging",
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=59),
            details={"all_locations": True, "instruction": "beveiliging"},
        )
    assert refused.value.field == "shorter_motivation"
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": MeasureType.BAN}
    )
    html = login(world.mandated).post(url, _short_ban(incident)).content.decode()
    assert escape(refused.value.messages[0]) in html
    assert not Ban.objects.exists()
