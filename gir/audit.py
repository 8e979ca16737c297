"""Append-only access logging (AVG): who saw which personal data, when, from where."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from gir.models import AuditEntry
from gir.proxy import client_ip


def audit_log(
    *,
    request=None,
    actor=None,
    action: str,
    obj: models.Model | None = None,
    description: str = "",
) -> AuditEntry:
    """Append one entry. ``description`` must not contain personal data (use ids)."""
    user = actor if actor is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        description=description[:200],
        ip_address=client_ip(request),
        path=(request.path[:300] if request is not None else ""),
    )


def log_view(request, obj: models.Model, description: str = "") -> AuditEntry:
    return audit_log(request=request, action=AuditEntry.Action.VIEW, obj=obj, description=description)


def log_download(request, obj: models.Model, description: str = "") -> AuditEntry:
    return audit_log(request=request, action=AuditEntry.Action.DOWNLOAD, obj=obj, description=description)
