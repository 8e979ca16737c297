"""Letters: a concept from a template, edited, made final (HTML, PDF and SHA-256 stored), and
corrected by a new letter. Nothing here changes a final letter."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.errors import RuleViolation
from gir.models import AuditEntry, Signatory
from letters import merge_fields as mf
from letters.constants import Copy, LetterStatus
from letters.models import FINAL_LETTER_MESSAGE, Letter, LetterTemplate
from letters.pdf import render_pdf
from letters.sanitize import clean_html
from letters.services.documents import letter_document, letter_flat
from letters.templating import render_restricted


def _letter_reference(incident) -> str:
    count = Letter.objects.filter(incident=incident).count()
    while True:
        count += 1
        reference = f"{incident.reference}/B{count}"
        if not Letter.objects.filter(reference=reference).exists():
            return reference


def _serialise(details: dict[str, Any]) -> dict[str, Any]:
    return {k: mf.serialise_detail(v) for k, v in details.items() if v not in (None, "")}


def _measure_facts(measure) -> dict[str, Any]:
    """The ``mf.MEASURE_PATHS`` values of a measure (what kind, from when, until when)."""
    return {
        "maatregel.soort": measure.get_type_display(),
        "maatregel.begindatum": measure.starts_on,
        "maatregel.einddatum": measure.ends_on,
    }


def _stored_details(details: dict[str, Any] | None, measure) -> dict[str, Any]:
    """The letter's stored details: what the writer gave, completed with the measure's own facts."""
    stored = _serialise(details or {})
    if measure is not None:
        for path, value in _serialise(_measure_facts(measure)).items():
            stored.setdefault(path, value)
    return stored


def _template_version(incident, aggressor, kind: str):
    """The current template version of ``kind``; refused for a person not linked to the incident."""
    if not incident.aggressor_links.filter(aggressor=aggressor).exists():
        raise RuleViolation(
            _(
                "Deze persoon is niet als dader aan het incident gekoppeld. Kies een dader uit de lijst, of "
                "koppel de persoon eerst in het dossier."
            )
        )
    template = LetterTemplate.objects.filter(code=kind).first()
    version = template.current_version if template else None
    if version is None:
        raise RuleViolation(
            _("Er is nog geen sjabloon voor deze brief. Vraag de coördinator om het sjabloon in te stellen.")
        )
    return version


@transaction.atomic
def letter_create(
    *,
    incident,
    kind: str,
    aggressor,
    signatory: Signatory,
    by,
    include_victim: bool = False,
    details: dict[str, Any] | None = None,
    measure=None,
    corrects: Letter | None = None,
) -> Letter:
    """Make a concept letter from the current version of the kind's template."""
    from incidents.models import Incident

    locked_incident = Incident.objects.select_for_update().select_related("department").get(pk=incident.pk)
    version = _template_version(locked_incident, aggressor, kind)
    stored = _stored_details(details, measure)
    reference = _letter_reference(locked_incident)
    flat = letter_flat(
        incident=locked_incident,
        aggressor=aggressor,
        signatory=signatory,
        include_victim=include_victim,
        details=stored,
        reference=reference,
        letter_date=timezone.localdate(),
    )
    context = mf.to_context(flat)
    letter = Letter.objects.create(
        reference=reference,
        kind=kind,
        template_version=version,
        incident=locked_incident,
        measure=measure,
        aggressor=aggressor,
        signatory=signatory,
        include_victim=include_victim,
        details=stored,
        subject=render_restricted(version.subject, context, html=False)[:200],
        body_html=render_restricted(version.body, context),
        corrects=corrects,
        created_by=by,
    )
    audit_log(
        actor=by, action=AuditEntry.Action.CREATE, obj=letter, description=texts.LETTER_CREATED(kind=kind)
    )
    return letter


def _lock_concept(letter: Letter) -> Letter:
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.is_final:
        raise RuleViolation(FINAL_LETTER_MESSAGE)
    return locked


@transaction.atomic
def letter_update_concept(
    *, letter: Letter, subject: str, body_html: str, signatory: Signatory, version: int, by
) -> Letter:
    """Save the manager's edits of a concept. Refused for a final letter or a stale form."""
    locked = _lock_concept(letter)
    if locked.version != version:
        raise RuleViolation(
            _(
                "Iemand anders heeft deze brief intussen gewijzigd. Uw tekst staat hieronder; "
                "vergelijk en sla opnieuw op."
            )
        )
    locked.subject = subject.strip()[:200]
    locked.body_html = clean_html(body_html)
    locked.signatory = signatory
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save()
    audit_log(actor=by, action=AuditEntry.Action.UPDATE, obj=locked, description=texts.LETTER_EDITED())
    return locked


def _valid_copies(copies) -> list[str]:
    chosen = [c for c in Copy.values if c in set(copies)]
    if not chosen:
        raise RuleViolation(_("Kies ten minste één exemplaar."))
    return chosen


@transaction.atomic
def letter_finalise(*, letter: Letter, by, copies) -> Letter:
    """Make a concept final: store its HTML, the PDF with the chosen copies and the SHA-256.

    From here on nothing about the letter changes; dispatches are recorded as separate rows.
    """
    locked = _lock_concept(letter)
    chosen = _valid_copies(copies)
    now = timezone.now()
    html = letter_document(locked, letter_date=timezone.localdate(now))
    pdf = render_pdf(html, copies=[str(Copy(c).label) for c in chosen])
    locked.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
    locked.final_html = html
    locked.sha256 = hashlib.sha256(pdf).hexdigest()
    locked.copies = chosen
    locked.status = LetterStatus.FINAL
    locked.finalised_at, locked.finalised_by = now, by
    locked.save()
    audit_log(actor=by, action=AuditEntry.Action.UPDATE, obj=locked, description=texts.LETTER_FINALISED())
    return locked


def letter_copies_pdf(letter: Letter, copies) -> bytes:
    """Extra copies of a final letter, rendered from its stored (unchangeable) HTML."""
    if not letter.is_final:
        raise RuleViolation(_("Alleen van een definitieve brief kunt u exemplaren afdrukken."))
    return render_pdf(letter.final_html, copies=[str(Copy(c).label) for c in _valid_copies(copies)])


def letter_concept_pdf(letter: Letter) -> bytes:
    """A proof of a concept, marked as such on every page; never stored."""
    return render_pdf(letter_document(letter), copies=[_("CONCEPT, niet versturen")])


@transaction.atomic
def letter_correct(*, letter: Letter, by) -> Letter:
    """Start a correction: a new concept with the same content that refers to the final letter."""
    if not letter.is_final:
        raise RuleViolation(
            _("Een concept kunt u gewoon aanpassen; corrigeren kan alleen bij een definitieve brief.")
        )
    from incidents.models import Incident

    incident = Incident.objects.select_for_update().get(pk=letter.incident_id)
    new = Letter.objects.create(
        reference=_letter_reference(incident),
        kind=letter.kind,
        template_version=letter.template_version,
        incident=incident,
        measure=letter.measure,
        aggressor=letter.aggressor,
        signatory=letter.signatory,
        include_victim=letter.include_victim,
        details=letter.details,
        subject=letter.subject,
        body_html=letter.body_html,
        corrects=letter,
        created_by=by,
    )
    audit_log(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=new,
        description=texts.LETTER_CORRECTED(letter=letter.pk),
    )
    return new
