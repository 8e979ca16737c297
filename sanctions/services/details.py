"""The builders of the decision table (``sanctions.measure_types``): each writes the rows and
deadlines of one measure type inside ``measure_decide``'s transaction."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gir.deadlines import deadline_close, deadline_open
from gir.models import Organisation
from incidents.constants import DEADLINE_POLICE
from sanctions.constants import (
    DEADLINE_BREACH_AANGIFTE,
    DEADLINE_ORDEGESPREK,
    MeasureStatus,
    MeasureType,
)
from sanctions.models import (
    BanBreach,
    ContactCondition,
    DamageClaim,
    DamageItem,
    Measure,
    Ordegesprek,
    PoliceReport,
)
from sanctions.services.common import first_incident_id, transition


def ordegesprek(measure: Measure, by, details: dict, photo) -> None:
    Ordegesprek.objects.create(
        measure=measure,
        planned_at=details["planned_at"],
        place=details["place"],
        attendees=details["attendees"],
    )
    deadline_open(
        kind=DEADLINE_ORDEGESPREK,
        subject=measure,
        starts_at=measure.decided_at,
        norm=Organisation.get().ordegesprek_norm,
        owner=by,
        incident_id=first_incident_id(measure),
    )


def contact(measure: Measure, by, details: dict, photo) -> None:
    ContactCondition.objects.create(
        measure=measure,
        appointment_only=details.get("appointment_only", False),
        letter_only=details.get("letter_only", False),
        no_phone=details.get("no_phone", False),
        contact_person=details.get("contact_person", ""),
        representative=details.get("representative", ""),
    )


def police(measure: Measure, by, details: dict, photo) -> None:
    org = Organisation.get()
    PoliceReport.objects.create(
        measure=measure,
        reported_by=details["reported_by"],
        reported_on=details["reported_on"],
        vpt=details.get("vpt", False),
        police_number=details.get("police_number", ""),
        # A snapshot of the municipality's address: never the victim's home address.
        address_used="\n".join(org.postal_address_lines),
    )
    transition(measure, MeasureStatus.DONE)
    note = _("Melding of aangifte vastgelegd als maatregel %(ref)s") % {"ref": measure.reference}
    for incident in measure.incidents.all():
        deadline_close(kind=DEADLINE_POLICE, subject=incident, by=by, note=note)
    if measure.type == MeasureType.AANGIFTE:
        for breach in BanBreach.objects.filter(incident__in=measure.incidents.all()):
            deadline_close(kind=DEADLINE_BREACH_AANGIFTE, subject=breach, by=by, note=note)


def claim(measure: Measure, by, details: dict, photo) -> None:
    claim = DamageClaim.objects.create(measure=measure, claim_date=details["claim_date"])
    DamageItem.objects.bulk_create(
        [DamageItem(claim=claim, description=d, amount=a) for d, a in details["items"]]
    )


def verbal(measure: Measure, by, details: dict, photo) -> None:
    # A verbal warning is given when it is decided: nothing is left to do.
    transition(measure, MeasureStatus.DONE)
