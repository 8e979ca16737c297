"""Export of the organisation's yearly key figures in the open format "gir-kerncijfers" 1.0.

The format is documented in ``docs/kerncijfers.md`` with its JSON Schema in
``docs/schema/gir-kerncijfers-1.0.schema.json``. Figures come from the protected tables of
the organisation-wide report only (hidden cells stay hidden: value null); figures are keyed
by the stable codes of the choices, never by labels or free text, and carry no names.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.conf import settings

from gir.exports import safe_cell
from gir.models import Organisation
from incidents.constants import AggressionForm, LocationType
from reports.services.headcount import headcounts_for_year
from reports.services.tables import Amount, Share
from sanctions.constants import MeasureType

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "schema" / "gir-kerncijfers-1.0.schema.json"


def _figure(key: str, cell) -> dict:
    if isinstance(cell, Share):
        cell = None if cell.percent is None else round(cell.percent, 1)
    if isinstance(cell, Amount):  # days stay whole, euros keep their cents
        cell = int(cell.value) if cell.unit == "dagen" else round(float(cell.value), 2)
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return {"key": key, "value": None, "hidden": cell is not None}
    return {"key": key, "value": cell, "hidden": False}


def _by_label(report, table_key: str, choices) -> list[tuple[str, object]]:
    table = report.table(table_key)
    cells = {row[0]: row[1] for row in table.rows} if table else {}
    return [(choice.value, cells.get(str(choice.label), 0)) for choice in choices]


def _rows(report, table_key: str, codes: list[str], col: int = 1) -> list[tuple[str, object]]:
    table = report.table(table_key)
    return [(code, row[col]) for code, row in zip(codes, table.rows, strict=False)] if table else []


def own_cells(report) -> dict[str, list[tuple[str, object]]]:
    """``{section: [(figure code, protected cell)]}``: the cells the export is made of, with their
    "< 5" and "×" marks still in place (the comparison in the report shows them as the report does)."""
    return {
        "totaal": [("incidenten", report.table("key_figures").rows[0][1])],
        "vorm": _by_label(report, "per_form", AggressionForm),
        "soort_plek": _by_label(report, "per_location_type", LocationType),
        "gevolgen": _rows(report, "consequences", CONSEQUENCES),
        "maatregelen": _by_label(report, "measures", MeasureType),
        "termijnen": _rows(report, "deadlines", DEADLINES, col=6),
    }


def kerncijfers(report) -> dict:
    """The key figures of an organisation-wide calendar-year report, as a dict."""
    year = report.params.date_from.year
    return {
        "format": "gir-kerncijfers",
        "version": "1.0",
        "organisation": Organisation.get().name,
        "year": year,
        "employees": headcounts_for_year(year).get(None),
        "sections": [
            {"key": key, "figures": [_figure(code, cell) for code, cell in cells]}
            for key, cells in own_cells(report).items()
        ],
    }


CONSEQUENCES = [
    "letsel",
    "arts",
    "ziekenhuis",
    "verzuim",
    "verzuimdagen",
    "schade_eigen",
    "schade_eigen_bedrag",
    "schade_gemeente",
    "schade_gemeente_bedrag",
    "politie_ter_plaatse",
]
DEADLINES = [
    "reactie_48_uur_pct_op_tijd",
    "nazorg_1_pct_op_tijd",
    "nazorg_2_pct_op_tijd",
    "nazorg_3_pct_op_tijd",
]


def kerncijfers_json(report) -> bytes:
    return json.dumps(kerncijfers(report), ensure_ascii=False, indent=2).encode("utf-8")


def kerncijfers_csv(report) -> bytes:
    """The same figures as CSV: section;figure;value (empty when hidden); the head names the
    organisation, year and number of employees (empty when unknown), so rates can be computed."""
    data = kerncijfers(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["formaat", "versie", "organisatie", "jaar", "medewerkers"])
    head = [data["format"], data["version"], safe_cell(data["organisation"]), data["year"]]
    writer.writerow([*head, "" if data["employees"] is None else data["employees"]])
    writer.writerow(["sectie", "cijfer", "waarde", "verborgen"])
    for section in data["sections"]:
        for f in section["figures"]:
            writer.writerow(
                [section["key"], f["key"], "" if f["value"] is None else f["value"], int(f["hidden"])]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
