"""The one way to require a permission on a view: login first (anonymous → login page), then 403.

Function views use ``@perm_required(...)``; class-based views mix in ``PermRequiredMixin``, which
goes through the same decorator. ``any_of=True`` lets any one of the permissions through (a page
that two roles reach); by default every permission is needed. Which *object* a user reaches is
the job of each app's ``access.py`` (the object or 404), not of these helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def has_perms(user, perms: tuple[str, ...], *, any_of: bool = False) -> bool:
    """Whether ``user`` holds every permission (or, with ``any_of``, at least one)."""
    if any_of:
        return any(user.has_perm(perm) for perm in perms)
    return user.has_perms(perms)


def perm_required(*perms: str, any_of: bool = False) -> Callable:
    """Anonymous users go to the login page; logged-in users without the permission get 403."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not has_perms(request.user, perms, any_of=any_of):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorator


class PermRequiredMixin:
    """``perm_required`` for class-based views: set ``permission_required`` (and ``any_of``)."""

    permission_required: str | tuple[str, ...] = ()
    any_of = False

    def dispatch(self, request, *args, **kwargs):
        perms = self.permission_required
        perms = (perms,) if isinstance(perms, str) else tuple(perms)
        view = perm_required(*perms, any_of=self.any_of)(super().dispatch)
        return view(request, *args, **kwargs)
