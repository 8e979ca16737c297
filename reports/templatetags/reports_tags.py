"""Template filters for report cells."""

from django import template

from reports.services.comparison import PREFIX
from reports.services.tables import HIDDEN, SMALL, cell_text

register = template.Library()


@register.filter
def cell(value) -> str:
    return cell_text(value)


@register.filter
def heat_level(value, peak) -> int:
    """0-4 shade of a heat-map cell; hidden cells get their own class."""
    if value is SMALL or value is HIDDEN:
        return -1
    if not isinstance(value, int) or value <= 0 or not peak:
        return 0
    return max(1, min(4, round(4 * value / peak)))


@register.filter
def css_string(value) -> str:
    """Safe inside a CSS string in the PDF's @page rules: no quotes, backslashes or newlines."""
    return " ".join(str(value).replace('"', "").replace("\\", "").split())


@register.filter
def comparison_sections(report, charts) -> list:
    """The report's "Vergelijking met anderen" tables (shown in their own section), each with
    its chart or None: ``{% for table, chart in report|comparison_sections:charts %}``."""
    charts = charts or {}
    return [(t, charts.get(t.key)) for t in report.tables if t.key.startswith(PREFIX)]


# The first column's share of a PDF table by its number of columns (the label column; the
# figures share the rest). A table with a fixed layout takes its column widths from the first
# row instead of measuring every cell's text twice. Tables of four or five columns keep the
# automatic layout: there a fixed share wrapped headers such as "Per 100 medewerkers".
_LEAD_WIDTH = {2: 60, 3: 46, 4: None, 5: None}


@register.filter
def pdf_lead_width(table) -> int | None:
    """The width (per cent) of the first column of ``table`` in the PDF, or None: automatic."""
    if table.key == "heat_map":
        return 12
    return _LEAD_WIDTH.get(len(table.columns), 24)
