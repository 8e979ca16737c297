"""What the reports plug into the core (gir.registry): navigation, the start-page panel, demo data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir.registry import DemoStep, NavItem, StartPanel, register_demo_step, register_nav, register_panel
from reports.demo import demo_comparison, demo_step
from reports.history_demo import seed_history
from reports.services.dashboard import panel_context


def register() -> None:
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
    # The coordinator reads in other organisations' key figures here (also linked from the report).
    register_nav(
        NavItem(
            _("Vergelijken met anderen"),
            "reports:comparisons",
            "reports.import_comparison",
            order=62,
            group="rapportages",
        )
    )
    register_panel(
        StartPanel("reports/panel.html", "reports.view_department_reports", panel_context, order=30)
    )
    register_demo_step(DemoStep(seed_history, order=45))
    register_demo_step(DemoStep(demo_comparison, order=48))
    register_demo_step(DemoStep(demo_step, order=50))
