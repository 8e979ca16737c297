"""Access helpers: one per model, returning the object in the user's scope or raising 404.

Rights on an incident (DESIGN.md "Users"): a manager handles the incidents of the departments
they manage and the cases handed to them (also those of a manager they stand in for), the
coordinator all of them; the reporter may add details while the status is
still "gemeld"; people in scope (reporter, victims) may add evidence until it is closed.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from incidents.constants import Status
from incidents.models import Aggressor, Evidence, Incident
from incidents.scoping import manages


def incident_for(user, pk: int) -> Incident:
    queryset = Incident.objects.visible_to(user).select_related(
        "department", "reporter", "location", "handler"
    )
    return get_object_or_404(queryset, pk=pk)


def evidence_for(user, pk: int) -> Evidence:
    visible = Incident.objects.visible_to(user)
    return get_object_or_404(Evidence.objects.select_related("incident"), pk=pk, incident__in=visible)


def aggressor_for(user, pk: int) -> Aggressor:
    return get_object_or_404(Aggressor.objects.visible_to(user).active(), pk=pk)


def can_manage(user, incident: Incident) -> bool:
    """A manager of its department, its handler, their deputy during leave, or the coordinator."""
    return manages(user, incident)


def can_edit(user, incident: Incident) -> bool:
    if can_manage(user, incident):
        return True
    return incident.reporter_id == user.pk and incident.status == Status.REPORTED


def can_add_evidence(user, incident: Incident) -> bool:
    """Managers always; the reporter and the people involved until the incident is closed."""
    if can_manage(user, incident):
        return True
    if incident.status == Status.CLOSED:
        return False
    return incident.reporter_id == user.pk or incident.involvements.filter(user=user).exists()


def can_link_aggressors(user, incident: Incident) -> bool:
    return user.has_perm("incidents.search_aggressors") and can_manage(user, incident)
