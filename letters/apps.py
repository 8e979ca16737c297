from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Brieven")

    def ready(self):
        from letters import plugins

        plugins.register()
