"""Report PDF runs: asked for in the web request, rendered by a Celery task.

The web request only writes a ``ReportRun`` row and, after commit, enqueues the task with
the run's id. A broker that is down never fails the request: the run stays queued, the user
is told, and the run can be retried from its page (or rendered with ``manage.py render_report``).
The deadline scan is not involved: a report is not an obligation with a due time.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reports.models import ReportRun, RunStatus
from reports.services.params import ReportParams

logger = logging.getLogger(__name__)


def enqueue(run_id: int) -> bool:
    """Send the task; on a broker failure mark the run and return False (never raise)."""
    from reports.tasks import render_report_run

    try:
        render_report_run.delay(run_id)
    except Exception:
        logger.warning("Report run %s could not be enqueued; it stays queued", run_id, exc_info=True)
        ReportRun.objects.filter(pk=run_id).update(enqueue_failed=True)
        return False
    ReportRun.objects.filter(pk=run_id, enqueue_failed=True).update(enqueue_failed=False)
    return True


def report_run_request(*, user, params: ReportParams, title: str, texts: dict | None = None) -> ReportRun:
    """Store the request and enqueue the rendering after commit (task gets only the id).

    ``texts`` are the coordinator's own words for this run (``RunTextsForm.texts``): foreword,
    commentary per section and who sets the report; they are stored with the run, and the run is
    signed today when a name is given.
    """
    texts = texts or {}
    signed_on = timezone.localdate() if texts.get("signer_name") else None
    with transaction.atomic():
        run = ReportRun.objects.create(
            requested_by=user,
            params=params.to_json(),
            title=title[:200],
            foreword=texts.get("foreword", ""),
            commentary=texts.get("commentary", {}),
            signer_name=texts.get("signer_name", ""),
            signer_role=texts.get("signer_role", ""),
            signed_on=signed_on,
        )
        transaction.on_commit(lambda: enqueue(run.pk))
    run.refresh_from_db(fields=["enqueue_failed"])
    return run


def report_run_retry(*, run: ReportRun) -> bool:
    """Enqueue a queued run again (after the broker was down)."""
    if run.status != RunStatus.QUEUED:
        return False
    return enqueue(run.pk)


def source_run(user, params: ReportParams, pk: int | None = None) -> ReportRun | None:
    """The run whose texts a new run starts from: the one asked for (in the user's scope), or
    else the latest one for the same period and department that has texts."""
    runs = ReportRun.objects.visible_to(user)
    if pk is not None:
        return runs.filter(pk=pk).first()
    texts = ~Q(foreword="") | ~Q(commentary={}) | ~Q(signer_name="")
    return runs.filter(texts, params=params.to_json()).first()


def _progress(run_id: int, percent: int) -> None:
    ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(progress=percent)


# Longer than the task's hard time limit: a run still "running" after this was abandoned by a
# killed worker, and the redelivered task may take it over.
STALE_AFTER = timedelta(minutes=15)


def _claim(run_id: int) -> bool:
    """Claim a queued (or abandoned) run with a conditional UPDATE.

    Exactly one worker wins even when the broker delivers the task twice.
    """
    now = timezone.now()
    claimable = Q(status=RunStatus.QUEUED) | Q(status=RunStatus.RUNNING, started_at__lt=now - STALE_AFTER)
    return bool(
        ReportRun.objects.filter(claimable, pk=run_id).update(
            status=RunStatus.RUNNING, progress=5, started_at=now, error=""
        )
    )


def report_run_render(run_id: int) -> ReportRun | None:
    """Compute the report in the requester's scope, draw the charts, render and store the PDF."""
    from reports.services.charts import draw_for_pdf
    from reports.services.pdf import render_pdf
    from reports.services.report import build_report

    if not _claim(run_id):
        return None
    run = ReportRun.objects.select_related("requested_by").get(pk=run_id)
    try:
        report = build_report(run.requested_by, ReportParams.from_json(run.params))
        _progress(run_id, 35)
        charts = draw_for_pdf(report.tables)
        _progress(run_id, 60)
        pdf = render_pdf(report, charts, run=run)
        _progress(run_id, 90)
        run.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
        ReportRun.objects.filter(pk=run_id).update(
            file=run.file.name, status=RunStatus.DONE, progress=100, finished_at=timezone.now()
        )
    except Exception as exc:
        logger.exception("Report run %s failed", run_id)
        ReportRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=type(exc).__name__[:300], finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run
