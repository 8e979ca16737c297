"""Spreadsheet (XLSX) and CSV of the report's tables, with spreadsheet formulas neutralised.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab/carriage return) would run as a
formula when the file is opened (CSV injection, OWASP). Such text gets a leading apostrophe.
Only the protected tables are exported, so "< 5" stays "< 5".
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.text import slugify

from gir.exports import safe_cell
from reports.services.tables import Table, cell_number, cell_text

escape_formula = safe_cell  # the core's one formula escaping (gir.exports)


def _header(report) -> list[list[str]]:
    return [
        [report.title],
        [report.scope_label],
        [f"{report.generated_at:%d-%m-%Y %H:%M}"],
        [],
    ]


def table_csv(report, table: Table) -> bytes:
    """One table as CSV (semicolon-separated, as Dutch spreadsheets expect), UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([escape_formula(table.title)])
    writer.writerow([escape_formula(c) for c in table.columns])
    for row in table.all_rows():
        writer.writerow([escape_formula(cell_text(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", title)[:28] or "Tabel"
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name[:26]} {n}", n + 1
    used.add(candidate)
    return candidate


def report_xlsx(report) -> bytes:
    """Every table on its own sheet; numbers stay numbers, hidden cells are the text "< 5"."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in report.tables:
        sheet = book.create_sheet(_sheet_name(table.title, used))
        for line in [*_header(report), [table.title]]:
            sheet.append([escape_formula(v) for v in line])
        sheet.append([escape_formula(c) for c in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.all_rows():
            sheet.append([escape_formula(cell_number(cell)) for cell in row])
        if table.note:
            sheet.append([])
            sheet.append([escape_formula(table.note)])
        sheet.column_dimensions["A"].width = 48
    summary = book.create_sheet(_sheet_name("Samenvatting", used), 0)
    for line in [*_header(report), *[[s] for s in report.summary]]:
        summary.append([escape_formula(v) for v in line])
    summary.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(report, extension: str, table: Table | None = None) -> str:
    base = slugify(report.title) or "rapportage"
    if table is not None:
        base += "-" + slugify(table.title)
    return f"{base}.{extension}"
