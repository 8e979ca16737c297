"""One way to export a table: CSV, XLSX or ODS, formula-safe, dates as real dates.

Cells a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
get a leading apostrophe, so a name typed as ``=HYPERLINK(...)`` stays text (CSV injection,
OWASP). Instants are shown in Europe/Amsterdam; in XLSX and ODS they are real dates.
(Minimal version by the "ui" work; the core's fuller helper replaces it at merge.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.utils import timezone

from gir.downloads import attachment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def safe_cell(value):
    """Text that cannot start a formula; dates in local time without a zone; numbers as they are."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, int | float | date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(headers, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        cells = [safe_cell(v) for v in row]
        writer.writerow([c.strftime("%d-%m-%Y %H:%M") if isinstance(c, datetime) else c for c in cells])
    return ("\ufeff" + out.getvalue()).encode()  # BOM: Excel opens UTF-8 correctly


def _xlsx(headers, rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd-mm-yyyy hh:mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods_cell(value):
    from odf.table import TableCell
    from odf.text import P

    if isinstance(value, datetime):
        cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"))
        cell.addElement(P(text=value.strftime("%d-%m-%Y %H:%M")))
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
    else:
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=str(value)))
    return cell


def _ods(headers, rows) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow

    document = OpenDocumentSpreadsheet()
    table = Table(name="Export")
    for row in [headers, *rows]:
        table_row = TableRow()
        for value in row:
            table_row.addElement(_ods_cell(safe_cell(value)))
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def export_table(*, headers: Sequence[str], rows: Iterable[Sequence], fmt: str, filename: str):
    """A download of the table in ``fmt`` (csv, xlsx or ods); ``filename`` without extension."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    content = {"csv": _csv, "xlsx": _xlsx, "ods": _ods}[fmt](list(headers), list(rows))
    return attachment(content, filename=f"{filename}.{fmt}", content_type=FORMATS[fmt])
