"""The main menu: the registry's pages in a handful of groups (never more than about seven).

Apps say which group a page belongs to (``NavItem.group``); the core owns the groups and their
order. A group with one page for this user is a plain link; a group with more opens a small list.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gir.registry import registry

GROUPS = {
    "melden": _("Melden"),
    "werk": _("Mijn werk"),
    "dossiers": _("Dossiers"),
    "register": _("Register"),
    "rapportages": _("Rapportages"),
    "beheer": _("Beheer"),
}


def _mark_current(items: list[dict], path: str) -> None:
    """Mark the one item whose URL is the longest prefix of the path (Start only on "/")."""
    matches = [
        item for item in items if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True


# The pages a set of permissions opens, per language: the registry is fixed once the apps are
# ready, so this is a small per-process memo (no has_perm/reverse per item on every request).
_PAGES: dict[tuple, list[tuple[str, str, str]]] = {}


def _pages(user) -> list[tuple[str, str, str]]:
    perms = user.get_all_permissions()  # loaded once per request and shared with the page's checks
    allowed = tuple(item.permission is None or item.permission in perms for item in registry.nav)
    key = (get_language(), allowed)
    if key not in _PAGES:
        _PAGES[key] = [
            (str(item.label), reverse(item.url_name), item.group)
            for item, ok in zip(registry.nav, allowed, strict=True)
            if ok
        ]
    return _PAGES[key]


def menu_for(user, path: str) -> list[dict]:
    """Groups in their fixed order, each with the pages this user may open."""
    items = [
        {"label": label, "url": url, "current": False, "group": group} for label, url, group in _pages(user)
    ]
    _mark_current(items, path)
    groups = []
    for code, label in GROUPS.items():
        members = [item for item in items if item["group"] == code]
        if members:
            current = any(item["current"] for item in members)
            groups.append({"code": code, "label": label, "items": members, "current": current})
    return groups
