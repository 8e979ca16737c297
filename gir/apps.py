from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GirConfig(AppConfig):
    name = "gir"
    verbose_name = _("GIR kern")

    def ready(self):
        from gir import cache, panels
        from gir.registry import NavItem, StartPanel, register_nav, register_panel

        register_nav(NavItem(_("Start"), "start", None, order=0))
        register_nav(NavItem(_("Mijn taken"), "tasks", None, order=5))
        register_nav(NavItem(_("Beheer"), "admin-home", "gir.change_settings", order=90))
        register_panel(StartPanel("gir/panels/tasks.html", None, panels.tasks_context, order=80))
        register_panel(
            StartPanel("gir/panels/admin.html", "gir.change_settings", panels.admin_context, order=90)
        )
        cache.connect()  # the cached organisation is dropped when it is saved
