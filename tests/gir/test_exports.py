"""One export helper: CSV, XLSX and ODS, each read back, never carrying a live formula."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gir.exports import CONTENT_TYPES, safe_cell, table_download

DANGEROUS = ["=HYPERLINK(1)", "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
HEADERS = ["naam", "aantal", "datum"]
ROWS = [[text, -5, date(2026, 3, 1)] for text in DANGEROUS] + [["Kramer", Decimal("2.5"), None]]


def test_safe_cell_escapes_every_formula_start_and_keeps_numbers_and_dates():
    for text in DANGEROUS:
        assert safe_cell(text) == "'" + text
    assert safe_cell("Kramer") == "Kramer"
    assert safe_cell(-5) == -5 and safe_cell(date(2026, 3, 1)) == date(2026, 3, 1)
    assert safe_cell(None) is None

    class Person:
        def __str__(self):
            return "=CMD()"

    assert safe_cell(Person()) == "'=CMD()"  # objects are exported as their (escaped) text


def _read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _read_xlsx(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _read_ods(content: bytes) -> list[list[str]]:
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import TableCell, TableRow

    document = load(io.BytesIO(content))
    rows = []
    for row in document.spreadsheet.getElementsByType(TableRow):
        cells = row.getElementsByType(TableCell)
        assert not any(cell.attributes.get((TABLENS, "formula")) for cell in cells)
        rows.append(["".join(str(node) for node in cell.childNodes) for cell in cells])
    return rows


@pytest.mark.parametrize("fmt,read", [("csv", _read_csv), ("xlsx", _read_xlsx), ("ods", _read_ods)])
def test_every_format_escapes_formulas_when_read_back(fmt, read):
    response = table_download(name="lijst", fmt=fmt, headers=HEADERS, rows=ROWS, title="Lijst")
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="lijst.{fmt}"'
    assert response["Cache-Control"] == "private, no-store"
    rows = read(response.content)
    assert rows[0] == HEADERS
    # XML (XLSX, ODS) stores a carriage return as a line feed; the escaping is the same.
    first_column = [row[0].replace("\r", "\n") for row in rows[1:]]
    assert first_column[: len(DANGEROUS)] == ["'" + text.replace("\r", "\n") for text in DANGEROUS]
    assert first_column[-1] == "Kramer"
    assert str(rows[1][1]) in ("-5", "-5.0")  # a negative number stays a number, not escaped


def test_an_unknown_format_falls_back_to_csv():
    response = table_download(name="lijst", fmt="exe", headers=HEADERS, rows=[])
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'


def test_the_dispatch_register_exports_as_ods(world, login):
    from django.urls import reverse

    response = login(world.coordinator).get(reverse("letters:register-export"), {"formaat": "ods"})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["ods"]
    assert _read_ods(response.content)[0][0] == "Kenmerk brief"
