"""Aftercare test helpers: incidents filed through the incidents service, so the hooks run."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gir import roles
from incidents.constants import InvolvementRole, LocationType, ReporterRole
from incidents.services import Target, incident_register, involvement_add
from tests.factories import UserFactory

NOTE_TEXT = "ZEER-VERTROUWELIJK slaapt slecht sinds het incident"


def file_incident(world, *, victim=None, witness=None, hours_ago: int = 2, reporter=None):
    """File an incident with ``victim`` (default: the employee) and optionally a witness."""
    victim = victim or world.employee
    reporter = reporter or victim
    incident, _created = incident_register(
        reporter=reporter,
        occurred_at=timezone.now() - timedelta(hours=hours_ago),
        department=world.dept_a,
        location_type=LocationType.COUNTER,
        description="Klant schold de medewerker uit aan de balie.",
        forms=["schelden"],
        reporter_role=ReporterRole.SELF if reporter == victim else ReporterRole.MANAGER,
        target=Target(user=victim) if reporter != victim else None,
    )
    if witness is not None:
        involvement_add(incident=incident, by=reporter, role=InvolvementRole.WITNESS, user=witness)
    return incident


def witness_user(world):
    if not hasattr(world, "witness"):
        world.witness = UserFactory(username="witness", department=world.dept_a, roles=[roles.MEDEWERKER])
    return world.witness
