"""Measures against the aggressor: each one a recorded decision with an append-only history.

A ``Measure`` is the decision (who, when, for which incidents, why, period). Type-specific
details hang off it one-to-one and share its primary key: ``Ordegesprek``, ``ContactCondition``,
``Ban``, ``PoliceReport`` and ``DamageClaim``. Whether a ban is in force is computed from its
dates at query time (``Ban.objects.in_force(now)``), never stored.
"""

from sanctions.models.bans import Ban, BanBreach, BanLocation, BanQuerySet
from sanctions.models.measures import (
    ContactCondition,
    Measure,
    MeasureEvent,
    MeasureQuerySet,
    Ordegesprek,
    local_today,
)
from sanctions.models.police import DamageClaim, DamageItem, DamagePayment, PoliceReport
from sanctions.models.requests import BanRequest

__all__ = [
    "Ban",
    "BanBreach",
    "BanLocation",
    "BanQuerySet",
    "BanRequest",
    "ContactCondition",
    "DamageClaim",
    "DamageItem",
    "DamagePayment",
    "Measure",
    "MeasureEvent",
    "MeasureQuerySet",
    "Ordegesprek",
    "PoliceReport",
    "local_today",
]
