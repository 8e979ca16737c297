"""One way to export a table: CSV, XLSX or ODS, formula-safe, sent through ``gir.downloads``.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` — or a tab or carriage return, which some
spreadsheets skip before reading such a sign — would run as a formula when the file is opened
(CSV injection, OWASP). ``safe_cell`` gives such text a leading apostrophe, so a name typed as
``=HYPERLINK(...)`` stays text. Numbers and dates stay numbers and dates (a negative number is
not a formula); any other object is exported as its text.

Dates and times are real date cells (not text) in Dutch local time: spreadsheets know no time
zones, so an aware datetime is converted to Europe/Amsterdam (``TIME_ZONE``) and written without
its offset, and shown as ``dd-mm-jjjj uu:mm``.

CSV is semicolon-separated with a byte-order mark, as Dutch spreadsheet programs expect.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from gir.downloads import attachment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_TYPES = (bool, int, float, Decimal, date)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"


def local_naive(value: datetime) -> datetime:
    """An aware datetime as the wall-clock time in the Netherlands, without offset."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def safe_cell(value):
    """The value as a spreadsheet cell that is never read as a formula."""
    if isinstance(value, datetime):
        return local_naive(value)
    if value is None or isinstance(value, PLAIN_TYPES):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_rows(headers: Sequence, rows: Iterable[Sequence]) -> Iterable[list]:
    yield [safe_cell(value) for value in headers]
    for row in rows:
        yield [safe_cell(value) for value in row]


def to_csv(headers: Sequence, rows: Iterable[Sequence], *, title: str = "") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(safe_rows(headers, rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str) -> str:
    # Spreadsheet programs allow at most 31 characters and none of []:*?/\ in a sheet name.
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Blad1"


def xlsx_number_format(value) -> str | None:
    """The Dutch display format of a date cell, None for anything else."""
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    return DATE_FORMAT if isinstance(value, date) else None


def _xlsx_row(sheet, row: list) -> list:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        shape = xlsx_number_format(value)
        if shape:
            value = WriteOnlyCell(sheet, value=value)
            value.number_format = shape
        cells.append(value)
    return cells


def to_xlsx(headers: Sequence, rows: Iterable[Sequence], *, title: str = "") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    for row in safe_rows(headers, rows):
        sheet.append(_xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ods_cell(value):
    from odf.table import TableCell
    from odf.text import P

    if value is None:
        return TableCell()
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
    elif isinstance(value, int | float | Decimal):
        cell = TableCell(valuetype="float", value=value)
    elif isinstance(value, date):
        plain = local_naive(value) if isinstance(value, datetime) else value
        cell = TableCell(valuetype="date", datevalue=plain.isoformat())
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def to_ods(headers: Sequence, rows: Iterable[Sequence], *, title: str = "") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow

    document = OpenDocumentSpreadsheet()
    table = Table(name=_sheet_title(title))
    for row in safe_rows(headers, rows):
        table_row = TableRow()
        for value in row:
            table_row.addElement(_ods_cell(value))
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "ods": to_ods}


def export_format(value: str | None) -> str:
    """The format asked for (``?formaat=``): csv, xlsx or ods; anything else is csv."""
    return value if value in WRITERS else "csv"


def table_download(
    *, name: str, fmt: str, headers: Sequence, rows: Iterable[Sequence], title: str = ""
) -> HttpResponse:
    """The table as a download ``<name>.<fmt>`` in the format asked for (see ``export_format``)."""
    fmt = export_format(fmt)
    content = WRITERS[fmt](headers, rows, title=title or name)
    return attachment(content, filename=f"{name}.{fmt}", content_type=CONTENT_TYPES[fmt])
