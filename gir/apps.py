from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GirConfig(AppConfig):
    name = "gir"
    verbose_name = _("GIR kern")

    def ready(self):
        from gir import plugins

        plugins.register()
