"""Incident registration: incidents, the people involved, aggressors, evidence, history.

Split over ``incidents`` (an incident, its people, files and history) and ``aggressors``;
every model is re-exported here, so callers import ``incidents.models``.
"""

from incidents.models.aggressors import Aggressor, AggressorQuerySet, IncidentAggressor
from incidents.models.incidents import (
    Evidence,
    Incident,
    IncidentEvent,
    IncidentForm,
    IncidentQuerySet,
    Involvement,
    PendingUpload,
    ReferenceCounter,
    ReportDraft,
    StatusChange,
)

__all__ = [
    "Aggressor",
    "AggressorQuerySet",
    "Evidence",
    "Incident",
    "IncidentAggressor",
    "IncidentEvent",
    "IncidentForm",
    "IncidentQuerySet",
    "Involvement",
    "PendingUpload",
    "ReferenceCounter",
    "ReportDraft",
    "StatusChange",
]
