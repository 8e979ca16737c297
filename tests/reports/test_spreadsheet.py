"""The report's spreadsheet: real dates in Dutch local time, full sheet names, native charts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from reports.services.exports import EXCEL_NAME_MAX, SHEET_NAMES, report_xlsx, sheet_name
from reports.services.params import ReportParams
from reports.services.report import build_report
from reports.services.tables import Table
from tests.reports import dataset

pytestmark = pytest.mark.django_db
# 23:30 UTC on 30 June is 01:30 on 1 July in the Netherlands (summer time).
MADE = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)


@pytest.fixture
def book():
    with time_machine.travel(MADE, tick=False):
        data = dataset.build()
        report = build_report(data.coordinator, ReportParams.for_year(2025))
    return report, load_workbook(io.BytesIO(report_xlsx(report)))


def test_dates_are_date_cells_in_dutch_local_time(book):
    _report, workbook = book
    for sheet in workbook:
        assert sheet["B3"].value == dt.datetime(2025, 1, 1) and sheet["B3"].is_date
        assert sheet["D3"].value == dt.datetime(2025, 12, 31) and sheet["D3"].is_date
        assert sheet["B4"].value == dt.datetime(2026, 7, 1, 1, 30), "local time, not UTC"
        assert sheet["B4"].is_date and sheet["B4"].number_format == "dd-mm-yyyy hh:mm"


def test_every_sheet_has_a_full_name_that_excel_accepts(book):
    report, workbook = book
    assert workbook.sheetnames[0] == "Samenvatting"
    expected = [str(SHEET_NAMES.get(t.key, t.title)) for t in report.tables]
    assert workbook.sheetnames[1:] == expected
    for name in workbook.sheetnames:
        assert len(name) <= EXCEL_NAME_MAX and not set(name) & set("[]:*?/\\")
    assert "Trend over vijf jaar" in workbook.sheetnames
    assert "Effect van maatregelen" in workbook.sheetnames
    # A table with a short title keeps it; an unknown long one is shortened at a word, not mid-word.
    long = Table("x", "Een heel lange titel van een tabel die niemand kent", ["a"], [])
    assert sheet_name(long) == "Een heel lange titel van een"


def _refs(series) -> tuple[str, str]:
    return series.val.numRef.f, series.cat.strRef.f if series.cat.strRef else series.cat.numRef.f


def test_each_counted_table_has_a_native_bar_chart_on_its_own_cells(book):
    report, workbook = book
    departments = workbook["Incidenten per afdeling"]
    (chart,) = departments._charts
    assert chart.tagname == "barChart"
    table = report.table("per_department")
    header = next(c.row for c in departments["A"] if c.value == "Afdeling")
    values, categories = _refs(chart.series[0])
    last = header + len(table.rows)
    assert values == f"'Incidenten per afdeling'!$B${header + 1}:$B${last}"
    assert categories == f"'Incidenten per afdeling'!$A${header + 1}:$A${last}"
    assert departments[f"A{last + 1}"].value == "Totaal", "the total row is not a bar"
    month = workbook["Incidenten per maand"]
    (chart,) = month._charts
    assert len(chart.series) == 2, "this year and the year before"
    charted = {name for name in workbook.sheetnames if workbook[name]._charts}
    for t in report.tables:
        if t.chart in ("barh", "bars_grouped", "line", "share_bars"):
            assert str(SHEET_NAMES.get(t.key, t.title)) in charted, t.key
    assert "Dag en uur" not in charted and "Gevolgen" not in charted
