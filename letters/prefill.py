"""Pre-filling a letter's details from a measure (sanctions), and which letters fit a measure.

Read-only use of the sanctions models; letters never write them.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.constants import DEFAULT_COPIES, Copy, DispatchMethod, LetterKind

SUGGESTED = {
    "ordegesprek": [LetterKind.ORDEGESPREK_INVITATION, LetterKind.AGREEMENTS],
    "schriftelijke_waarschuwing": [LetterKind.WARNING],
    "mondelinge_waarschuwing": [LetterKind.WARNING],
    # A ban is decided before any letter is made (the mandated manager decides it), so the
    # decision letter comes first; the dossier's "Brief maken" link offers the first kind.
    "toegangsverbod": [
        LetterKind.BAN_DECISION,
        LetterKind.BAN_INTENT,
        LetterKind.BAN_BREACH,
        LetterKind.VISIT_PERMIT,
    ],
    "schadeverhaal": [LetterKind.DAMAGE_CLAIM],
    "contact_op_voorwaarden": [LetterKind.AGREEMENTS],
}


def suggested_kinds(measure) -> list[str]:
    return [str(k) for k in SUGGESTED.get(measure.type, [LetterKind.WARNING])]


def next_kind(measure, letters) -> str | None:
    """The letter a measure asks for now, given its ``letters`` so far; None when none does.

    A ban that still runs (served or not: serving marks it carried out) first needs its decision
    letter; after that, a breach registered since the last breach letter asks for a breach
    letter. Any other decided measure asks for its first suggested kind until it has a letter
    (as the dossier's "Brief maken").
    """
    from sanctions.constants import MeasureStatus, MeasureType
    from sanctions.models import local_today

    made = {letter.kind for letter in letters}
    if measure.type != MeasureType.BAN:
        return None if made or measure.status != MeasureStatus.DECIDED else suggested_kinds(measure)[0]
    if measure.status == MeasureStatus.REVOKED or (measure.ends_on and measure.ends_on < local_today()):
        return None
    if LetterKind.BAN_DECISION not in made:
        return LetterKind.BAN_DECISION.value
    ban = _related(measure, "ban")
    breach = ban.breaches.order_by("-registered_at").first() if ban is not None else None
    if breach is None:
        return None
    answered = any(
        letter.kind == LetterKind.BAN_BREACH and letter.created_at >= breach.registered_at
        for letter in letters
    )
    return None if answered else LetterKind.BAN_BREACH.value


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


def aangifte_made(incident) -> bool:
    """Whether an aangifte (not revoked) was made for this incident: its letters get a police copy."""
    from sanctions.constants import MeasureType
    from sanctions.models import Measure

    return Measure.objects.current().filter(incidents=incident, type=MeasureType.AANGIFTE).exists()


def copy_reasons(letter) -> dict[str, str]:
    """Copies this case adds to the default ones, each with the reason shown beside the choice."""
    reasons = {}
    if aangifte_made(letter.incident):
        reasons[Copy.POLICE.value] = _("Er is aangifte gedaan, dus de politie krijgt een exemplaar.")
    if letter.kind == LetterKind.BAN_DECISION:
        reasons[Copy.REGISTERED_MAIL.value] = _("Een besluit gaat aangetekend naar de ontvanger.")
    return reasons


def default_copies(reasons: dict[str, str]) -> list[str]:
    """The copies ticked when a letter is made final; the person can change them.

    Always the recipient's, the dossier's and the register's, plus those ``copy_reasons`` adds for
    the case: the police's when an aangifte was made, the registered-mail copy for a ban decision
    (seed 004 §8.1).
    """
    chosen = {c.value for c in DEFAULT_COPIES} | set(reasons)
    return [c.value for c in Copy if c.value in chosen]


def default_dispatch_method(letter) -> str | None:
    """The way of dispatch chosen in advance: registered mail for a ban decision, else none."""
    return DispatchMethod.REGISTERED.value if letter.kind == LetterKind.BAN_DECISION else None
