"""Start-page panels of the core."""

from django.db.models import Count, Q
from django.utils import timezone

from gir.models import Deadline, SystemStatus


def tasks_context(request) -> dict:
    open_rows = Deadline.objects.open().owned_by(request.user)
    return open_rows.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now())))


def admin_context(request) -> dict:
    return {
        "heartbeat": SystemStatus.objects.filter(name="heartbeat")
        .values_list("last_run_at", flat=True)
        .first()
    }
