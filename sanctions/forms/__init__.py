"""Forms validate and normalise; the services write. One decision form per measure type
(the decision table: sanctions.measure_types)."""

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
    BanDecisionForm,
    ClaimDecisionForm,
    ContactDecisionForm,
    DecisionForm,
    OrdegesprekDecisionForm,
    PoliceDecisionForm,
)
from sanctions.forms.fields import DayField

__all__ = [
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
]
