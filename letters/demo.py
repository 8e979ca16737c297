"""Demo letters (``manage.py seed_demo``): a few final, dispatched letters and one concept.

Uses the demo measures of ``sanctions`` when they exist (invitation to an ordegesprek, a written
warning, a ban decision) and the demo incidents otherwise. Safe to run more than once: nothing
is added when demo letters are already there.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gir.models import Signatory
from letters import prefill
from letters.constants import DEFAULT_COPIES, Copy, DispatchMethod, LetterKind
from letters.models import Letter
from letters.services import dispatch_record, letter_create, letter_finalise, template_defaults_install

SUMMARIES = {
    LetterKind.ORDEGESPREK_INVITATION: "U was boos over uw uitkering en schreeuwde tegen de medewerker.",
    LetterKind.WARNING: "U heeft een medewerker uitgescholden en bent pas na lang aandringen vertrokken.",
    LetterKind.BAN_DECISION: "U heeft een medewerker bedreigd, nadat u eerder al een waarschuwing kreeg.",
    LetterKind.WRITTEN_AGGRESSION: "U plaatste op Facebook een foto van een medewerker met scheldwoorden.",
}
DISPATCH = {
    LetterKind.ORDEGESPREK_INVITATION: {"method": DispatchMethod.POST},
    LetterKind.WARNING: {"method": DispatchMethod.HANDED_RECEIPT, "note": "Overhandigd aan de balie."},
    LetterKind.BAN_DECISION: {"method": DispatchMethod.REGISTERED, "tracking_number": "3SDEMO0012345"},
}


def _signatory(kind) -> Signatory | None:
    signatories = Signatory.objects.filter(is_active=True)
    if kind == LetterKind.BAN_DECISION:
        return signatories.filter(is_mayor=True).first() or signatories.first()
    return signatories.filter(is_mayor=False).first() or signatories.first()


def _measure_targets() -> list[tuple[str, object, object]]:
    """(kind, incident, measure) for the latest ordegesprek, written warning and ban."""
    try:
        from sanctions.models import Measure
    except ImportError:  # the letters demo also works without measures
        return []
    targets = []
    for measure_type, kind in [
        ("ordegesprek", LetterKind.ORDEGESPREK_INVITATION),
        ("schriftelijke_waarschuwing", LetterKind.WARNING),
        ("toegangsverbod", LetterKind.BAN_DECISION),
    ]:
        measure = Measure.objects.filter(type=measure_type).order_by("-decided_at").first()
        incident = measure.incidents.order_by("occurred_at").first() if measure else None
        if incident is not None:
            targets.append((kind, incident, measure))
    return targets


def _incident_targets(context) -> list[tuple[str, object, None]]:
    incidents = [i for i in context.get("incidents", []) if i.aggressor_links.exists()]
    kinds = [LetterKind.ORDEGESPREK_INVITATION, LetterKind.WARNING, LetterKind.BAN_DECISION]
    return [(kind, incident, None) for kind, incident in zip(kinds, incidents, strict=False)]


def _details(kind, measure) -> dict:
    details = prefill.measure_details(measure) if measure is not None else {}
    details["incident.samenvatting"] = SUMMARIES[kind]
    today = timezone.localdate()
    if kind == LetterKind.ORDEGESPREK_INVITATION:
        details.setdefault("ordegesprek.datum", today + timedelta(days=5))
        details.setdefault(
            "ordegesprek.tijd",
            timezone.localtime().time().replace(hour=14, minute=0, second=0, microsecond=0),
        )
        details.setdefault("ordegesprek.plaats", "Stadhuis, Stadhuisplein 1. Meld u bij de receptie.")
    if kind == LetterKind.BAN_DECISION:
        details.setdefault("verbod.begindatum", today)
        details.setdefault("verbod.einddatum", today + timedelta(days=91))
        details.setdefault("verbod.locaties", "Alle gebouwen van de gemeente")
    return details


def _make(kind, incident, measure, users, *, final: bool) -> Letter | None:
    link = incident.aggressor_links.select_related("aggressor").first()
    signatory = _signatory(kind)
    if link is None or signatory is None:
        return None
    manager = incident.department.managers.order_by("pk").first() or users["coordinator"]
    letter = letter_create(
        incident=incident,
        kind=kind,
        aggressor=measure.aggressor if measure is not None else link.aggressor,
        signatory=signatory,
        by=manager,
        details=_details(kind, measure),
        measure=measure,
    )
    if not final:
        return letter
    copies = [*DEFAULT_COPIES, Copy.REGISTERED_MAIL] if kind == LetterKind.BAN_DECISION else DEFAULT_COPIES
    letter = letter_finalise(letter=letter, by=manager, copies=copies)
    dispatch_record(letter=letter, by=manager, dispatched_at=timezone.now(), **DISPATCH[kind])
    return letter


def demo_step(context: dict) -> None:
    template_defaults_install()
    if Letter.objects.exists():
        return
    users = context["users"]
    targets = _measure_targets() or _incident_targets(context)
    letters = [_make(kind, incident, measure, users, final=True) for kind, incident, measure in targets]
    used = {letter.incident_id for letter in letters if letter}
    spare = [i for i in context.get("incidents", []) if i.pk not in used and i.aggressor_links.exists()]
    if spare:
        _make(LetterKind.WRITTEN_AGGRESSION, spare[-1], None, users, final=False)
    context["letters"] = [letter for letter in letters if letter]
