"""What a mandated manager may read because of a ban request or a ban they decided (ADR 0010).

Registered with ``gir.registry.register_scope`` so ``Incident.objects.visible_to`` and
``Aggressor.objects.visible_to`` include them without ``incidents`` importing this app. Each
function is one simple indexed query of one column, joined by UNION in the caller.
"""

from __future__ import annotations

from gir.deputies import principal_ids
from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import BanRequest, Measure, local_today


def _open_requests(user):
    """Open requests addressed to ``user`` or to a mandated manager they stand in for (leave)."""
    from sanctions.services.requests import requests_for

    return requests_for(user)


def _open_bans(user):
    """Bans ``user`` (or whom they stand in for) decided that still run (not revoked, not ended)."""
    return Measure.objects.filter(
        decided_by_id__in=principal_ids(user), type=MeasureType.BAN, ends_on__gte=local_today()
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
