"""Helpers for logging in with the second factor in tests (the real flow, not a bypass)."""

import time

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gir.security.twofactor import required_for

# How many codes ahead a test device accepts (GIR's own devices: django-otp's default, 1). A
# browser test logs one user in several times within one 30-second window; each login needs a
# code not used before, so with a tolerance of 1 the third login waited up to 30 s for the next
# code. The code is still typed and verified, and a used code is still refused.
TEST_TOLERANCE = 20


def enrol(user) -> TOTPDevice | None:
    """Give ``user`` a confirmed TOTP device if their roles need one; returns it."""
    if not required_for(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True, tolerance=TEST_TOLERANCE
    )


def code(device: TOTPDevice) -> str:
    """The code a person's app shows now; for a second login within the same 30 seconds the
    next one (django-otp refuses a code used before, and accepts one step of drift)."""
    if (
        device.pk and TOTPDevice.objects.filter(pk=device.pk).exists()
    ):  # a device being set up is not stored yet
        device.refresh_from_db()
    now_step = int((time.time() - device.t0) // device.step)
    while device.last_t + 1 - now_step > device.tolerance:
        # More logins of one user within one 30-second window than the drift allows: wait for
        # the next code, as a person would (a wait, not a timing assertion).
        time.sleep(1)
        now_step = int((time.time() - device.t0) // device.step)
    step = max(now_step, device.last_t + 1)
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=step - now_step)
    return f"{value:0{device.digits}d}"
