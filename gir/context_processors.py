from django.urls import reverse

from gir.models import Organisation
from gir.registry import registry


def _current(items: list[dict], path: str) -> None:
    """Mark the one item whose URL is the longest prefix of the path (Start only on "/")."""
    matches = [
        item for item in items if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True


def site(request):
    """The organisation for the header and the navigation the user may use."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        nav = [
            {"label": item.label, "url": reverse(item.url_name), "current": False}
            for item in registry.nav
            if item.permission is None or user.has_perm(item.permission)
        ]
        _current(nav, request.path)
    return {"organisation": Organisation.get(), "nav_items": nav}
