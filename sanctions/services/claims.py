"""The police report's later outcome, and payments on a damage claim."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from sanctions.constants import ClaimStatus, EventKind, MeasureStatus, PoliceOutcome
from sanctions.models import DamageClaim, DamagePayment, PoliceReport
from sanctions.services.common import MeasureError, add_event, last_event_id, lock, transition


@transaction.atomic
def police_outcome_record(
    *,
    report: PoliceReport,
    by,
    police_number: str,
    outcome: str,
    outcome_on: date | None = None,
    outcome_note: str = "",
    seen: int | None = None,
) -> PoliceReport:
    """Record the registration number and what the police and the prosecutor did with it.

    ``seen`` is the last history row the user's form was based on: when someone else saved in
    between, the change is refused instead of silently overwriting theirs.
    """
    measure = lock(report.measure)
    if seen is not None and last_event_id(measure) != seen:
        raise MeasureError(
            _(
                "Iemand anders heeft deze gegevens intussen gewijzigd. Bekijk de maatregel opnieuw; "
                "wat u invulde staat hieronder nog."
            )
        )
    report = PoliceReport.objects.select_for_update().get(pk=report.pk)
    report.police_number = police_number
    report.outcome = outcome
    report.outcome_on = outcome_on
    report.outcome_note = outcome_note
    report.save()
    add_event(measure, by, EventKind.OUTCOME, f"{PoliceOutcome(outcome).label}. {outcome_note}".strip())
    return report


def _status_after_payment(claim: DamageClaim) -> ClaimStatus:
    paid, total = claim.paid, claim.total
    if paid >= total:
        return ClaimStatus.PAID
    return ClaimStatus.PARTLY_PAID if paid > 0 else ClaimStatus.OPEN


@transaction.atomic
def claim_payment_add(
    *, claim: DamageClaim, by, paid_on: date, amount: Decimal, note: str = ""
) -> DamagePayment:
    """A payment received; the claim's status follows from what is paid."""
    measure = lock(claim.measure)
    if measure.is_revoked:
        raise MeasureError(_("Deze maatregel is ingetrokken."))
    payment = DamagePayment.objects.create(
        claim=claim, paid_on=paid_on, amount=amount, note=note, recorded_by=by
    )
    if claim.status != ClaimStatus.UNCOLLECTABLE:
        claim.status = _status_after_payment(claim)
        claim.save(update_fields=["status"])
    if claim.status == ClaimStatus.PAID:
        transition(measure, MeasureStatus.DONE)
    euros = f"{amount:.2f}".replace(".", ",")
    add_event(measure, by, EventKind.PAYMENT, f"€ {euros} ({paid_on:%d-%m-%Y}) {note}".strip())
    return payment


@transaction.atomic
def claim_mark_uncollectable(*, claim: DamageClaim, by, note: str) -> DamageClaim:
    measure = lock(claim.measure)
    if measure.is_revoked:
        raise MeasureError(_("Deze maatregel is ingetrokken."))
    claim.status = ClaimStatus.UNCOLLECTABLE
    claim.save(update_fields=["status"])
    transition(measure, MeasureStatus.DONE)
    add_event(measure, by, EventKind.CLAIM_STATUS, note or str(ClaimStatus.UNCOLLECTABLE.label))
    return claim
