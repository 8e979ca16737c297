"""Forms validate and normalise; the services write. One decision form per measure type."""

from sanctions.forms.actions import (
    BreachFindForm,
    BreachForm,
    ExtendForm,
    OrdegesprekPlanForm,
    OrdegesprekRecordForm,
    PaymentForm,
    PoliceOutcomeForm,
    ReasonForm,
    ReviewForm,
    ServeForm,
)
from sanctions.forms.decisions import (
    TYPE_FORMS,
    BanDecisionForm,
    ClaimDecisionForm,
    ContactDecisionForm,
    DecisionForm,
    OrdegesprekDecisionForm,
    PoliceDecisionForm,
    decision_form_class,
)
from sanctions.forms.fields import DayField

__all__ = [
    "TYPE_FORMS",
    "BanDecisionForm",
    "BreachFindForm",
    "BreachForm",
    "ClaimDecisionForm",
    "ContactDecisionForm",
    "DayField",
    "DecisionForm",
    "ExtendForm",
    "OrdegesprekDecisionForm",
    "OrdegesprekPlanForm",
    "OrdegesprekRecordForm",
    "PaymentForm",
    "PoliceDecisionForm",
    "PoliceOutcomeForm",
    "ReasonForm",
    "ReviewForm",
    "ServeForm",
    "decision_form_class",
]
