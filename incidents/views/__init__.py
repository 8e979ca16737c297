"""Views of the incident registration (thin: parse, check access, call a service, render)."""

from incidents.views.aggressors import (
    aggressor_detail,
    aggressor_edit,
    aggressor_link,
    aggressor_new,
    aggressor_photo,
    aggressor_search,
    aggressor_unlink,
)
from incidents.views.dossier import (
    evidence_add,
    evidence_download,
    first_talk,
    incident_detail,
    incident_edit,
    involvement_add,
    status_change,
    waive_reaction,
)
from incidents.views.handlers import hand_over
from incidents.views.lists import inbox, incident_list
from incidents.views.report import report

__all__ = [
    "aggressor_detail",
    "aggressor_edit",
    "aggressor_link",
    "aggressor_new",
    "aggressor_photo",
    "aggressor_search",
    "aggressor_unlink",
    "evidence_add",
    "evidence_download",
    "first_talk",
    "hand_over",
    "inbox",
    "incident_detail",
    "incident_edit",
    "incident_list",
    "involvement_add",
    "report",
    "status_change",
    "waive_reaction",
]
