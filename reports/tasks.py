"""Background work of the reports app. Tasks take ids, never personal data."""

from __future__ import annotations

from celery import shared_task

from reports.services.runs import report_run_render


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def render_report_run(run_id: int) -> None:
    """Render one report PDF. A second delivery finds the run claimed and does nothing."""
    report_run_render(run_id)
