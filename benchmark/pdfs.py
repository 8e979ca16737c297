"""PDF figures: a letter (one copy, five copies) and the annual report, cold and warm.

Every row says what "cold" means: for the letter, the first render in the process (weasyprint
imported, fonts loaded); for the report, the first render in the process, and then per chart
format cold (charts not yet drawn: the shared cache emptied) and warm (charts from the cache),
because how weasyprint draws a chart (text as paths, text as text, or a picture) was most of
the PDF's time. CPU is this process's (weasyprint and matplotlib run here).
"""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager

from django.core.cache import cache

from benchmark import letters

REPEAT = 3


@contextmanager
def chart_format(name: str):
    """Draw the PDF's charts in one of ``charts.FORMATS`` for the duration (benchmark comparison
    only). Older code had one format for page and PDF (``CHART_FORMAT``)."""
    from reports.services import charts

    setting = next((s for s in ("PDF_CHART_FORMAT", "CHART_FORMAT") if hasattr(charts, s)), None)
    if setting is None:  # the code before the formats: paths only
        yield
        return
    before = getattr(charts, setting)
    setattr(charts, setting, name)
    try:
        yield
    finally:
        setattr(charts, setting, before)


def _report_pdf(report, warm: bool, repeat: int = REPEAT) -> dict:
    """Median wall ms and mean CPU ms of this process (weasyprint and matplotlib run here).

    The PDF draws its own charts (in the PDF's format), from the shared cache when warm."""
    from reports.services.pdf import render_pdf

    times, cpu = [], 0.0
    for _ in range(repeat):
        if not warm:
            cache.clear()
        else:
            render_pdf(report)
        start, cpu_start = time.perf_counter(), time.process_time()
        render_pdf(report)
        times.append(time.perf_counter() - start)
        cpu += time.process_time() - cpu_start
    return {"ms": round(statistics.median(times) * 1000, 1), "cpu_ms": round(cpu / repeat * 1000, 1)}


def report_rows(seeded, repeat: int = REPEAT, formats=None) -> list[dict]:
    from reports.services import charts
    from reports.services.params import ReportParams
    from reports.services.report import build_report

    report = build_report(seeded.coordinator, ReportParams.for_year(seeded.years[1]))
    # weasyprint, fonts and matplotlib loaded: once per process, not per PDF
    first = _report_pdf(report, warm=False, repeat=1)
    known = getattr(charts, "FORMATS", {"svg-path": "SVG, text as paths"})
    shipped = getattr(charts, "PDF_CHART_FORMAT", getattr(charts, "CHART_FORMAT", "svg-path"))
    rows = [{"label": "annual report PDF, first render in the process", "state": "cold", **first}]
    for name in formats or known:
        with chart_format(name):
            for state, warm in (("cold", False), ("warm", True)):
                what = "charts drawn" if state == "cold" else "charts from the cache"
                label = f"annual report PDF, charts as {known[name]}; {what}"
                if name == shipped:
                    label += " (the shipped format)"
                rows.append({"label": label, "state": state, **_report_pdf(report, warm, repeat)})
    return rows


def measure(seeded, repeat: int = REPEAT) -> list[dict]:
    letter = letters.measure(seeded)
    return [
        {
            "label": "letter PDF, one copy, first render in the process",
            "state": "cold",
            "ms": letter["first_render_ms"],
            "cpu_ms": letter.get("first_render_cpu_ms"),
        },
        {
            "label": "letter PDF, one copy, again",
            "state": "warm",
            "ms": letter["one_copy_ms"],
            "cpu_ms": letter["one_copy_cpu_ms"],
        },
        {
            "label": "letter PDF, five copies in one PDF, again",
            "state": "warm",
            "ms": letter["five_copies_ms"],
            "cpu_ms": letter["five_copies_cpu_ms"],
        },
        *report_rows(seeded, repeat),
    ]
