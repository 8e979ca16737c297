from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from gir.registry import NavItem, StartPanel, register_demo_step, register_nav, register_panel
        from reports.demo import demo_step
        from reports.history_demo import seed_history
        from reports.services import cache
        from reports.services.dashboard import panel_context

        # Coordinators hold both permissions (see migration 0002), so one nav item suffices.
        register_nav(
            NavItem(
                _("Rapportages"),
                "reports:dashboard",
                "reports.view_department_reports",
                order=60,
                group="rapportages",
            )
        )
        register_panel(
            StartPanel("reports/panel.html", "reports.view_department_reports", panel_context, order=30)
        )
        register_demo_step(45, seed_history)
        register_demo_step(50, demo_step)
        cache.connect()  # figures follow the data: changes invalidate the cached report
