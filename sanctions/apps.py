from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "sanctions"
    verbose_name = _("Maatregelen")

    def ready(self):
        from sanctions import plugins

        plugins.register()
