"""The benchmark's accounts pass the second factor as a person would, with a known TOTP key.

Roles that see personal data must give a TOTP code after the password (gir/security/
twofactor.py). Every benchmark account gets a confirmed TOTP device with ``KEY``; the in-process
pages mark the test client's session verified the way django-otp's login does, and the load
test's sessions type the current code on the second-step page.
"""

from __future__ import annotations

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

KEY = "62656e63686d61726b2d74776565646573746170"  # hex of "benchmark-tweedestap"; loopback accounts only


def ensure_devices(users) -> None:
    """A confirmed TOTP device with ``KEY`` for each user whose role asks the second factor and
    who has none (idempotent: an earlier seed gets them at ``--reuse``)."""
    from gir.security.twofactor import required_for

    users = [u for u in users if required_for(u)]
    have = set(TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True))
    TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=u, name="benchmark", key=KEY, confirmed=True) for u in users if u.pk not in have]
    )


def code() -> str:
    return f"{totp(bytes.fromhex(KEY)):06d}"


def verified_login(client, user):
    """``client.force_login(user)`` plus the second factor, as django_otp.login records it."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
