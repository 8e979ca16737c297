"""The report as a tagged A4 PDF/A through the core's one PDF helper (``gir.pdf``).

The organisation's logo is a data URI and the charts are handed to the renderer in memory
(``Chart.pdf_src``); the helper's fetcher serves those and the project's static files and
refuses the rest, so rendering fetches nothing from the network or the file
system. A run adds the coordinator's own words: a foreword after the title page, commentary
at the head of each section and who set the report ("Vastgesteld door"). They are plain text,
escaped by the template; an empty line starts a paragraph.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from gir.models import Organisation
from gir.pdf import image_data_uri, render_to_pdf, rendering
from reports.services import charts as chart_module
from reports.services.charts import Chart, draw_for_pdf, sections
from reports.services.tables import Table


def report_html(report, charts=None, *, run=None) -> str:
    charts = draw_for_pdf(report.tables) if charts is None else charts
    organisation = Organisation.get()
    commentary = run.commentary if run is not None else {}
    return render_to_string(
        "reports/report_pdf.html",
        {
            "report": report,
            "sections": [(t, c, commentary.get(t.key, "")) for t, c in sections(report.tables, charts)],
            "charts": charts,  # the comparison's charts, in its own section
            "summary_comment": commentary.get("summary", ""),
            "run": run,
            "organisation_name": organisation.name,
            "logo": image_data_uri(organisation.logo),
        },
    )


def render_pdf(report, charts=None, *, run=None) -> bytes:
    # Drawing the charts makes as many short-lived objects as laying out the PDF.
    with rendering():
        charts = draw_for_pdf(report.tables) if charts is None else charts
        return render_to_pdf(report_html(report, charts, run=run), resources=pdf_resources(charts))


def pdf_resources(charts: dict[str, Chart]) -> dict[str, bytes]:
    """The pictures behind the ``pdf_src`` of ``charts``, for ``gir.pdf.render_to_pdf``."""
    return {chart.resource_name: chart.svg for chart in charts.values()}


def warm_up() -> None:
    """Load the renderer and draw a small chart now: ~2 s of CPU (importing weasyprint and
    matplotlib, the fonts and their caches) that a worker process pays when it starts instead
    of in the first report PDF a coordinator waits for (``reports.tasks``)."""
    from gir.pdf import warm_up as load_renderer

    load_renderer()
    table = Table("warm-up", "", ["a", "b"], [["a", 1], ["b", 2]], chart="barh")
    chart_module.draw_picture(table, chart_module.PDF_CHART_FORMAT)
