"""Start-page panels of the core."""

from django.utils import timezone

from gir.models import Deadline, SystemStatus


def tasks_context(request) -> dict:
    open_rows = Deadline.objects.open().owned_by(request.user)
    return {"open": open_rows.count(), "overdue": open_rows.filter(due_at__lt=timezone.now()).count()}


def admin_context(request) -> dict:
    return {
        "heartbeat": SystemStatus.objects.filter(name="heartbeat")
        .values_list("last_run_at", flat=True)
        .first()
    }
