from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from gir.registry import NavItem, register_nav

        register_nav(
            NavItem(
                _("Inzageverzoek"),
                "privacy:subject-search",
                "privacy.subject_access",
                order=85,
                group="beheer",
            )
        )
        register_nav(NavItem(_("Auditlog"), "privacy:auditlog", "gir.view_auditlog", order=86))
