"""The one export helper escapes formulas in all three formats and keeps dates as dates."""

import io
import zipfile
from datetime import UTC, datetime

import pytest

from gir.exports import export_table, safe_cell

ROWS = [['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "gewoon", datetime(2026, 7, 1, 10, 0, tzinfo=UTC)]]


def test_safe_cell_escapes_formula_starts_and_keeps_numbers():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@x") == "'@x"
    assert safe_cell("tekst") == "tekst"
    assert safe_cell(5) == 5
    assert safe_cell(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)) == datetime(2026, 7, 1, 12, 0)  # summer time


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_no_cell_starts_a_formula(fmt):
    response = export_table(headers=["Kop"] * 6, rows=ROWS, fmt=fmt, filename="test")
    assert response["Content-Disposition"] == f'attachment; filename="test.{fmt}"'
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and ";'+1;'-2;'@SUM(A1);" in text and "01-07-2026 12:00" in text
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [cell.value for cell in sheet[2]]
        assert values[:5] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "gewoon"]
        assert values[5] == datetime(2026, 7, 1, 12, 0)
    else:
        content = zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()
        assert "'=HYPERLINK" in content and "'@SUM(A1)" in content
        assert 'office:date-value="2026-07-01T12:00:00"' in content


def test_the_incident_list_exports_only_the_rows_in_scope(world, login):
    from tests.incidents.factories import file_incident

    mine = file_incident(world.employee, world.dept_a)
    other = file_incident(world.colleague, world.dept_b)
    response = login(world.employee).get("/incidenten/overzicht/export/?formaat=csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Kenmerk;Gebeurd op")
    assert mine.reference in text and other.reference not in text
    assert login(world.employee).get("/incidenten/overzicht/export/?formaat=exe").status_code == 404
