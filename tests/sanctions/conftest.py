"""Fixtures shared by the sanctions tests."""

from datetime import date, timedelta

import pytest

from tests.sanctions.helpers import make_aggressor, make_ban, make_incident


@pytest.fixture
def setup(world):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = date.today()
    ban = make_ban(
        world, aggressor, incident, starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=95)
    )
    return incident, aggressor, ban
