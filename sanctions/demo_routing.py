"""Demo data for routing (ADR 0010): a reassigned case, a manager on leave with a deputy, and an
open ban request in the mandated manager's tasks. Safe to run more than once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gir.deputies import DeputyPeriod, deputy_period_add
from incidents.constants import EventKind, Status
from incidents.models import Incident
from incidents.services.handlers import incident_hand_over
from sanctions.constants import MeasureType
from sanctions.models import BanRequest, Measure
from sanctions.services.requests import ban_request_create


def _reassigned_case(users) -> None:
    if Incident.objects.filter(
        events__kind=EventKind.HANDLER, events__text__startswith="Overgedragen"
    ).exists():
        return
    case = (
        Incident.objects.filter(department__name="Publiekszaken", handler=users["leidinggevende"])
        .exclude(status=Status.CLOSED)
        .order_by("-occurred_at")
        .first()
    )
    if case is not None:
        incident_hand_over(
            incident=case,
            to=users["leidinggevende2"],
            by=users["leidinggevende"],
            reason="Mijn collega kent deze klant uit eerdere gesprekken bij Werk en Inkomen.",
        )


def _deputy_on_leave(users) -> None:
    if DeputyPeriod.objects.exists():
        return
    today = timezone.localdate()
    deputy_period_add(
        manager=users["leidinggevende2"],
        deputy=users["leidinggevende"],
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=12),
        reason="Vakantie",
        by=users["leidinggevende2"],
    )


def _open_ban_request(users) -> None:
    """The handler of an open case asks for a ban on a person who has none yet."""
    if BanRequest.objects.exists():
        return
    banned = Measure.objects.filter(type=MeasureType.BAN).values("aggressor_id")
    candidates = Incident.objects.exclude(status=Status.CLOSED).filter(
        aggressor_links__isnull=False, handler__in=[users["leidinggevende"], users["leidinggevende2"]]
    )
    for incident in candidates.order_by("-occurred_at"):
        link = incident.aggressor_links.exclude(aggressor_id__in=banned).first()
        if link is not None:
            ban_request_create(
                aggressor=link.aggressor,
                incidents=[incident],
                by=incident.handler,
                addressed_to=users["gemandateerde"],
                note="Herhaaldelijk bedreigend aan de balie; graag een toegangsverbod.",
            )
            return


def seed_routing(context: dict) -> None:
    users = context["users"]
    _reassigned_case(users)
    _open_ban_request(users)
    _deputy_on_leave(users)
