"""The report as a tagged A4 PDF (weasyprint, imported lazily: it is slow to import).

The renderer fetches nothing from the network or the file system outside the project's own
static files: charts are data URIs, and ``url_fetcher`` refuses everything else.
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reports.services.charts import draw_all, sections


class FetchRefused(ValueError):
    pass


def static_path(url: str) -> str | None:
    """The file behind a URL under STATIC_URL (found by the static-files finders), or None."""
    parsed = urlparse(url)
    if parsed.scheme not in ("", "file") or parsed.netloc or not parsed.path.startswith(settings.STATIC_URL):
        return None
    relative = unquote(parsed.path[len(settings.STATIC_URL) :])
    if ".." in relative.split("/"):
        return None
    return finders.find(relative) or None


def make_url_fetcher():
    """weasyprint's fetcher narrowed to ``data:`` URIs and the project's static files."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_path(url)
            if path is None:
                raise FetchRefused(
                    f"PDF renderer refused to fetch a {urlparse(url).scheme or 'relative'} URL"
                )
            with open(path, "rb") as handle:
                return URLFetcherResponse(url, handle.read())

    return ProjectFetcher(allowed_protocols=["data", "file"])


def report_html(report, charts=None) -> str:
    charts = draw_all(report.tables) if charts is None else charts
    return render_to_string(
        "reports/report_pdf.html", {"report": report, "sections": sections(report.tables, charts)}
    )


def render_pdf(report, charts=None) -> bytes:
    from weasyprint import HTML

    html = report_html(report, charts)
    document = HTML(string=html, url_fetcher=make_url_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
