"""The key-figures export: valid against the published schema, figures equal to the report's."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from django.urls import reverse

from reports.services.kerncijfers import SCHEMA_PATH
from tests.reports import dataset
from tests.reports.dataset import SPECS

pytestmark = pytest.mark.django_db


def test_export_is_valid_against_the_schema_and_round_trips_to_the_figures(client):
    data = dataset.build()
    client.force_login(data.coordinator)
    url = reverse("reports:export-kerncijfers", kwargs={"fmt": "json"}) + "?year=2025"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    exported = json.loads(response.content)
    jsonschema.validate(exported, json.loads(SCHEMA_PATH.read_text()))
    sections = {s["key"]: {f["key"]: f for f in s["figures"]} for s in exported["sections"]}
    assert sections["totaal"]["incidenten"]["value"] == len(SPECS)
    from incidents.constants import LocationType

    counter = LocationType.COUNTER.value
    assert sections["soort_plek"][counter]["value"] == sum(1 for s in SPECS if s["location_type"] == counter)
    # No names and no free text anywhere in the file.
    text = response.content.decode()
    for _user, first, last in dataset.SECRET_PEOPLE:
        assert first not in text and last not in text
    assert "Wachttijd" not in text


def test_csv_holds_the_same_figures(client):
    data = dataset.build()
    client.force_login(data.coordinator)
    url = reverse("reports:export-kerncijfers", kwargs={"fmt": "csv"}) + "?year=2025"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    assert ["totaal", "incidenten", str(len(SPECS)), "0"] in rows


def test_only_for_a_whole_calendar_year(client):
    data = dataset.build()
    client.force_login(data.coordinator)
    url = reverse("reports:export-kerncijfers", kwargs={"fmt": "json"})
    assert client.get(url + "?date_from=2025-01-01&date_to=2025-06-30").status_code == 404
    assert client.get(url.replace("json", "xml") + "?year=2025").status_code == 404
