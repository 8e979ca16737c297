"""The rows the data migrations create (roles and grants, retention periods, default letters),
kept as they were right after the test database was migrated and put back after every
transactional test.

A transactional test ends with a flush that empties every table; Django's ``post_migrate`` then
recreates content types and permissions, but nothing else. Without this, every later test in the
same worker would run without roles, retention policies or letter templates, and pass or fail
depending on the order the tests ran in.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

# Recreated by the flush itself (post_migrate), with new primary keys: referred to by natural key.
_RECREATED_BY_FLUSH = {ContentType, Permission}

_snapshot: str | None = None


def _models() -> list:
    app_list = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(app_list)
        if model not in _RECREATED_BY_FLUSH and model._meta.managed and not model._meta.proxy
    ]


def _rows():
    for model in _models():
        yield from model._default_manager.order_by(model._meta.pk.name).iterator()


def take_snapshot() -> None:
    """Remember the rows of the freshly migrated test database."""
    global _snapshot
    _snapshot = serializers.serialize("json", _rows(), use_natural_foreign_keys=True)


def restore() -> None:
    """Put the migrations' rows back after a flush; nothing else is in the database then."""
    if _snapshot is None:
        return
    models = set()
    with transaction.atomic():
        for obj in serializers.deserialize("json", _snapshot, handle_forward_references=True):
            obj.save()
            models.add(type(obj.object))
    # Rows came back with their old ids: move each sequence past them (as loaddata does).
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
