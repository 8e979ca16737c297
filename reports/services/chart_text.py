"""A chart in words: the text alternative that goes with each report chart (WCAG 1.1.1).

The picture is drawn by ``reports.services.charts``; the full figures are always in the table
beside it, so the text names the kind of chart, its highest figure and whether small counts were
left out."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.services.tables import HIDDEN, SMALL, Rate, Table, rate_columns

KIND_WORDS = {
    "share_bars": gettext_lazy("Staafdiagram"),
    "barh": gettext_lazy("Staafdiagram"),
    "bars_grouped": gettext_lazy("Staafdiagram"),
    "line": gettext_lazy("Lijndiagram"),
    "lines": gettext_lazy("Lijndiagram"),
    "heat": gettext_lazy("Warmtekaart"),
    "rate_bars": gettext_lazy("Staafdiagram"),
}


def _rate_alt(table: Table) -> str:
    """The highest rate and where, for a rate chart (its counts are not what it draws)."""
    best = None
    for row in table.rows:
        for col in rate_columns(table):
            cell = row[col]
            if (
                isinstance(cell, Rate)
                and cell.percent is not None
                and (best is None or cell.percent > best[0])
            ):
                best = (cell.percent, cell, row[0], table.columns[col])
    if best is None or best[0] <= 0:
        return ""
    return " " + _("Het hoogste cijfer is %(n)s (%(where)s).") % {
        "n": best[1],
        "where": f"{best[2]}, {best[3]}",
    }


def alt_text(table: Table) -> str:
    """What the chart shows in words, with its highest value; the full figures are in the table."""
    if table.chart == "rate_bars":
        return _alt_end(table, f"{KIND_WORDS[table.chart]}: {table.title.lower()}." + _rate_alt(table))
    best = None
    for row in table.rows:
        for col, cell in enumerate(row[1:], start=1):
            if isinstance(cell, int) and not isinstance(cell, bool) and (best is None or cell > best[0]):
                best = (cell, row[0], table.columns[col])
    text = f"{KIND_WORDS[table.chart]}: {table.title.lower()}."
    if best and best[0] > 0:
        where = (
            _("%(day)s, %(hour)s uur") % {"day": best[1], "hour": best[2]}
            if table.chart == "heat"
            else str(best[1])
        )
        text += " " + _("Het hoogste aantal is %(n)s (%(where)s).") % {"n": best[0], "where": where}
    return _alt_end(table, text)


def _alt_end(table: Table, text: str) -> str:
    if any(cell in (SMALL, HIDDEN) for row in table.rows for cell in row):
        text += " " + _("Kleine aantallen zijn niet getekend.")
    return text + " " + _("De cijfers staan in de tabel.")
