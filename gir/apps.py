from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GirConfig(AppConfig):
    name = "gir"
    verbose_name = _("GIR kern")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from gir import cache, plugins
        from gir.security.reauth import on_login

        user_logged_in.connect(on_login, dispatch_uid="gir-reauth-on-login")
        plugins.register()
        cache.connect()  # the cached organisation is dropped when it is saved
