"""Services of the incident registration: every write that touches several models.

Each service runs in one transaction and appends to the incident's history
(IncidentEvent, StatusChange). Re-exported here so callers import ``incidents.services``.
"""

from incidents.services.aggressors import aggressor_create, aggressor_link, aggressor_unlink, aggressor_update
from incidents.services.changes import (
    IncidentChangeError,
    StaleEdit,
    incident_record_first_talk,
    incident_time_correct,
    incident_transition,
    incident_update,
    incident_waive_reaction,
    involvement_add,
)
from incidents.services.evidence import evidence_add, pending_for, upload_accept
from incidents.services.registration import Target, incident_register

__all__ = [
    "IncidentChangeError",
    "StaleEdit",
    "Target",
    "aggressor_create",
    "aggressor_link",
    "aggressor_unlink",
    "aggressor_update",
    "evidence_add",
    "incident_record_first_talk",
    "incident_register",
    "incident_time_correct",
    "incident_transition",
    "incident_update",
    "incident_waive_reaction",
    "involvement_add",
    "pending_for",
    "upload_accept",
]
