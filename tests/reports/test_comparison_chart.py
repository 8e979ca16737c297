"""The comparison's chart: incidents per 100 employees, ours beside each imported set, by form of
aggression too; on the page, in the PDF and as a native chart in the spreadsheet. The rates are
computed here from the data set's specs, not through the report code."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils.formats import number_format

from incidents.constants import AggressionForm
from reports.models import ComparisonSet, Headcount
from reports.services.charts import draw, draw_for_pdf
from reports.services.params import ReportParams
from reports.services.pdf import report_html
from reports.services.report import build_report
from reports.services.tables import HIDDEN, Rate
from tests.reports import dataset
from tests.reports.dataset import AMS, SPECS
from tests.reports.test_comparison_report import OTHER

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)
OWN_EMPLOYEES = 800


def _per_100(count: int, employees: int) -> str:
    return number_format(round(100 * count / employees, 1), 1)


@pytest.fixture
def report():
    data = dataset.build()
    Headcount.objects.create(department=None, year=2025, employees=OWN_EMPLOYEES)
    ComparisonSet.objects.create(
        label="Regio Oost 2025",
        source_name="Regio Oost",
        year=2025,
        employees=4000,
        figures=json.loads(json.dumps(OTHER)),
        file_format="json",
        file_sha256="1" * 64,
    )
    report = build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)
    report.coordinator = data.coordinator
    return report


def _svg_root(svg: bytes):
    from xml.etree import ElementTree

    return ElementTree.fromstring(svg)  # noqa: S314 (our own chart, not untrusted input)


def _bar_labels(svg: bytes) -> list[str]:
    """The numbers written beside the bars (each in its own group ``rate-<party>-<row>``)."""
    return [
        "".join(el.itertext()).strip() for el in _svg_root(svg).iter() if el.get("id", "").startswith("rate-")
    ]


def _svg_texts(svg: bytes) -> list[str]:
    """The words of an SVG chart (text is kept as text, ``charts.CHART_FORMAT``)."""
    texts = ["".join(el.itertext()).strip() for el in _svg_root(svg).iter() if el.tag.endswith("text")]
    return [re.sub(r"\s+", " ", t) for t in texts if t]


def test_the_totals_and_forms_tables_are_charted_as_rates_side_by_side(report):
    charted = {t.key: t.chart for t in report.tables if t.key.startswith("compare_")}
    assert charted == {
        "compare_totaal": "rate_bars",
        "compare_vorm": "rate_bars",
        "compare_soort_plek": None,
        "compare_gevolgen": None,
        "compare_maatregelen": None,
        "compare_termijnen": None,
    }
    total = draw(report.table("compare_totaal"))
    texts = _svg_texts(total.svg)
    # Ours: all incidents of the data set per 800 employees; theirs: 200 per 4000 = 5,0.
    assert _per_100(len(SPECS), OWN_EMPLOYEES) in texts
    assert "5,0" in texts
    assert "Regio Oost 2025: per 100 medewerkers" in texts
    assert "Incidenten per 100 medewerkers" in texts
    assert sorted(_bar_labels(total.svg)) == sorted([_per_100(len(SPECS), OWN_EMPLOYEES), "5,0"])
    assert not any("." in t for t in texts if t[:1].isdigit()), "Dutch numbers on the axis too"


def test_the_forms_chart_draws_each_shown_rate_and_no_hidden_one(report):
    table = report.table("compare_vorm")
    texts = _svg_texts(draw(table).svg)
    forms = Counter(f for s in SPECS for f in s["forms"])
    own_shown = [
        _per_100(n, OWN_EMPLOYEES)
        for code, n in forms.items()
        if n >= 5  # "< 5" is hidden in our own figures, so no rate and no bar
    ]
    assert own_shown and all(rate in texts for rate in own_shown)
    assert _per_100(90, 4000) in texts  # their "schelden": 90 per 4000 employees
    # One number beside each bar, and a bar for each rate shown: their hidden "wapen" (×), the
    # forms missing from their file (–) and our "< 5" get none.
    drawn = _bar_labels(draw(table).svg)
    rates = [row[col] for row in table.rows for col in (2, 4) if isinstance(row[col], Rate)]
    assert sorted(drawn) == sorted(str(rate) for rate in rates)
    weapon = next(r for r in table.rows if r[0] == str(AggressionForm("wapen").label))
    assert weapon[3:] == [HIDDEN, HIDDEN]
    alt = draw(table).alt
    assert alt.startswith("Staafdiagram: vergelijking: vorm van agressie.")
    assert "De cijfers staan in de tabel." in alt
    top_form, top_n = forms.most_common(1)[0]
    if 100 * top_n / OWN_EMPLOYEES > 100 * 90 / 4000:
        assert f"Het hoogste cijfer is {_per_100(top_n, OWN_EMPLOYEES)}" in alt
        assert str(AggressionForm(top_form).label) in alt


def test_the_page_and_the_pdf_show_the_chart_beside_the_table(client, report):
    client.force_login(report.coordinator)
    page = client.get(reverse("reports:annual") + "?year=2025").content.decode()
    section = page[page.index('id="h-comparison"') :]
    for key in ("compare_totaal", "compare_vorm"):
        part = section[section.index(f'id="h-{key}"') :]
        part = part[: part.index("</table>")]
        assert '<img src="data:image/svg+xml;base64,' in part, key
        assert 'alt="Staafdiagram: vergelijking: ' in part, key
    places = section[section.index('id="h-compare_soort_plek"') :]
    assert "<img" not in places[: places.index("</table>")]

    html = report_html(report)
    comparison = html[html.index("Vergelijking met anderen") :]
    assert comparison.count('<img src="gir-resource:chart-compare_') == 2, "the charts, handed over in memory"
    charts = draw_for_pdf(report.tables)
    assert all(charts[k].mime == "image/jpeg" for k in ("compare_totaal", "compare_vorm")), "pictures"


def test_the_spreadsheet_has_a_native_chart_of_the_rate_columns(client, report):
    from openpyxl import load_workbook

    client.force_login(report.coordinator)
    book = load_workbook(io.BytesIO(client.get(reverse("reports:export-xlsx") + "?year=2025").content))
    sheet = book["Vergelijking vorm van agressie"]
    (chart,) = sheet._charts
    assert chart.tagname == "barChart" and chart.type == "bar"
    header = next(c.row for c in sheet["A"] if c.value == "Cijfer")
    last = header + len(report.table("compare_vorm").rows)
    refs = [s.val.numRef.f for s in chart.series]
    # Columns: Cijfer, ours: aantal, ours: per 100 (C), theirs: aantal, theirs: per 100 (E).
    assert refs == [
        f"'Vergelijking vorm van agressie'!$C${header}:$C${last}".replace(f"${header}:", f"${header + 1}:"),
        f"'Vergelijking vorm van agressie'!$E${header}:$E${last}".replace(f"${header}:", f"${header + 1}:"),
    ]
    scolding = next(
        r for r in sheet.iter_rows(values_only=True) if r[0] == str(AggressionForm("schelden").label)
    )
    assert scolding[4] == round(100 * 90 / 4000, 1)
    assert "Vergelijking soort plek" in book.sheetnames and not book["Vergelijking soort plek"]._charts
