from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "aftercare"
    verbose_name = _("Nazorg")

    def ready(self):
        from aftercare import plugins, services
        from gir.registry import (
            NavItem,
            StartPanel,
            register_deadline_kind,
            register_demo_step,
            register_dossier_section,
            register_hook,
            register_nav,
            register_panel,
        )

        register_hook("incident_registered", services.on_incident_registered)
        register_hook("involvement_added", services.on_involvement_added)
        register_hook("incident_time_changed", services.on_incident_time_changed)
        for kind in plugins.deadline_kinds():
            register_deadline_kind(kind)
        register_nav(
            NavItem(_("Nazorg"), "aftercare:cases", "aftercare.handle_cases", order=40, group="werk")
        )
        register_nav(
            NavItem(
                _("Nazorgrapportage"),
                "aftercare:report",
                "aftercare.view_report",
                order=70,
                group="rapportages",
            )
        )
        register_panel(
            StartPanel(
                "aftercare/panels/worker.html", "aftercare.handle_cases", plugins.worker_panel, order=20
            )
        )
        register_panel(StartPanel("aftercare/panels/employee.html", None, plugins.employee_panel, order=30))
        register_dossier_section(40, plugins.dossier_section)

        from aftercare.demo import demo_step

        register_demo_step(30, demo_step)
