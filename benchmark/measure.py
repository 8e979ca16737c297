"""In-process measurements: pages against their own SQL, the annual report, the deadline scan.

"Raw SQL" of a page is the very SELECT statements the page ran (captured), executed again on
a plain cursor: the ratio server time / raw SQL time shows how much the ORM, the views and the
templates add on top of what the database has to do anyway.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incidents.models import Incident

REPEAT = 5


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _raw_sql_seconds(statements: list[str]) -> float:
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute(sql)
            cursor.fetchall()
    return time.perf_counter() - start


def measure_page(client: Client, label: str, url: str) -> dict:
    client.get(url)  # warm caches (templates, permissions)
    times, raws, queries, status = [], [], 0, None
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        status = response.status_code
        statements = [q["sql"] for q in ctx.captured_queries]
        queries = len(statements)
        raws.append(_raw_sql_seconds(statements))
    server, raw = statistics.median(times), statistics.median(raws)
    return {
        "label": label,
        "url": url,
        "status": status,
        "queries": queries,
        "server_ms": _ms(server),
        "raw_sql_ms": _ms(raw),
        "ratio": round(server / raw, 1) if raw else None,
    }


def _incidents_by_weight():
    """A light incident (one form, no aggressor) and a heavy one (most forms/links/measures)."""
    from django.db.models import Count

    base = Incident.objects.filter(reference__startswith="B-")
    heavy = (
        base.annotate(
            n=Count("forms", distinct=True) + Count("aggressor_links", distinct=True) + Count("measures")
        )
        .order_by("-n", "pk")
        .first()
    )
    light = base.filter(aggressor_links__isnull=True).order_by("pk").first()
    return light, heavy


def pages(seeded) -> list[dict]:
    coordinator, manager = seeded.coordinator, seeded.managers[0]
    year = seeded.years[1]
    light, heavy = _incidents_by_weight()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator)
    rows = [
        measure_page(client, "incident list (coordinator, page 1)", reverse("incidents:list")),
        measure_page(
            client,
            "incident list filtered (form + year)",
            reverse("incidents:list")
            + f"?form=bedreiging&occurred_from={year}-01-01&occurred_until={year}-12-31",
        ),
        measure_page(
            client, "incident list, aggressor name search", reverse("incidents:list") + "?aggressor=Persoon12"
        ),
        measure_page(client, "incident detail (light)", reverse("incidents:detail", kwargs={"pk": light.pk})),
        measure_page(client, "incident detail (heavy)", reverse("incidents:detail", kwargs={"pk": heavy.pk})),
        measure_page(client, "ban register", reverse("sanctions:register")),
        measure_page(client, "reports dashboard", reverse("reports:dashboard")),
        measure_page(
            client, f"annual report page {year} (with charts)", reverse("reports:annual") + f"?year={year}"
        ),
    ]
    client.force_login(manager)
    rows.append(measure_page(client, "incident list (manager)", reverse("incidents:list")))
    rows.append(measure_page(client, "reports dashboard (manager)", reverse("reports:dashboard")))
    return rows


def _timed(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = function(*args, **kwargs)
        elapsed = time.perf_counter() - start
    return result, elapsed, [q["sql"] for q in ctx.captured_queries]


def annual_report(seeded) -> list[dict]:
    from reports.services.charts import draw_all
    from reports.services.params import ReportParams
    from reports.services.pdf import render_pdf
    from reports.services.report import build_report

    year = seeded.years[1]
    out = []
    for label, params in [
        (f"annual report {year} (one year)", ReportParams.for_year(year)),
        (
            f"report {seeded.years[0]}-{year} (all ten years)",
            ReportParams(dt.date(seeded.years[0], 1, 1), dt.date(year, 12, 31)),
        ),
    ]:
        build_report(seeded.coordinator, params)  # warm
        report, elapsed, statements = _timed(build_report, seeded.coordinator, params)
        raw = _raw_sql_seconds(statements)
        incidents = report.table("key_figures").rows[0][1]
        out.append(
            {
                "label": label,
                "incidents": incidents,
                "queries": len(statements),
                "server_ms": _ms(elapsed),
                "raw_sql_ms": _ms(raw),
                "ratio": round(elapsed / raw, 1) if raw else None,
            }
        )
    report = build_report(seeded.coordinator, ReportParams.for_year(year))
    charts, chart_s, _ = _timed(draw_all, report.tables)
    pdf, pdf_s, _ = _timed(render_pdf, report, charts)
    out.append({"label": "charts (matplotlib SVG, all tables)", "server_ms": _ms(chart_s), "queries": 0})
    out.append({"label": f"report PDF ({len(pdf) // 1024} KiB)", "server_ms": _ms(pdf_s), "queries": 0})
    return out


def deadline_scan(seeded) -> dict:
    """EXPLAIN the scan's three stage queries over all deadline rows, then time one scan."""
    from gir.deadlines.scan import BATCH, scan
    from gir.models import Deadline, Organisation

    now = timezone.now()
    org = Organisation.get()
    open_rows = Deadline.objects.filter(closed_at__isnull=True)
    stages = {
        "reminder": open_rows.filter(reminder_sent_at__isnull=True, remind_at__lte=now).order_by(
            "remind_at", "pk"
        ),
        "due": open_rows.filter(due_sent_at__isnull=True, due_at__lte=now).order_by("due_at", "pk"),
        "escalation": open_rows.filter(
            escalated_at__isnull=True, due_at__lte=now - org.escalation_after
        ).order_by("due_at", "pk"),
    }
    plans = {}
    for name, qs in stages.items():
        plan = qs.values_list("pk", flat=True)[:BATCH].explain(analyze=True)
        plans[name] = {
            "plan": plan,
            "index": "Index" in plan,
            "seq_scan": "Seq Scan on gir_deadline" in plan,
        }
    result, elapsed, statements = _timed(scan, now)
    return {
        "rows": Deadline.objects.count(),
        "open_rows": open_rows.count(),
        "plans": plans,
        "scan_ms": _ms(elapsed),
        "scan_queries": len(statements),
        "handled": result.reminders + result.due_notices + result.escalations,
    }


def letter_pdf(seeded) -> dict:
    """The letters app's own measurement (``benchmark/letters.py``)."""
    from benchmark import letters

    return letters.measure(seeded)
