"""A throttle for forms that send mail or cost work before login (the password-reset form).

Counts live in Django's cache for a fixed window, per client address and per e-mail address,
so one address cannot flood a mailbox and one attacker cannot probe many addresses.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from gir.proxy import client_ip


def _key(kind: str, value: str) -> str:
    # Hashed: cache keys end up in Redis, and e-mail addresses are personal data.
    return f"gir:throttle:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def hit(keys: list[str], *, limit: int, window: int) -> bool:
    """Count one attempt under every key; ``True`` while all counts stay within ``limit``."""
    allowed = True
    for key in keys:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
        allowed = allowed and count <= limit
    return allowed


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, refusing more than ``GIR_PASSWORD_RESET_LIMIT`` requests a window."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        keys = [_key("reset-ip", client_ip(self.request) or "-"), _key("reset-email", email)]
        if hit(keys, limit=settings.GIR_PASSWORD_RESET_LIMIT, window=settings.GIR_PASSWORD_RESET_WINDOW):
            return super().form_valid(form)
        form.add_error(None, _("Te veel aanvragen. Wacht een kwartier en probeer het dan opnieuw."))
        response = self.form_invalid(form)
        response.status_code = 429
        return response
