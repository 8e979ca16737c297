from django.conf import settings
from django.contrib.auth import views as auth_views

from gir.audit import audit_log
from gir.models import AuditEntry


class LoginView(auth_views.LoginView):
    """Django's login (one message for unknown user and wrong password) plus an audit entry.

    Django rotates the session key on login (``cycle_key``), so a planted session id is useless.
    """

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.GIR_OIDC_ENABLED}

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_log(request=self.request, action=AuditEntry.Action.LOGIN, obj=self.request.user)
        return response
