"""Accounts without anybody else knowing the password: the beheerder sends a set-password link.

The link is Django's password-reset token (one use, invalid once the password or last login
changes, ``PASSWORD_RESET_TIMEOUT``); the beheerder never sees or sets a password.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.errors import RuleViolation
from gir.models import AuditEntry


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse(
        "password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)}
    )
    return settings.SITE_URL.rstrip("/") + path


def password_link_send(*, actor, user, request=None) -> None:
    """E-mail ``user`` a link to choose a password; logged, and the account holder is told by whom."""
    if not user.email:
        raise RuleViolation(_("Deze gebruiker heeft geen e-mailadres. Vul eerst een e-mailadres in."))
    if actor.pk == user.pk:
        raise RuleViolation(_("Wijzig uw eigen wachtwoord via ‘Wachtwoord wijzigen’."))
    body = render_to_string(
        "gir/security/set_password_email.txt", {"url": set_password_url(user), "user": user}
    )
    send_mail(_("Kies uw wachtwoord voor GIR"), body, None, [user.email])
    audit_log(
        request=request,
        actor=actor,
        action=AuditEntry.Action.RESET,
        obj=user,
        description=texts.PASSWORD_LINK(user=user.pk),
    )
