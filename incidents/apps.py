from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidenten")

    def ready(self):
        from incidents import plugins

        plugins.register()
