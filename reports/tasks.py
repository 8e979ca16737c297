"""Background work of the reports app. Tasks take ids, never personal data."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init

from reports.services.runs import report_run_render


@worker_process_init.connect
def load_the_pdf_renderer(**_kwargs) -> None:
    """Report PDFs are rendered in the worker: each worker process imports weasyprint and
    matplotlib when it starts (~2 s of CPU), not in the first report a coordinator waits for.

    What is loaded now lives as long as the process: frozen, the garbage collector no longer
    walks those objects on every full collection (5-15 % of a report PDF's CPU)."""
    import gc

    from reports.services.pdf import warm_up

    warm_up()
    gc.collect()
    gc.freeze()


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def render_report_run(run_id: int) -> None:
    """Render one report PDF. A second delivery finds the run claimed and does nothing."""
    report_run_render(run_id)
