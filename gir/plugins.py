"""What the core itself puts on the shared pages: navigation and start-page panels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir import panels
from gir.registry import NavItem, StartPanel, register_nav, register_panel


def register() -> None:
    register_nav(NavItem(_("Start"), "start", None, order=0, group="werk"))
    register_nav(NavItem(_("Mijn taken"), "tasks", None, order=5, group="werk"))
    register_nav(NavItem(_("Beheer"), "admin-home", "gir.change_settings", order=90, group="beheer"))
    register_nav(
        NavItem(_("Rollen bevestigen"), "role-grants", "gir.confirm_role_grant", order=92, group="beheer")
    )
    register_nav(
        NavItem(
            _("Tweede stap herstellen"), "twofactor-reset", "gir.confirm_role_grant", order=93, group="beheer"
        )
    )
    register_panel(StartPanel("gir/panels/tasks.html", None, panels.tasks_context, order=80))
    register_panel(StartPanel("gir/panels/admin.html", "gir.change_settings", panels.admin_context, order=90))
