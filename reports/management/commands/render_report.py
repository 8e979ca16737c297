"""Render a report PDF synchronously (demo, tests, or when no worker runs)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports.models import ReportRun, RunStatus
from reports.services.params import ReportParams, can_view_reports
from reports.services.report import report_title
from reports.services.runs import report_run_render


class Command(BaseCommand):
    help = "Render an annual report PDF now, without Celery; or render all queued runs (--pending)."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Username whose scope the report uses (coordinator or manager).")
        parser.add_argument("--year", type=int, help="Calendar year (default: last year).")
        parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--department", type=int, help="Department id (default: all in scope).")
        parser.add_argument("--pending", action="store_true", help="Render every queued run instead.")

    def handle(self, *args, **options):
        if options["pending"]:
            for pk in ReportRun.objects.filter(status=RunStatus.QUEUED).values_list("pk", flat=True):
                run = report_run_render(pk)
                if run is not None:
                    self.stdout.write(f"run {pk}: {run.status}")
            return
        run = self._create_run(options)
        run = report_run_render(run.pk)
        if run is None or run.status != RunStatus.DONE:
            raise CommandError(f"Report run failed: {run.error if run else 'not claimed'}")
        self.stdout.write(f"run {run.pk}: {run.status}, stored as {run.file.name}")

    def _create_run(self, options) -> ReportRun:
        if not options["user"]:
            raise CommandError("Give --user (or --pending).")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None or not can_view_reports(user):
            raise CommandError("That user does not exist or may not see reports.")
        if options["date_from"] and options["date_to"]:
            params = ReportParams(options["date_from"], options["date_to"], options["department"])
        else:
            year = options["year"] or dt.date.today().year - 1
            params = ReportParams.for_year(year, options["department"])
        return ReportRun.objects.create(
            requested_by=user,
            params=params.to_json(),
            title=report_title(params),
        )
