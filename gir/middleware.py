"""Session hardening: an absolute lifetime on top of the idle timeout, and no access for
accounts deactivated while logged in.

The idle timeout is renewed by saving the session, at most once per
``GIR_SESSION_RENEW_SECONDS`` (a minute) rather than on every request: reading a page then
writes nothing, and a session still ends between 29 and 30 minutes after the last request.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

_STARTED = "gir_session_started"
_RENEWED = "gir_session_renewed"


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(_STARTED, now)
            if now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - request.session.get(_RENEWED, 0) >= settings.GIR_SESSION_RENEW_SECONDS:
                request.session[_RENEWED] = now  # modified: saved, so its expiry moves on
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
