"""Background work of the reports app. Tasks take ids, never personal data."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init

from reports.services.runs import report_run_render


@worker_process_init.connect
def load_the_pdf_renderer(**_kwargs) -> None:
    """Report PDFs are rendered in the worker: each worker process imports weasyprint and
    matplotlib when it starts (~2 s of CPU), not in the first report a coordinator waits for;
    what is loaded then is frozen for the garbage collector (``gir.pdf.warm_up_worker``)."""
    from gir.pdf import warm_up_worker
    from reports.services.pdf import warm_up

    warm_up_worker(warm_up)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def render_report_run(run_id: int) -> None:
    """Render one report PDF. A second delivery finds the run claimed and does nothing."""
    report_run_render(run_id)
