"""Pre-filling a letter's details from a measure (sanctions), and which letters fit a measure.

Read-only use of the sanctions models; letters never write them.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from letters.constants import LetterKind

SUGGESTED = {
    "ordegesprek": [LetterKind.ORDEGESPREK_INVITATION, LetterKind.AGREEMENTS],
    "schriftelijke_waarschuwing": [LetterKind.WARNING],
    "mondelinge_waarschuwing": [LetterKind.WARNING],
    "toegangsverbod": [
        LetterKind.BAN_INTENT,
        LetterKind.BAN_DECISION,
        LetterKind.BAN_BREACH,
        LetterKind.VISIT_PERMIT,
    ],
    "schadeverhaal": [LetterKind.DAMAGE_CLAIM],
    "contact_op_voorwaarden": [LetterKind.AGREEMENTS],
}


def suggested_kinds(measure) -> list[str]:
    return [str(k) for k in SUGGESTED.get(measure.type, [LetterKind.WARNING])]


def _related(measure, name: str):
    try:
        return getattr(measure, name)
    except ObjectDoesNotExist:
        return None


def _ban_details(ban, measure) -> dict:
    details = {
        "verbod.begindatum": measure.starts_on,
        "verbod.einddatum": measure.ends_on,
        "verbod.besluitdatum": timezone.localtime(measure.decided_at).date(),
        "verbod.locaties": ", ".join(ban.location_names()),
    }
    breach = ban.breaches.order_by("-occurred_at").first()
    if breach is not None:
        local = timezone.localtime(breach.occurred_at)
        details["overtreding.datum"] = local.date()
        details["overtreding.tijd"] = local.time().replace(second=0, microsecond=0)
        details["overtreding.locatie"] = str(breach.location) if breach.location_id else ""
    return details


def measure_details(measure) -> dict:
    """Detail values a measure already knows, by merge-field path."""
    details: dict = {
        "maatregel.toelichting": measure.description,
        "maatregel.begindatum": measure.starts_on,
        "maatregel.einddatum": measure.ends_on,
    }
    talk = _related(measure, "ordegesprek")
    if talk is not None:
        planned = timezone.localtime(talk.planned_at)
        details.update(
            {
                "ordegesprek.datum": planned.date(),
                "ordegesprek.tijd": planned.time().replace(second=0, microsecond=0),
                "ordegesprek.plaats": talk.place,
                "ordegesprek.afspraken": talk.agreements,
            }
        )
    ban = _related(measure, "ban")
    if ban is not None:
        details.update(_ban_details(ban, measure))
    claim = _related(measure, "damageclaim")
    if claim is not None:
        details["schade.omschrijving"] = "\n".join(
            f"{item.description}: € {item.amount}" for item in claim.items.all()
        )
        details["schade.bedrag"] = claim.outstanding or claim.total
    return {k: v for k, v in details.items() if v not in (None, "")}
