"""Two-factor login for password accounts that see personal data (ASVS level 2).

A TOTP app is the second factor, with ten one-time recovery codes (django-otp's TOTP and
static devices). The first login after the password asks to set it up; every later login asks
for a code. Accounts whose login already had a second factor at the identity provider (single
sign-on, ``GIR_TWO_FACTOR_EXEMPT_BACKENDS``) are not asked again. A lost phone is reset by a
second person (``gir.confirm_role_grant``, the coordinator), never by the user or the beheerder.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.errors import RuleViolation
from gir.models import AuditEntry
from gir.roles import needs_confirmation
from gir.security.perm_cache import role_names

RECOVERY_CODES = 10
# Pages a half-logged-in user may reach: setting up or entering the second factor, leaving.
OPEN_URL_NAMES = {
    "twofactor-verify",
    "twofactor-enrol",
    "logout",
    "login",
    "health",
    "organisation-logo",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def required_for(user) -> bool:
    """A password account with a role that sees personal data (or a superuser)."""
    if not user.is_authenticated or not user.has_usable_password():
        return False
    return user.is_superuser or any(needs_confirmation(n) for n in role_names(user))


def satisfied(request) -> bool:
    if request.session.get(BACKEND_SESSION_KEY) in settings.GIR_TWO_FACTOR_EXEMPT_BACKENDS:
        return True
    return request.user.is_verified() or not required_for(request.user)


class TwoFactorMiddleware:
    """After the password, every page asks for the second factor until it is given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not request.user.is_authenticated or (match and match.url_name in OPEN_URL_NAMES):
            return None
        if satisfied(request):
            return None
        step = "twofactor-verify" if user_has_device(request.user) else "twofactor-enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


PENDING_KEY = "gir_totp_pending_key"


def pending_device(request, *, save: bool) -> TOTPDevice:
    """The TOTP device being set up. Its secret waits in the session (a GET stores nothing in the
    database); the first POST saves it unconfirmed, so django-otp can throttle wrong codes."""
    key = request.session.setdefault(PENDING_KEY, random_hex(20))
    device = TOTPDevice(user=request.user, name="GIR", key=key, confirmed=False)
    if save:
        device = TOTPDevice.objects.filter(user=request.user, key=key, confirmed=False).first() or device
        device.save()
    return device


@transaction.atomic
def enrol_confirm(*, device: TOTPDevice, request=None) -> list[str]:
    """The first correct code confirms the device; returns fresh recovery codes (shown once)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    static = StaticDevice.objects.create(user=device.user, name="Herstelcodes", confirmed=True)
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    audit_log(
        request=request,
        actor=device.user,
        action=AuditEntry.Action.CREATE,
        obj=device.user,
        description=texts.SECOND_FACTOR_SET(),
    )
    return codes


@transaction.atomic
def devices_reset(*, actor, user, request=None) -> None:
    """Remove a user's second factor so they set it up again at their next login."""
    if actor.pk == user.pk:
        raise RuleViolation(_("Uw eigen tweede stap herstelt iemand anders."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_log(
        request=request,
        actor=actor,
        action=AuditEntry.Action.RESET,
        obj=user,
        description=texts.SECOND_FACTOR_RESET(user=user.pk),
    )
