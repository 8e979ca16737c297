"""PDF figures: a letter (one copy, five copies) and the annual report, cold and warm.

The report PDF is timed cold (charts not yet drawn: the shared cache emptied) and warm (charts
from the cache), and once per chart format, because how weasyprint draws a chart (text as
paths, text as text, or a picture) is most of the PDF's time.
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
    """Draw charts in one of ``charts.FORMATS`` for the duration (benchmark comparison only)."""
    from reports.services import charts

    if not hasattr(charts, "CHART_FORMAT"):  # the code before the formats: paths only
        yield
        return
    before = charts.CHART_FORMAT
    charts.CHART_FORMAT = name
    try:
        yield
    finally:
        charts.CHART_FORMAT = before


def _report_pdf(report, warm: bool, repeat: int = REPEAT) -> dict:
    """Median wall ms and mean CPU ms of this process (weasyprint and matplotlib run here)."""
    from reports.services.charts import draw_all
    from reports.services.pdf import render_pdf

    times, cpu = [], 0.0
    for _ in range(repeat):
        if not warm:
            cache.clear()
        else:
            draw_all(report.tables)
        start, cpu_start = time.perf_counter(), time.process_time()
        render_pdf(report, draw_all(report.tables))
        times.append(time.perf_counter() - start)
        cpu += time.process_time() - cpu_start
    return {"ms": round(statistics.median(times) * 1000, 1), "cpu_ms": round(cpu / repeat * 1000, 1)}


def report_rows(seeded, repeat: int = REPEAT, formats=None) -> list[dict]:
    from reports.services import charts
    from reports.services.params import ReportParams
    from reports.services.report import build_report

    report = build_report(seeded.coordinator, ReportParams.for_year(seeded.years[1]))
    _report_pdf(report, warm=False, repeat=1)  # weasyprint, fonts and matplotlib loaded: not per PDF
    known = getattr(charts, "FORMATS", {"svg-path": "SVG, text as paths"})
    rows, shipped = [], getattr(charts, "CHART_FORMAT", "svg-path")
    for name in formats or known:
        with chart_format(name):
            for state, warm in (("cold", False), ("warm", True)):
                label = f"annual report PDF, charts as {known[name]}"
                if name == shipped:
                    label += " (the shipped format)"
                rows.append({"label": label, "state": state, **_report_pdf(report, warm, repeat)})
    return rows


def measure(seeded, repeat: int = REPEAT) -> list[dict]:
    letter = letters.measure(seeded)
    return [
        {
            "label": "letter PDF, first render in the process",
            "state": "cold",
            "ms": letter["first_render_ms"],
        },
        {
            "label": "letter PDF, one copy",
            "state": "warm",
            "ms": letter["one_copy_ms"],
            "cpu_ms": letter["one_copy_cpu_ms"],
        },
        {
            "label": "letter PDF, five copies in one PDF",
            "state": "warm",
            "ms": letter["five_copies_ms"],
            "cpu_ms": letter["five_copies_cpu_ms"],
        },
        *report_rows(seeded, repeat),
    ]
