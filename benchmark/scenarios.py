"""What the benchmark measures: the main pages per role, the annual report, the deadline scan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmark.twofactor import verified_login
from incidents.models import Aggressor, Incident


@dataclass
class Page:
    role: str
    user: object
    label: str
    url: str
    peer_url: str | None = None
    search: str | None = None  # typed in the list's search box: the URL then carries a token


def page_url(client, page: Page) -> str:
    """The URL to request, for this client's session.

    A search never travels in the URL (issue 12): the list's form POSTs the text and is sent
    to a URL with an opaque token of the session (``zoek``). So a search row posts the form as
    a person would, after the login, and measures the URL it is sent to.
    """
    if not page.search:
        return page.url
    response = client.post(page.url, {"q": page.search})
    if response.status_code != 302 or "zoek=" not in response["Location"]:
        raise RuntimeError(f"the search box did not answer with a token URL: {response.status_code}")
    return response["Location"]


def _incidents_by_weight():
    """A light incident (no aggressor) and a heavy one (most forms/links/measures)."""
    base = Incident.objects.filter(reference__startswith="B-")
    weight = Count("forms", distinct=True) + Count("aggressor_links", distinct=True) + Count("measures")
    heavy = base.annotate(n=weight).order_by("-n", "pk").first()
    light = base.filter(aggressor_links__isnull=True).order_by("pk").first() or heavy
    return light, heavy


def _recidivist():
    return Aggressor.objects.annotate(n=Count("incident_links")).order_by("-n", "pk").first()


def _coordinator_pages(seeded) -> list[Page]:
    user, year = seeded.coordinator, seeded.years[1]
    light, heavy = _incidents_by_weight()
    person = _recidivist()
    listing = reverse("incidents:list")
    rows = [
        ("start page", reverse("start"), reverse("peer:start")),
        ("incident list, page 1", listing, reverse("peer:incident-list")),
        (
            "incident list filtered (form + year)",
            f"{listing}?form=bedreiging&occurred_from={year}-01-01&occurred_until={year}-12-31",
            None,
        ),
        ("incident list, aggressor name search", listing, None, person.last_name),
        (
            "dossier (light)",
            reverse("incidents:detail", args=[light.pk]),
            reverse("peer:dossier", args=[light.pk]),
        ),
        (
            "dossier (heavy)",
            reverse("incidents:detail", args=[heavy.pk]),
            reverse("peer:dossier", args=[heavy.pk]),
        ),
        (
            "person page (recidivist)",
            reverse("incidents:aggressor-detail", args=[person.pk]),
            reverse("peer:person", args=[person.pk]),
        ),
        ("ban register", reverse("sanctions:register"), reverse("peer:ban-register")),
        ("task inbox (mijn taken)", reverse("tasks"), reverse("peer:tasks")),
        ("reports dashboard", reverse("reports:dashboard"), None),
    ]
    return [Page("coordinator", user, *row) for row in rows]


def main_pages(seeded) -> list[Page]:
    pages = _coordinator_pages(seeded)
    manager, employee = seeded.managers[0], seeded.employees[0]
    for role, user in [("manager", manager), ("employee", employee)]:
        pages += [
            Page(role, user, "start page", reverse("start"), reverse("peer:start")),
            Page(
                role, user, "incident list, page 1", reverse("incidents:list"), reverse("peer:incident-list")
            ),
            Page(role, user, "task inbox (mijn taken)", reverse("tasks"), reverse("peer:tasks")),
        ]
    pages.append(Page("manager", manager, "manager's inbox", reverse("incidents:inbox")))
    pages.append(Page("employee", employee, "report form", reverse("incidents:report")))
    if seeded.reception:
        pages.append(
            Page("reception", seeded.reception, "start page", reverse("start"), reverse("peer:start"))
        )
        pages.append(Page("reception", seeded.reception, "reception list", reverse("sanctions:reception")))
    return pages


def annual_report(seeded) -> list[dict]:
    """The report computed (cold: cache emptied) and from the shared cache (warm), and its page."""
    from benchmark.measure import Meter, ms

    try:
        from reports.services.cache import build_report_cached
    except ImportError:  # the code before the shared cache (a "before" run)
        from reports.services.report import build_report_cached
    from reports.services.charts import draw_all
    from reports.services.params import ReportParams

    first, year = seeded.years
    meter, user, rows = Meter(), seeded.coordinator, []
    periods = [
        (f"annual report {year}", ReportParams.for_year(year)),
        (f"report {first}-{year} (ten years)", ReportParams(dt.date(first, 1, 1), dt.date(year, 12, 31))),
    ]
    for label, params in periods:
        cache.clear()
        report, cold = meter(build_report_cached, user, params)
        _again, warm = meter(build_report_cached, user, params)
        incidents = report.table("key_figures").rows[0][1]
        for state, sample in [("cold", cold), ("warm", warm)]:
            rows.append(_row(f"{label}, computed", state, sample, incidents=incidents))
    report = build_report_cached(user, periods[0][1])
    draw_all(report.tables[:1])  # matplotlib imported: "cold" is the cache, not the process
    cache.clear()
    _charts, cold = meter(draw_all, report.tables)
    _charts, warm = meter(draw_all, report.tables)
    rows += [_row("charts (all tables)", "cold", cold), _row("charts (all tables)", "warm", warm)]
    client = Client(HTTP_HOST="127.0.0.1")
    verified_login(client, user)
    url = reverse("reports:annual") + f"?year={year}"
    cache.clear()
    for state in ("cold", "warm"):
        _response, sample = meter(client.get, url)
        rows.append(_row(f"annual report page {year} (figures + charts)", state, sample))
    for row in rows:
        row["ms"] = ms(row.pop("seconds"))
    return rows


def _row(label: str, state: str, sample, **extra) -> dict:
    return {
        "label": label,
        "state": state,
        "seconds": sample.seconds,
        "cpu_ms": round(sample.cpu_ms, 1),
        "queries": sample.queries,
        **extra,
    }


def deadline_scan(seeded) -> dict:
    """EXPLAIN the scan's three stage queries over all deadline rows, then time one scan."""
    from benchmark.measure import Meter, ms
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
        plans[name] = {"plan": plan, "index": "Index" in plan, "seq_scan": "Seq Scan on gir_deadline" in plan}
    result, sample = Meter()(scan, now)
    return {
        "rows": Deadline.objects.count(),
        "open_rows": open_rows.count(),
        "plans": plans,
        "scan_ms": ms(sample.seconds),
        "scan_cpu_ms": round(sample.cpu_ms, 1),
        "scan_queries": sample.queries,
        "handled": result.reminders + result.due_notices + result.escalations,
    }
