"""The reports' demo: five years of history with Dutch names and handlers, and the logo."""

import datetime as dt

import pytest
import time_machine
from PIL import Image

from gir import demo as core_demo
from gir.models import Organisation
from incidents.models import Aggressor, Incident
from reports.history_demo import seed_history
from reports.services.params import LOCAL_TZ

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=LOCAL_TZ), tick=False)
def test_the_history_has_five_years_dutch_names_and_a_handler_for_every_incident():
    core_demo._organisation()
    core_demo._locations()
    seed_history({"users": core_demo._users()})
    history = Incident.objects.filter(aggressor_links__aggressor__client_number__startswith="DEMO-H-")
    years = {at.astimezone(LOCAL_TZ).year for at in history.values_list("occurred_at", flat=True)}
    assert years == {2022, 2023, 2024, 2025, 2026}
    per_year = [history.filter(occurred_at__year=y).count() for y in sorted(years - {2026})]
    assert len(set(per_year)) > 1, "the trend is not flat"
    assert not history.filter(handler__isnull=True).exists()
    names = Aggressor.objects.filter(client_number__startswith="DEMO-H-")
    assert not names.filter(last_name__icontains="historie").exists()
    assert names.values("last_name").distinct().count() >= 20
    assert all(
        initials[0].isupper() and initials.endswith(".")
        for initials in names.values_list("initials", flat=True)
    )


def test_the_demo_organisation_has_a_logo_that_pillow_opens():
    core_demo._organisation()
    logo = Organisation.get().logo
    with logo.open("rb") as handle:
        image = Image.open(handle)
        assert image.format == "PNG" and image.width > image.height
