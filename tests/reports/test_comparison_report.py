"""The report's "Vergelijking met anderen": figures computed independently from the data set's specs,
the round trip export → import → same figures, and the section on the page, in the PDF and the
spreadsheet."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.constants import AggressionForm, LocationType
from reports.models import ComparisonSet, Headcount
from reports.services.comparison import Percent
from reports.services.params import ReportParams
from reports.services.pdf import report_html
from reports.services.report import build_report
from reports.services.tables import HIDDEN, SMALL, Rate
from tests.reports import dataset
from tests.reports.dataset import AMS, SPECS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)
OTHER = {
    "format": "gir-kerncijfers",
    "version": "1.0",
    "organisation": "Regio Oost",
    "year": 2025,
    "employees": 4000,
    "sections": [
        {"key": "totaal", "figures": [{"key": "incidenten", "value": 200, "hidden": False}]},
        {
            "key": "vorm",
            "figures": [
                {"key": "schelden", "value": 90, "hidden": False},
                {"key": "wapen", "value": None, "hidden": True},
            ],
        },
        {
            "key": "termijnen",
            "figures": [{"key": "reactie_48_uur_pct_op_tijd", "value": 75.0, "hidden": False}],
        },
    ],
}


def _import(client, content: bytes, label: str, name: str = "k.json"):
    response = client.post(
        reverse("reports:comparisons"), {"label": label, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]


def _rows(report, section: str) -> dict[str, list]:
    return {row[0]: row[1:] for row in report.table("compare_" + section).rows}


def test_figures_side_by_side_computed_independently(client):
    data = dataset.build()
    Headcount.objects.create(department=None, year=2025, employees=800)
    client.force_login(data.coordinator)
    _import(client, json.dumps(OTHER).encode(), "Regio Oost 2025")
    report = build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)

    total = _rows(report, "totaal")["Incidenten"]
    assert total == [len(SPECS), Rate(len(SPECS), 800), 200, Rate(200, 4000)]
    assert str(total[3]) == "5,0"  # 200 per 4000 employees = 5.0 per 100

    forms = Counter(f for s in SPECS for f in s["forms"])
    scolding = _rows(report, "vorm")[str(AggressionForm("schelden").label)]
    assert scolding[:2] == [forms["schelden"], Rate(forms["schelden"], 800)]
    assert scolding[2:] == [90, Rate(90, 4000)]
    # Hidden in their file: hidden here, and its rate too. Missing from their file: a dash.
    assert _rows(report, "vorm")[str(AggressionForm("wapen").label)][2:] == [HIDDEN, HIDDEN]
    places = Counter(s["location_type"] for s in SPECS)
    counter = _rows(report, "soort_plek")[str(LocationType.COUNTER.label)]
    assert counter == [
        places[LocationType.COUNTER.value],
        Rate(places[LocationType.COUNTER.value], 800),
        "–",
        "–",
    ]

    reaction = _rows(report, "termijnen")["Reactie naar de dader binnen 48 uur"]
    decided = [s for s in SPECS if s["reaction"] in ("on_time", "late", "open")]
    on_time = sum(1 for s in decided if s["reaction"] == "on_time")
    assert reaction[0] == Percent(round(100 * on_time / len(decided), 1), 100)
    assert reaction[1] == Percent(75.0, 100)


def test_round_trip_export_then_import_shows_the_same_figures(client):
    data = dataset.build()
    Headcount.objects.create(department=None, year=2025, employees=640)
    client.force_login(data.coordinator)
    for fmt in ("json", "csv"):
        url = reverse("reports:export-kerncijfers", kwargs={"fmt": fmt}) + "?year=2025"
        _import(client, client.get(url).content, f"Wijzelf {fmt}", f"eigen.{fmt}")
    report = build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)
    assert [p.label for p in report.comparison.others] == ["Wijzelf csv", "Wijzelf json"]
    for section in ("totaal", "vorm", "soort_plek", "gevolgen", "maatregelen"):
        for label, row in _rows(report, section).items():
            own_count, own_rate, csv_count, csv_rate, json_count, json_rate = row
            assert csv_count == json_count and csv_rate == json_rate, (section, label)
            if own_count is SMALL or own_count is HIDDEN:  # hidden in the export: hidden after import
                assert json_count is HIDDEN and json_rate in (HIDDEN, "–"), (section, label)
            else:
                assert str(json_count) == str(own_count), (section, label)
                assert str(json_rate) == str(own_rate), (section, label)
    for label, (own, from_csv, from_json) in _rows(report, "termijnen").items():
        assert str(own) == str(from_csv) == str(from_json), label
    assert report.comparison.others[0].employees == 640


def test_without_an_import_the_section_says_how_to_import(client):
    data = dataset.build()
    client.force_login(data.coordinator)
    page = client.get(reverse("reports:annual") + "?year=2025").content.decode()
    assert "Vergelijking met anderen" in page
    assert "Er zijn nog geen kerncijfers van andere organisaties over 2025 ingelezen." in page
    assert reverse("reports:comparisons") in page
    # The manager's report is about their departments: no comparison section.
    client.force_login(data.manager)
    assert (
        "Vergelijking met anderen"
        not in client.get(reverse("reports:annual") + "?year=2025").content.decode()
    )


def test_page_pdf_and_spreadsheet_show_the_comparison_with_the_label_escaped(client):
    from openpyxl import load_workbook

    data = dataset.build()
    client.force_login(data.coordinator)
    row = ComparisonSet.objects.create(
        label="Regio & co",  # a label the form allowed; shown escaped, never as markup
        source_name="Regio Oost",
        year=2025,
        employees=4000,
        figures=OTHER,
        file_format="json",
        file_sha256="0" * 64,
    )
    page = client.get(reverse("reports:annual") + "?year=2025").content.decode()
    assert "Regio &amp; co: aantal" in page and "Let op bij het vergelijken" in page
    report = build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)
    html = report_html(report, charts={})
    assert "Vergelijking met anderen" in html and "Regio &amp; co: per 100 medewerkers" in html
    book = load_workbook(io.BytesIO(client.get(reverse("reports:export-xlsx") + "?year=2025").content))
    cells = {c.value for sheet in book.worksheets for line in sheet.iter_rows() for c in line}
    assert {"Vergelijking: vorm van agressie", "Regio & co: aantal"} <= cells
    row.delete()
    assert "Regio &amp; co" not in client.get(reverse("reports:annual") + "?year=2025").content.decode()
