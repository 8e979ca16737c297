"""Helpers for logging in with the second factor in tests (the real flow, not a bypass)."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gir.security.twofactor import required_for


def enrol(user) -> TOTPDevice | None:
    """Give ``user`` a confirmed TOTP device if their roles need one; returns it."""
    if not required_for(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
