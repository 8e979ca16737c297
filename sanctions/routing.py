"""Plug-ins of the sanctions app for routing work to someone who can act (ADR 0010):
the ban request as a task, what a mandated manager may read because of it, and the dossier
banners of a ban breach. Kept apart from ``plugins.py`` so each concern stays small."""

from __future__ import annotations

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
from sanctions.deadline_tasks import LoadedTask, load_tasks, task_reference


def _load_requests(deadlines) -> dict[int, LoadedTask]:
    from sanctions.models import BanRequest

    return load_tasks(BanRequest.objects.prefetch_related("incidents"), deadlines)


def _request_url(deadline, loaded: LoadedTask | None) -> str:
    from sanctions.services.requests import request_url

    return request_url(loaded.obj) if loaded and loaded.obj else ""


def register() -> None:
    from sanctions import breaches, scoping
    from sanctions.demo_routing import seed_routing

    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_REQUEST,
            _("Beslissen over een toegangsverbod (verzoek)"),
            url=_request_url,
            reference=task_reference,
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
