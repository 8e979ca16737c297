"""Demo data of the reports app: one finished annual report PDF for the coordinator."""

from __future__ import annotations

from django.utils import timezone

from reports.models import ReportRun, RunStatus
from reports.services.params import ReportParams
from reports.services.runs import report_run_render


def demo_step(context: dict) -> None:
    """Render last year's report synchronously, so the newcomer sees a finished run."""
    coordinator = context["users"]["coordinator"]
    params = ReportParams.for_year(timezone.localdate().year - 1)
    if ReportRun.objects.filter(requested_by=coordinator, status=RunStatus.DONE).exists():
        return
    run = ReportRun.objects.create(
        requested_by=coordinator,
        params=params.to_json(),
        title=f"Jaarverslag agressie en geweld {params.label()}",
    )
    report_run_render(run.pk)
