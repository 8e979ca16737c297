"""Session hardening: an absolute lifetime on top of the idle timeout, and no access for
accounts deactivated while logged in."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

_STARTED = "gir_session_started"


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(_STARTED, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class ActiveUserMiddleware:
    """Django already refuses inactive users at login; this ends their open sessions too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.user.is_active:
            logout(request)
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)
