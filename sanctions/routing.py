"""Plug-ins of the sanctions app for routing work to someone who can act (ADR 0010):
the ban request as a task, what a mandated manager may read because of it, and the dossier
banners of a ban breach. Kept apart from ``plugins.py`` so each concern stays small."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir.registry import (
    DeadlineKind,
    register_deadline_kind,
    register_demo_step,
    register_dossier_alert,
    register_scope,
)
from sanctions.constants import DEADLINE_BAN_REQUEST


def _prefetch_requests(deadlines) -> None:
    from incidents.models import Incident
    from sanctions.models import BanRequest

    requests = BanRequest.objects.prefetch_related("incidents").in_bulk({d.object_id for d in deadlines})
    references = Incident.objects.references(d.incident_id for d in deadlines if d.incident_id)
    for deadline in deadlines:
        deadline.ban_request = requests.get(deadline.object_id)
        deadline.incident_reference = references.get(deadline.incident_id, "")


def _request_url(deadline) -> str:
    from sanctions.services.requests import request_url

    if not hasattr(deadline, "ban_request"):
        _prefetch_requests([deadline])
    return request_url(deadline.ban_request) if deadline.ban_request else ""


def _request_ref(deadline) -> str:
    if not hasattr(deadline, "incident_reference"):
        _prefetch_requests([deadline])
    return deadline.incident_reference or f"#{deadline.object_id}"


def register() -> None:
    from sanctions import breaches, scoping
    from sanctions.demo_routing import seed_routing

    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_REQUEST,
            _("Beslissen over een toegangsverbod (verzoek)"),
            url=_request_url,
            reference=_request_ref,
            prefetch=_prefetch_requests,
            own_owner=True,  # the mandated manager it is addressed to, not the incident's handler
        )
    )
    register_scope("incidents.Incident", scoping.requested_incidents)
    register_scope("incidents.Incident", scoping.decided_ban_incidents)
    register_scope("incidents.Aggressor", scoping.requested_persons)
    register_scope("incidents.Aggressor", scoping.decided_ban_persons)
    register_dossier_alert(10, breaches.dossier_alerts)
    register_demo_step(25, seed_routing)  # after the measures (20), before letters and aftercare
