from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from reports import plugins
        from reports.services import cache

        plugins.register()
        cache.connect()  # figures follow the data: changes invalidate the cached report
