from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GirConfig(AppConfig):
    name = "gir"
    verbose_name = _("GIR kern")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from gir import cache, panels
        from gir.security.reauth import on_login

        user_logged_in.connect(on_login, dispatch_uid="gir-reauth-on-login")
        from gir.registry import NavItem, StartPanel, register_nav, register_panel

        register_nav(NavItem(_("Start"), "start", None, order=0, group="werk"))
        register_nav(NavItem(_("Mijn taken"), "tasks", None, order=5, group="werk"))
        register_nav(NavItem(_("Beheer"), "admin-home", "gir.change_settings", order=90, group="beheer"))
        register_nav(
            NavItem(_("Rollen bevestigen"), "role-grants", "gir.confirm_role_grant", order=92, group="beheer")
        )
        register_nav(
            NavItem(
                _("Tweede stap herstellen"),
                "twofactor-reset",
                "gir.confirm_role_grant",
                order=93,
                group="beheer",
            )
        )
        register_panel(StartPanel("gir/panels/tasks.html", None, panels.tasks_context, order=80))
        register_panel(
            StartPanel("gir/panels/admin.html", "gir.change_settings", panels.admin_context, order=90)
        )
        cache.connect()  # the cached organisation is dropped when it is saved
