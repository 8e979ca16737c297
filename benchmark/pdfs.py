"""PDF figures: a letter (one copy, five copies) and the annual report, cold and warm.

Every row says what "cold" means: for the letter, the first render in the process (weasyprint
imported, fonts loaded). For the report: the first render in a fresh process (a child
process that imports weasyprint and matplotlib and draws every chart: what the first report
of a worker that did not preload them costs); then, with the renderer loaded (as the Celery
worker has it: ``reports.tasks`` preloads it), per chart format cold (charts not yet drawn:
the shared cache emptied) and warm (charts from the cache), because how weasyprint draws a
chart (text as paths, text as text, or a picture) was most of the PDF's time. CPU is that
process's own (weasyprint and matplotlib run in it).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse

from django.core.cache import cache

from benchmark import letters

REPEAT = 5


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
    """Median wall ms and median CPU ms of this process (weasyprint and matplotlib run here).

    The PDF draws its own charts (in the PDF's format), from the shared cache when warm."""
    from reports.services.pdf import render_pdf

    times, cpu = [], []
    for _ in range(repeat):
        if not warm:
            cache.clear()
        else:
            render_pdf(report)
        start, cpu_start = time.perf_counter(), time.process_time()
        render_pdf(report)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return {
        "ms": round(statistics.median(times) * 1000, 1),
        "cpu_ms": round(statistics.median(cpu) * 1000, 1),
    }


def _report(coordinator, year: int):
    from reports.services.params import ReportParams
    from reports.services.report import build_report

    return build_report(coordinator, ReportParams.for_year(year))


def fresh_process_child(coordinator_pk: int, year: int, warmed_up: bool) -> dict:
    """In the child: the report computed (not timed), the renderer loaded first when
    ``warmed_up`` (as a Celery worker process does when it starts: ``reports.tasks``), the
    shared cache emptied, then the first PDF of the process timed (drawing the charts)."""
    from django.contrib.auth import get_user_model

    report = _report(get_user_model().objects.get(pk=coordinator_pk), year)
    if warmed_up:
        from reports.tasks import load_the_pdf_renderer

        load_the_pdf_renderer()
    cache.clear()
    return _report_pdf(report, warm=False, repeat=1)


FRESH_CHILD = (
    "import json, sys, django; django.setup(); from benchmark.pdfs import fresh_process_child; "
    "print(json.dumps(fresh_process_child(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == '1')))"
)
FRESH_LABELS = {
    False: "annual report PDF, first render in a fresh process "
    "(imports weasyprint and matplotlib, draws the charts)",
    True: "annual report PDF, first render in a worker process after its warm-up (draws the charts)",
}


def fresh_process_rows(seeded) -> list[dict]:
    """The report PDF as the first thing a fresh process renders, without and with the warm-up
    of the Celery worker (child processes on the same database and settings)."""
    from django.db import connection

    url = urlparse(os.environ.get("DATABASE_URL", ""))
    env = {
        **os.environ,
        "DATABASE_URL": urlunparse(url._replace(path="/" + connection.settings_dict["NAME"])),
    }
    rows = []
    for warmed_up in (False, True):
        arguments = [str(seeded.coordinator.pk), str(seeded.years[1]), "1" if warmed_up else "0"]
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", FRESH_CHILD, *arguments],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append({"label": FRESH_LABELS[warmed_up], "state": "cold", **figures})
    return rows


def report_rows(seeded, repeat: int = REPEAT, formats=None) -> list[dict]:
    from reports.services import charts

    report = _report(seeded.coordinator, seeded.years[1])
    # weasyprint, fonts and matplotlib loaded: once per process, not per PDF
    first = _report_pdf(report, warm=False, repeat=1)
    known = getattr(charts, "FORMATS", {"svg-path": "SVG, text as paths"})
    shipped = getattr(charts, "PDF_CHART_FORMAT", getattr(charts, "CHART_FORMAT", "svg-path"))
    label = (
        "annual report PDF, first render in the process "
        "(weasyprint loaded by the letter rows; imports matplotlib, draws the charts)"
    )
    rows = [{"label": label, "state": "cold", **first}]
    for name in formats or known:
        with chart_format(name):
            for state, warm in (("cold", False), ("warm", True)):
                what = "charts not yet drawn" if state == "cold" else "charts from the cache"
                label = f"annual report PDF, charts as {known[name]}; {what}"
                if name == shipped:
                    label += " (the shipped format)"
                rows.append({"label": label, "state": state, **_report_pdf(report, warm, repeat)})
    return rows


def measure(seeded, repeat: int = REPEAT) -> list[dict]:
    letter = letters.measure(seeded)
    return [
        {
            "label": "letter PDF, one copy, first render in the process (imports weasyprint)",
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
        *fresh_process_rows(seeded),
        *report_rows(seeded, repeat),
    ]
