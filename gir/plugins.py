"""What the core itself puts on the shared pages: navigation and start-page panels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir import panels
from gir.registry import NavItem, StartPanel, register_nav, register_panel


def register() -> None:
    register_nav(NavItem(_("Start"), "start", None, order=0))
    register_nav(NavItem(_("Mijn taken"), "tasks", None, order=5))
    register_nav(NavItem(_("Beheer"), "admin-home", "gir.change_settings", order=90))
    register_panel(StartPanel("gir/panels/tasks.html", None, panels.tasks_context, order=80))
    register_panel(StartPanel("gir/panels/admin.html", "gir.change_settings", panels.admin_context, order=90))
