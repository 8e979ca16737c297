"""What a mandated manager may read because of a ban request or a ban they decided (ADR 0010).

Registered with ``gir.registry.register_scope`` so ``Incident.objects.visible_to`` and
``Aggressor.objects.visible_to`` include them without ``incidents`` importing this app. Each
function is one simple indexed query of one column, joined by UNION in the caller.
"""

from __future__ import annotations

from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import BanRequest, Measure, local_today


def _open_requests(user):
    return BanRequest.objects.open().filter(addressed_to_id=user.pk)


def _open_bans(user):
    """Bans ``user`` decided that still run (not revoked, not past their end)."""
    return Measure.objects.filter(
        decided_by_id=user.pk, type=MeasureType.BAN, ends_on__gte=local_today()
    ).exclude(status=MeasureStatus.REVOKED)


def requested_incidents(user):
    if not user.has_perm("sanctions.impose_ban"):
        return None
    return BanRequest.incidents.through.objects.filter(banrequest__in=_open_requests(user)).values(
        "incident_id"
    )


def decided_ban_incidents(user):
    if not user.has_perm("sanctions.impose_ban"):
        return None
    return Measure.incidents.through.objects.filter(measure__in=_open_bans(user)).values("incident_id")


def requested_persons(user):
    if not user.has_perm("sanctions.impose_ban"):
        return None
    return _open_requests(user).values("aggressor_id")


def decided_ban_persons(user):
    if not user.has_perm("sanctions.impose_ban"):
        return None
    return _open_bans(user).values("aggressor_id")
