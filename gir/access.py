"""Access helpers shared by all apps: login first (anonymous → login page), then permission."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required, permission_required


def perm_required(*perms: str) -> Callable:
    """Anonymous users go to the login page; logged-in users without the permission get 403."""

    def decorator(view):
        return login_required(permission_required(perms, raise_exception=True)(view))

    return decorator


# The largest primary key the databases store (a signed 64-bit integer).
MAX_PK = 2**63 - 1


def parse_pk(raw) -> int | None:
    """An object id from a query or form value, or None: never a 500 on "abc" or 23 digits."""
    text = str(raw or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_PK else None
