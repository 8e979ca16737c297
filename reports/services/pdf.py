"""The report as a tagged A4 PDF/A through the core's one PDF helper (``gir.pdf``).

Charts are data URIs; the helper's fetcher serves the project's static files and refuses the
rest, so rendering fetches nothing from the network or the file system.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from gir.pdf import RefusedURL, render_to_pdf, url_fetcher
from reports.services.charts import draw_all, sections

# Older names of the shared fetcher and its refusal, kept for callers of this module.
FetchRefused = RefusedURL
make_url_fetcher = url_fetcher


def report_html(report, charts=None) -> str:
    charts = draw_all(report.tables) if charts is None else charts
    return render_to_string(
        "reports/report_pdf.html", {"report": report, "sections": sections(report.tables, charts)}
    )


def render_pdf(report, charts=None) -> bytes:
    return render_to_pdf(report_html(report, charts))
