"""Health for monitoring and the container orchestrator (docs/operations.md, "Monitoring").

- ``/health/live/``: the process answers. Touches nothing else, so a database outage never
  makes the orchestrator kill healthy web processes.
- ``/health/ready/`` (and ``/health/``, as before): every dependency, each against its own
  limit from settings: database, broker, storage writable, age of the last deadline scan, age
  of the oldest unsent e-mail and of the oldest overdue deadline without its notice. 503 when
  one fails. The first minutes after a start the scan has not run yet: that is "starting",
  not a failure.

Answers are JSON also when the database is down: ``HealthMiddleware`` sits first and answers
these paths before sessions, users or host checks need the database or HTTPS. The answer
holds ages and exception class names only: no personal data, no connection strings.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

STARTED = time.monotonic()
OK, STARTING, FAIL = "ok", "starting", "fail"


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    seconds: int | None = None
    limit: int | None = None
    error: str = ""


def _failed(name: str, exc: Exception) -> Check:
    return Check(name, FAIL, error=type(exc).__name__)


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Check("database", OK)


def check_broker() -> Check:
    from gir.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.GIR_HEALTH_BROKER_TIMEOUT)
        conn.default_channel  # noqa: B018 - opening the channel is the round trip (Redis: PING)
    return Check("broker", OK)


def check_storage() -> Check:
    from django.core.files.storage import default_storage

    name = default_storage.save(f".health/{uuid.uuid4().hex}", ContentFile(b"ok"))
    default_storage.delete(name)
    return Check("storage", OK)


def _judged(name: str, seconds: int | None, limit: int) -> Check:
    """An age against its limit. While the process is young, a missing or old one is "starting":
    the first scan (which also sends what is owed) is up to a minute away."""
    if seconds is not None and seconds < limit:
        return Check(name, OK, seconds, limit)
    young = time.monotonic() - STARTED < settings.GIR_HEALTH_STARTING_SECONDS
    return Check(name, STARTING if young else FAIL, seconds, limit)


def _age(name: str, instant, limit: int, now) -> Check:
    return _judged(name, None if instant is None else int((now - instant).total_seconds()), limit)


def check_scan(now) -> Check:
    from gir.models import SystemStatus

    last = SystemStatus.objects.filter(name="deadline_scan").values_list("last_run_at", flat=True).first()
    return _age("deadline_scan", last, settings.GIR_HEALTH_MAX_SCAN_AGE, now)


def _oldest_age(name: str, oldest, limit: int, now) -> Check:
    return _judged(name, 0 if oldest is None else int((now - oldest).total_seconds()), limit)


def check_mail(now) -> Check:
    from gir.models import Notification

    oldest = (
        Notification.objects.filter(emailed_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return _oldest_age("unsent_email", oldest, settings.GIR_HEALTH_MAX_MAIL_AGE, now)


def check_deadline_notices(now) -> Check:
    from gir.deadlines.scan import oldest_unsent_overdue

    late = oldest_unsent_overdue(now)
    return _oldest_age(
        "overdue_notice", (now - late) if late else None, settings.GIR_HEALTH_MAX_UNSENT_AGE, now
    )


def readiness() -> dict:
    """Run every check; a check that raises is a failure named by its exception class."""
    now = timezone.now()
    probes = [
        ("database", check_database),
        ("broker", check_broker),
        ("storage", check_storage),
        ("deadline_scan", lambda: check_scan(now)),
        ("unsent_email", lambda: check_mail(now)),
        ("overdue_notice", lambda: check_deadline_notices(now)),
    ]
    checks = []
    for name, probe in probes:
        try:
            checks.append(probe())
        except Exception as exc:  # any failure of a dependency is what this reports
            checks.append(_failed(name, exc))
    statuses = {check.status for check in checks}
    status = FAIL if FAIL in statuses else STARTING if STARTING in statuses else OK
    return {
        "status": status,
        "version": settings.GIR_VERSION,
        "checks": {check.name: {k: v for k, v in asdict(check).items() if k != "name"} for check in checks},
    }


LABELS = {
    "database": _("Database"),
    "broker": _("Berichtenwachtrij (broker)"),
    "storage": _("Opslag van bestanden (schrijfbaar)"),
    "deadline_scan": _("Leeftijd laatste termijnscan"),
    "unsent_email": _("Oudste nog niet verstuurde e-mail"),
    "overdue_notice": _("Oudste verlopen termijn zonder bericht"),
}
STATUS_TEXT = {OK: _("In orde"), STARTING: _("Bezig met opstarten"), FAIL: _("Niet in orde")}


def _readable(seconds: int | None) -> str:
    if not seconds:
        return "–"
    now = timezone.now()
    return timesince(now - timedelta(seconds=seconds), now)


def overdue_since(body: dict):
    """When the oldest overdue deadline without its notice fell due, for the status page."""
    seconds = body["checks"].get("overdue_notice", {}).get("seconds")
    return timezone.now() - timedelta(seconds=seconds) if seconds else None


def status_rows(body: dict) -> list[dict]:
    """The readiness answer as rows for the beheerder's system status page (ages in words)."""
    return [
        {
            "label": LABELS.get(name, name),
            "text": STATUS_TEXT[check["status"]],
            "age": _readable(check["seconds"]),
            "max": _readable(check["limit"]),
            **check,
        }
        for name, check in body["checks"].items()
    ]


def live(request) -> JsonResponse:
    response = JsonResponse({"status": OK, "version": settings.GIR_VERSION})
    response["Cache-Control"] = "no-store"  # a probe must see the process as it is now
    return response


def ready(request) -> JsonResponse:
    body = readiness()
    response = JsonResponse(body, status=503 if body["status"] == FAIL else 200)
    response["Cache-Control"] = "no-store"
    return response


PATHS = {"/health/live/": live, "/health/ready/": ready, "/health/": ready}


class HealthMiddleware:
    """Answers the health paths first: no session, user, host or HTTPS check may need the
    database (or redirect the orchestrator's plain-HTTP probe) before the answer is given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PATHS.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
