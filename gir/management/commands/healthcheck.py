"""Container health checks (docker-compose.yml): ``healthcheck beat`` and ``healthcheck ready``.

Exit status 0 when healthy, 1 when not; one line of JSON on stdout for the container log.
``beat`` looks at the age of the last deadline scan: beat enqueues it every minute, so an old
scan means beat (or the broker or every worker) stopped. ``ready`` runs the web readiness checks.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gir import health


class Command(BaseCommand):
    help = "Exit 0 when the given part of GIR is healthy (beat: the last scan is recent; ready: all checks)."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["beat", "ready"])

    def handle(self, *args, what, **options):
        if what == "beat":
            check = health.check_scan(timezone.now())
            body = {
                "status": check.status,
                "seconds": check.seconds,
                "limit": settings.GIR_HEALTH_MAX_SCAN_AGE,
            }
        else:
            body = health.readiness()
        self.stdout.write(json.dumps(body))
        if body["status"] == health.FAIL:
            raise CommandError(f"{what} is not healthy")
