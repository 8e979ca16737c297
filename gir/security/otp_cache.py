"""django-otp's middleware without a device query on every page.

django-otp's ``OTPMiddleware`` marks a request verified when the session names a device (set at
the second step) *and* that device still exists, belongs to the user and is confirmed; it loads
the device from the database on every request to know that. Keeping only the session's word
would weaken the second factor: a device reset by the coordinator (a lost phone,
``gir.security.twofactor.devices_reset``) must end the verified state of sessions that used it.

So the device row is kept in the shared cache for a short time, under its persistent id, and
dropped whenever any device is saved or deleted (``post_save``/``post_delete`` of every device
model; a queryset ``delete()`` sends them too once a receiver is connected). A reset is
therefore seen at the next request in every process. ``SECONDS`` bounds the one case the signal
cannot cover: the cache was unreachable at the moment of the change (the drop was skipped) and
came back with the old row in it. The checks themselves (same user, confirmed) stay django-otp's
own, made on the cached row. The cached device is only used for those checks: GIR verifies codes
on devices it reads fresh from the database (twofactor_views), never on ``request.user.otp_device``.
"""

from __future__ import annotations

from django.core.cache import cache
from django_otp.middleware import OTPMiddleware

SECONDS = 60
_MISSING = "missing"  # a device that no longer exists is cached as such (still not verified)


def _key(persistent_id: str) -> str:
    return f"otp-device:{persistent_id}"


class CachedOTPMiddleware(OTPMiddleware):
    def _device_from_persistent_id(self, persistent_id: str):
        key = _key(self._normalize_persistent_id(persistent_id))
        device = cache.get(key)
        if device is None:
            device = super()._device_from_persistent_id(persistent_id)
            cache.set(key, _MISSING if device is None else device, SECONDS)
        return None if isinstance(device, str) else device


def _device_changed(sender, instance, **kwargs) -> None:
    cache.delete(_key(instance.persistent_id))


def connect() -> None:
    """Called once from ``GirConfig.ready`` (through ``gir.cache.connect``)."""
    from django.db.models.signals import post_delete, post_save
    from django_otp import device_classes

    for model in device_classes():
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(_device_changed, sender=model, dispatch_uid=f"gir-otp-{name}-{model._meta.label}")
