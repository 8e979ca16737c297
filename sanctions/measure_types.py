"""The decision table of the measure types: per type, the form that asks for its details, the
rules a decision of that type must pass, and the builder that writes its own rows.

``measure_decide`` (the service) runs the rules and the builder; the decision page takes the form
from here. A type without a row has the plain decision form and no details of its own (a written
warning). Each rule is a service function that raises a ``MeasureError`` (a ``RuleViolation``)
naming the field it concerns; the type's form calls the same function, so the user sees the
service's own message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sanctions.constants import MeasureType
from sanctions.forms.decisions import (
    BanDecisionForm,
    ClaimDecisionForm,
    ContactDecisionForm,
    DecisionForm,
    OrdegesprekDecisionForm,
    OtherDecisionForm,
    PoliceDecisionForm,
)
from sanctions.services import details
from sanctions.services.bans import ban_rules_check, create_ban


@dataclass(frozen=True)
class MeasureTypeSpec:
    form: type[DecisionForm] = DecisionForm
    # (aggressor, starts_on, ends_on, details) -> None; raises MeasureError. Runs before anything
    # is written, under the lock on the person.
    rules: Callable[..., None] | None = None
    # (measure, by, details, photo) -> None: the type's own rows and deadlines.
    build: Callable[..., object] | None = None


MEASURE_TYPES: dict[str, MeasureTypeSpec] = {
    MeasureType.VERBAL_WARNING: MeasureTypeSpec(build=details.verbal),
    MeasureType.ORDEGESPREK: MeasureTypeSpec(form=OrdegesprekDecisionForm, build=details.ordegesprek),
    MeasureType.CONTACT_CONDITIONS: MeasureTypeSpec(form=ContactDecisionForm, build=details.contact),
    MeasureType.BAN: MeasureTypeSpec(form=BanDecisionForm, rules=ban_rules_check, build=create_ban),
    MeasureType.POLICE_NOTICE: MeasureTypeSpec(form=PoliceDecisionForm, build=details.police),
    MeasureType.AANGIFTE: MeasureTypeSpec(form=PoliceDecisionForm, build=details.police),
    MeasureType.DAMAGE_CLAIM: MeasureTypeSpec(form=ClaimDecisionForm, build=details.claim),
    MeasureType.OTHER: MeasureTypeSpec(form=OtherDecisionForm),
}


def spec_for(measure_type: str) -> MeasureTypeSpec:
    return MEASURE_TYPES.get(measure_type, MeasureTypeSpec())
