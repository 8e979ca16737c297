"""Append-only access logging (AVG): who saw which personal data, when, from where."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from gir.history import rewriting_history
from gir.models import AuditEntry
from gir.proxy import client_ip

# However short the retention period is set, the audit log keeps at least a year.
AUDIT_MIN_DAYS = 365


def _entry(request, actor, action: str, obj, description: str, changes: dict | None = None) -> AuditEntry:
    """An unsaved entry: who (``actor``, else the request's user; nobody when anonymous), from
    where, what and about which object. ``description`` must not contain personal data."""
    user = actor if actor is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEntry(
        actor=user,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        description=description[:200],
        ip_address=client_ip(request),
        path=(request.path[:300] if request is not None else ""),
        changes=changes or {},
    )


def audit_log(
    *,
    request=None,
    actor=None,
    action: str,
    obj: models.Model | None = None,
    description: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    """Append one entry. ``description`` must not contain personal data (use ids)."""
    entry = _entry(request, actor, action, obj, description, changes)
    entry.save()
    return entry


def log_view(request, obj: models.Model, description: str = "") -> AuditEntry:
    return audit_log(request=request, action=AuditEntry.Action.VIEW, obj=obj, description=description)


def log_views(request, objects, description) -> int:
    """One VIEW entry per distinct object a page shows (a list naming persons), in one INSERT.

    ``description(pk)`` gives each entry's text (an ``gir.audit_texts`` description); it must not
    hold personal data.
    """
    distinct = {(type(obj), obj.pk): obj for obj in objects if obj is not None}
    view = AuditEntry.Action.VIEW
    entries = [_entry(request, None, view, obj, description(obj.pk)) for obj in distinct.values()]
    if len(entries) == 1:
        entries[0].save()  # a plain INSERT: bulk_create would wrap even one in BEGIN and COMMIT
    else:
        AuditEntry.objects.bulk_create(entries)
    return len(entries)


def log_download(request, obj: models.Model, description: str = "") -> AuditEntry:
    return audit_log(request=request, action=AuditEntry.Action.DOWNLOAD, obj=obj, description=description)


def _plain(value):
    """A JSON-safe, readable form of a field value for the before/after record."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return sorted(str(item) for item in value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return str(value)


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The current values of ``fields`` (many-to-many included), as the audit log stores them."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = _plain(list(getattr(obj, name).all())) if obj.pk else []
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def log_change(
    *,
    request=None,
    actor=None,
    obj: models.Model | None,
    before: dict | None,
    after: dict,
    description: str = "",
) -> AuditEntry | None:
    """Record a configuration change with the values before and after; nothing if nothing changed.

    ``before=None`` records a creation. Used for users, roles, departments, locations,
    organisation settings, retention periods, letter templates and signatories.
    """
    old = before or {}
    changes = {k: [old.get(k), v] for k, v in after.items() if before is None or old.get(k) != v}
    if not changes:
        return None
    action = AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE
    return audit_log(
        request=request, actor=actor, action=action, obj=obj, description=description, changes=changes
    )


def save_form_audited(request, form, *, description: str = "") -> models.Model:
    """Save a ModelForm and record its fields before and after (one call for every config form)."""
    model = form._meta.model
    names = {f.name for f in model._meta.get_fields()}
    fields = [name for name in form.fields if name in names]
    pk = form.instance.pk
    # form.instance already holds the new values after validation: read the old ones afresh.
    before = snapshot(model.objects.get(pk=pk), fields) if pk else None
    obj = form.save()
    log_change(request=request, obj=obj, before=before, after=snapshot(obj, fields), description=description)
    return obj


def purge_audit_before(cutoff) -> int:
    """The retention sweep's one way to remove audit entries: all older than ``cutoff``.

    The log is append-only (``gir.history``); this is the deliberate way past the guard, and it
    refuses to remove anything younger than ``AUDIT_MIN_DAYS``.
    """
    if cutoff > timezone.now() - timedelta(days=AUDIT_MIN_DAYS):
        raise ValueError("The audit log keeps at least a year.")
    with rewriting_history():
        deleted, _per_model = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
