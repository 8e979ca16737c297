"""Spreadsheet (XLSX) and CSV of the report's tables, with spreadsheet formulas neutralised.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab/carriage return) would run as a
formula when the file is opened (CSV injection, OWASP). Such text gets a leading apostrophe from
the core's one formula escaping, ``gir.exports.safe_cell``.
Only the protected tables are exported, so "< 5" stays "< 5".

The workbook has one sheet per table, named in full (Excel allows 31 characters: long titles
have a complete shorter name in ``SHEET_NAMES``), the period and the moment of making as real
date cells in Dutch local time, and beside each counted table a native Excel bar chart that
refers to the table's cells (a hidden "< 5" is text there, so no bar). The report has no ODS
download; the lists that do (``gir.exports``) have no charts.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gir.exports import DATE_FORMAT, DATETIME_FORMAT, local_naive, safe_cell
from reports.services.tables import Share, Table, cell_number, cell_text, rate_columns


def _header(report) -> list[list]:
    params = report.params
    return [
        [report.title],
        [report.scope_label],
        [_("Periode"), params.date_from, _("tot en met"), params.date_to],
        [_("Gemaakt op"), local_naive(report.generated_at).replace(microsecond=0)],
        [],
    ]


def table_csv(report, table: Table) -> bytes:
    """One table as CSV (semicolon-separated, as Dutch spreadsheets expect), UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(table.title)])
    writer.writerow([safe_cell(c) for c in table.columns])
    for row in table.all_rows():
        writer.writerow([safe_cell(cell_text(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


EXCEL_NAME_MAX = 31
# Complete Dutch names for the tables whose title is longer than Excel allows.
SHEET_NAMES = {
    "trend": gettext_lazy("Trend over vijf jaar"),
    "trend_departments": gettext_lazy("Trend per afdeling"),
    "heat_map": gettext_lazy("Dag en uur"),
    "police": gettext_lazy("Melding of aangifte politie"),
    "effect": gettext_lazy("Effect van maatregelen"),
    "ban_effect": gettext_lazy("Effect van toegangsverboden"),
}


def sheet_name(table: Table) -> str:
    """The table's title, or its complete short name; never a title cut off mid-word."""
    for name in (str(SHEET_NAMES.get(table.key, "")), table.title):
        name = re.sub(r"[\[\]:*?/\\]", "", name).strip()
        if name and len(name) <= EXCEL_NAME_MAX:
            return name
    words, name = table.title.split(), ""
    while words and len(f"{name} {words[0]}".strip()) <= EXCEL_NAME_MAX:
        name = f"{name} {words.pop(0)}".strip()
    return re.sub(r"[\[\]:*?/\\]", "", name) or "Tabel"


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate, n = f"{name[: EXCEL_NAME_MAX - 3]} {n}", n + 1
    used.add(candidate.lower())
    return candidate


AXIS_TITLES = {
    "share_bars": gettext_lazy("Procent"),
    "rate_bars": gettext_lazy("Incidenten per 100 medewerkers"),
}


def _chart_columns(table: Table) -> list[int]:
    """The table's columns a bar chart shows: counts, or the shares of a share chart."""
    if table.chart in ("barh", "line"):
        return [1]
    if table.chart in ("bars_grouped", "lines"):
        return list(range(1, len(table.columns)))
    if table.chart == "share_bars":
        return [c for c in range(1, len(table.columns)) if any(isinstance(r[c], Share) for r in table.rows)]
    if table.chart == "rate_bars":
        return rate_columns(table)
    return []  # the heat map (7 x 24) is no bar chart


def _add_chart(sheet, table: Table, header_row: int) -> None:
    """A native bar chart of the table's rows (not its total), anchored beside the table."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    columns = _chart_columns(table)
    if not columns or not table.rows:
        return
    first, last = header_row + 1, header_row + len(table.rows)
    chart = BarChart()
    chart.type = "bar" if table.chart in ("barh", "share_bars", "rate_bars") else "col"
    chart.title = table.title
    chart.y_axis.title = str(AXIS_TITLES.get(table.chart, _("Incidenten")))
    chart.height, chart.width = max(7.5, 0.6 * len(table.rows) + 3), 16
    for col in columns:
        data = Reference(sheet, min_col=col + 1, min_row=header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    sheet.add_chart(chart, f"{get_column_letter(len(table.columns) + 2)}{header_row}")


def _write_header(sheet, report) -> None:
    from openpyxl.styles import Font

    for line in _header(report):
        sheet.append([safe_cell(v) for v in line])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in (sheet["B3"], sheet["D3"]):
        cell.number_format = DATE_FORMAT
    sheet["B4"].number_format = DATETIME_FORMAT
    sheet.column_dimensions["B"].width = max(sheet.column_dimensions["B"].width or 0, 17)
    sheet.column_dimensions["D"].width = max(sheet.column_dimensions["D"].width or 0, 12)


def _write_table(book, table: Table, report, used: set[str]) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(_unique(sheet_name(table), used))
    _write_header(sheet, report)
    sheet.append([safe_cell(table.title)])
    sheet[sheet.max_row][0].font = Font(bold=True)
    sheet.append([safe_cell(c) for c in table.columns])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in table.all_rows():
        sheet.append([safe_cell(cell_number(cell)) for cell in row])
    if table.note:
        sheet.append([])
        sheet.append([safe_cell(table.note)])
    sheet.column_dimensions["A"].width = 48
    _add_chart(sheet, table, header_row)


def report_xlsx(report) -> bytes:
    """Every table on its own sheet; numbers stay numbers, hidden cells are the text "< 5"."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    summary = book.create_sheet(_unique(_("Samenvatting"), used))
    _write_header(summary, report)
    for line in report.summary:
        summary.append([safe_cell(line)])
    summary.column_dimensions["A"].width = 100
    for table in report.tables:
        _write_table(book, table, report, used)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(report, extension: str, table: Table | None = None) -> str:
    base = slugify(report.title) or "rapportage"
    if table is not None:
        base += "-" + slugify(table.title)
    return f"{base}.{extension}"
