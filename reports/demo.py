"""Demo data of the reports app: one finished annual report PDF for the coordinator."""

from __future__ import annotations

from django.utils import timezone

from incidents.models import Incident
from reports.models import ReportRun, RunStatus
from reports.services.params import ReportParams
from reports.services.report import report_title
from reports.services.runs import report_run_render


def demo_step(context: dict) -> None:
    """Render the report of the demo incidents' year synchronously, so the newcomer sees a finished run."""
    coordinator = context["users"]["coordinator"]
    latest = Incident.objects.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
    year = timezone.localtime(latest).year if latest else timezone.localdate().year
    params = ReportParams.for_year(year)
    if ReportRun.objects.filter(requested_by=coordinator, status=RunStatus.DONE).exists():
        return
    run = ReportRun.objects.create(
        requested_by=coordinator,
        params=params.to_json(),
        title=report_title(params),
    )
    report_run_render(run.pk)
