"""Forms of the incident registration. They validate and normalise; services write."""

from incidents.forms.aggressors import AggressorForm, AggressorSearchForm
from incidents.forms.handlers import HandOverForm
from incidents.forms.incident import (
    EvidenceForm,
    FirstTalkForm,
    IncidentForm,
    InvolvementForm,
    StatusForm,
    WaiveReactionForm,
)
from incidents.forms.report import ShortReportForm

__all__ = [
    "AggressorForm",
    "AggressorSearchForm",
    "EvidenceForm",
    "FirstTalkForm",
    "HandOverForm",
    "IncidentForm",
    "InvolvementForm",
    "ShortReportForm",
    "StatusForm",
    "WaiveReactionForm",
]
