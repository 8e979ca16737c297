from django.urls import reverse
from django.utils.translation import get_language

from gir.cache import organisation
from gir.registry import registry

# Navigation per language and per answer to the items' permission checks: the registry is
# fixed once the apps are ready, so this is a small per-process memo, not shared data.
_NAV: dict[tuple, list[tuple[str, str]]] = {}


def _current(items: list[dict], path: str) -> None:
    """Mark the one item whose URL is the longest prefix of the path (Start only on "/")."""
    matches = [
        item for item in items if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True


def _nav(user) -> list[tuple[str, str]]:
    perms = user.get_all_permissions()  # loaded once per request and shared with the page's checks
    allowed = tuple(item.permission is None or item.permission in perms for item in registry.nav)
    key = (get_language(), allowed)
    if key not in _NAV:
        _NAV[key] = [
            (str(item.label), reverse(item.url_name))
            for item, ok in zip(registry.nav, allowed, strict=True)
            if ok
        ]
    return _NAV[key]


def site(request):
    """The organisation for the header and the navigation the user may use."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        nav = [{"label": label, "url": url, "current": False} for label, url in _nav(user)]
        _current(nav, request.path)
    return {"organisation": organisation(), "nav_items": nav}
