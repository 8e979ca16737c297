"""Role permissions from the shared cache: no permission queries on an ordinary page.

Django's ``ModelBackend`` asks the database twice per request for a user's permissions (their
own and their groups'), then keeps the answer on the user object for the rest of the request.
Permissions are data (a beheerder grants roles, a migration gives a role a new permission), so
this backend keeps the same answer (and ``role_names``, which the second-factor check reads on
every page) in the shared cache (gir/cache.py) across requests as well,
under a version that every change of roles or permissions bumps: a granted or withdrawn role is
seen at the user's next request, in every process.

Changes that bump the version: a user's groups or own permissions (``m2m_changed``), a group's
permissions, a group or permission saved or deleted, and every migration (data migrations work
on historical models, whose changes send no signal to these receivers). A user's
``is_superuser`` is part of the key, so it needs no bump. When the cache is away, every request
asks the database, as Django does.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from gir.cache import bump, versioned_key

NAMESPACE = "permissions"
SECONDS = 3600


def _key(user) -> str:
    return versioned_key(NAMESPACE, f"{user.pk}:{int(user.is_superuser)}")


class CachedModelBackend(ModelBackend):
    """``ModelBackend`` whose ``get_all_permissions`` comes from the shared cache when it can."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):  # per request: kept on the user object
            key = _key(user_obj)
            perms = cache.get(key)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                cache.set(key, frozenset(perms), SECONDS)
            user_obj._perm_cache = set(perms)
        return user_obj._perm_cache


def role_names(user) -> frozenset[str]:
    """The names of the user's roles (groups), from the same cache and version."""
    key = versioned_key(NAMESPACE, f"roles:{user.pk}")
    names = cache.get(key)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        cache.set(key, names, SECONDS)
    return names


def changed(**kwargs) -> None:
    bump(NAMESPACE)


def connect() -> None:
    """Called once from ``GirConfig.ready`` (through ``gir.cache.connect``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(changed, sender=through, dispatch_uid=f"gir-perms-{through._meta.label}")
    for model in (Group, Permission):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(changed, sender=model, dispatch_uid=f"gir-perms-{name}-{model._meta.label}")
    post_migrate.connect(changed, dispatch_uid="gir-perms-migrate")
