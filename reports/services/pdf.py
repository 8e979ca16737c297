"""The report as a tagged A4 PDF (weasyprint, imported lazily: it is slow to import).

The renderer fetches nothing from the network or the file system outside the project's own
static files: charts are data URIs, and ``url_fetcher`` refuses everything else.
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reports.services.charts import draw_all


class FetchRefused(ValueError):
    pass


def url_fetcher(url: str, *args, **kwargs):
    """Serve ``data:`` URIs and files found by the static-files finders; refuse the rest."""
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    parsed = urlparse(url)
    if parsed.scheme in ("", "file", "static") and parsed.path.startswith(settings.STATIC_URL):
        relative = unquote(parsed.path[len(settings.STATIC_URL) :])
        if ".." not in relative.split("/"):
            found = finders.find(relative)
            if found:
                with open(found, "rb") as handle:
                    return {"string": handle.read(), "filename": relative}
    raise FetchRefused(f"PDF renderer refused to fetch {parsed.scheme or 'relative'} URL")


def report_html(report, charts=None) -> str:
    charts = draw_all(report.tables) if charts is None else charts
    return render_to_string("reports/report_pdf.html", {"report": report, "charts": charts})


def render_pdf(report, charts=None) -> bytes:
    from weasyprint import HTML

    html = report_html(report, charts)
    document = HTML(string=html, base_url="static:///", url_fetcher=url_fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1")
