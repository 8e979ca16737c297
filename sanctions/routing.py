"""Plug-ins of the sanctions app for routing work to someone who can act (ADR 0010):
the ban request as a task, what a mandated manager may read because of it, and the dossier
banners of a ban breach. Kept apart from ``plugins.py`` so each concern stays small."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gir.registry import (
    DeadlineKind,
    DemoStep,
    DossierAlert,
    Scope,
    register_deadline_kind,
    register_demo_step,
    register_dossier_alert,
    register_scope,
)
from sanctions.constants import DEADLINE_BAN_REQUEST


@dataclass(frozen=True)
class _RequestTask:
    ban_request: object | None
    incident_reference: str


def _load_requests(deadlines) -> dict[int, _RequestTask]:
    """{deadline id: the ban request and the reference of its incident}, in two queries."""
    from incidents.models import Incident
    from sanctions.models import BanRequest

    requests = BanRequest.objects.prefetch_related("incidents").in_bulk({d.object_id for d in deadlines})
    references = Incident.objects.references(d.incident_id for d in deadlines if d.incident_id)
    return {
        d.pk: _RequestTask(requests.get(d.object_id), references.get(d.incident_id, "")) for d in deadlines
    }


def _request_url(deadline, loaded: _RequestTask | None) -> str:
    from sanctions.services.requests import request_url

    return request_url(loaded.ban_request) if loaded and loaded.ban_request else ""


def _request_ref(deadline, loaded: _RequestTask | None) -> str:
    return (loaded.incident_reference if loaded else "") or f"#{deadline.object_id}"


def register() -> None:
    from sanctions import breaches, scoping
    from sanctions.demo_routing import seed_routing

    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_REQUEST,
            _("Beslissen over een toegangsverbod (verzoek)"),
            url=_request_url,
            reference=_request_ref,
            load=_load_requests,
            own_owner=True,  # the mandated manager it is addressed to, not the incident's handler
        )
    )
    register_scope(Scope("incidents.Incident", scoping.requested_incidents))
    register_scope(Scope("incidents.Incident", scoping.decided_ban_incidents))
    register_scope(Scope("incidents.Aggressor", scoping.requested_persons))
    register_scope(Scope("incidents.Aggressor", scoping.decided_ban_persons))
    register_dossier_alert(DossierAlert(breaches.dossier_alerts, order=10))
    register_demo_step(
        DemoStep(seed_routing, order=25)
    )  # after the measures (20), before letters and aftercare
