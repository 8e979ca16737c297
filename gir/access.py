"""Access helpers shared by all apps: login first (anonymous → login page), then permission."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required, permission_required


def perm_required(*perms: str) -> Callable:
    """Anonymous users go to the login page; logged-in users without the permission get 403."""

    def decorator(view):
        return login_required(permission_required(perms, raise_exception=True)(view))

    return decorator
