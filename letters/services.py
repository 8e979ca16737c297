"""Writes of the letters app: template versions, letters (concept → final), dispatches.

Each service runs in one transaction. A final letter is never changed by any of them; a
correction is a new concept pointing at the old letter (``letter_correct``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import uuid
from datetime import date, datetime
from typing import Any

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gir.audit import audit_log
from gir.deadlines import deadline_close
from gir.models import AuditEntry, Organisation, Signatory
from letters import merge_fields as mf
from letters.constants import REACTION_DEADLINE, Copy, LetterStatus
from letters.models import FINAL_LETTER_MESSAGE, Dispatch, Letter, LetterTemplate, LetterTemplateVersion
from letters.pdf import render_pdf
from letters.sanitize import clean_html
from letters.templating import render_restricted, validate_template

LOGO_MAX_BYTES = 512 * 1024


# --- Templates ----------------------------------------------------------------------------------


@transaction.atomic
def template_version_create(
    *, template: LetterTemplate, subject: str, body: str, note: str = "", by=None
) -> LetterTemplateVersion:
    """Add a new version of ``template`` after validating its restricted template language."""
    validate_template(subject)
    validate_template(body)
    locked = LetterTemplate.objects.select_for_update().get(pk=template.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = LetterTemplateVersion.objects.create(
        template=locked, number=last + 1, subject=subject, body=body, note=note, created_by=by
    )
    audit_log(
        actor=by, action=AuditEntry.Action.UPDATE, obj=locked, description=f"template v{version.number}"
    )
    return version


def template_defaults_install() -> int:
    """Install GIR's default template for each kind that has none (as migration 0003 does).

    For a database whose migration data was flushed (transactional tests) and for the demo.
    Existing templates are left alone. Returns how many were installed.
    """
    from letters.defaults import DEFAULT_TEMPLATES

    installed = 0
    for default in DEFAULT_TEMPLATES:
        template, created = LetterTemplate.objects.get_or_create(
            code=str(default["code"]),
            defaults={"title": default["title"], "description": default["description"]},
        )
        if created or not template.versions.exists():
            template_version_create(
                template=template,
                subject=default["subject"],
                body=default["body"],
                note="Standaardtekst van GIR",
            )
            installed += 1
    return installed


# --- Context and document -----------------------------------------------------------------------


def organisation_flat(org: Organisation) -> dict[str, str]:
    visiting = [org.street, f"{org.postal_code} {org.city}".strip()]
    postal = [org.po_box or org.street, f"{org.postal_code} {org.city}".strip()]
    return {
        "organisatie.naam": org.name,
        "organisatie.adres": ", ".join(line for line in visiting if line),
        "organisatie.postadres": ", ".join(line for line in postal if line),
        "organisatie.telefoon": org.phone,
        "organisatie.email": org.email,
        "organisatie.website": org.website,
    }


def aggressor_name(aggressor) -> str:
    """Formal name for an address block: initials (or first name) and last name."""
    name = " ".join(p for p in [aggressor.initials or aggressor.first_name, aggressor.last_name] if p)
    return name or _("de heer of mevrouw")


def _incident_place(incident) -> str:
    # The location (a building or counter), never the free "place" text: it may be a home address.
    if incident.location_id:
        return str(incident.location)
    return incident.get_location_type_display()


def _victim(incident) -> tuple[str, str]:
    from incidents.constants import InvolvementRole

    victim = incident.involvements.filter(role=InvolvementRole.VICTIM).select_related("user").first()
    if victim is None:
        return "", ""
    name = victim.user.get_full_name() if victim.user_id else victim.name
    return name or str(victim), victim.function or (victim.user.job_title if victim.user_id else "")


def letter_flat(
    *,
    incident,
    aggressor,
    signatory: Signatory,
    include_victim: bool,
    details: dict[str, Any],
    reference: str,
    letter_date: date,
) -> dict[str, object]:
    """Every merge value of one letter, as a flat allowlisted mapping of plain values."""
    occurred = incident.occurred_at
    flat: dict[str, object] = {
        "dader.naam": aggressor_name(aggressor),
        "dader.straat": aggressor.street,
        "dader.postcode": aggressor.postal_code,
        "dader.woonplaats": aggressor.city,
        "dader.adres": "\n".join(aggressor.address_lines),
        "incident.kenmerk": incident.reference,
        "incident.datum": mf.local_date(occurred),
        "incident.tijd": mf.local_time(occurred),
        "incident.plek": _incident_place(incident),
        "afdeling.naam": incident.department.name,
        "ondertekenaar.naam": signatory.name,
        "ondertekenaar.functie": signatory.function,
        "brief.kenmerk": reference,
        "brief.datum": letter_date,
        "vandaag": timezone.localdate(),
        **organisation_flat(Organisation.get()),
    }
    if include_victim:
        flat["slachtoffer.naam"], flat["slachtoffer.functie"] = _victim(incident)
    for path, raw in details.items():
        if path in mf.DETAIL_PATHS or path in ("maatregel.soort",):
            flat[path] = mf.parse_detail(path, raw)
    return flat


def _logo_data_uri(org: Organisation) -> str:
    """The logo as a data URI: the PDF renderer fetches no files, not even our own uploads."""
    if not org.logo:
        return ""
    try:
        with org.logo.open("rb") as handle:
            data = handle.read(LOGO_MAX_BYTES + 1)
    except OSError:
        return ""
    if len(data) > LOGO_MAX_BYTES:
        return ""
    mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data[:3] == b"\xff\xd8\xff" else ""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}" if mime else ""


@functools.cache
def _letter_css_from(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _letter_css():
    # Inlined, so the stored HTML of a final letter is complete on its own. Our own file.
    return mark_safe(_letter_css_from(finders.find("letters/letter.css")))


def render_document(
    *, flat: dict[str, object], subject: str, body_html: str, signatory_is_mayor: bool, letter_date: date
) -> str:
    """The whole letter as one HTML document: letterhead, address, meta, body, signature, privacy."""
    org = Organisation.get()
    context = {
        "org": org,
        "org_lines": [
            line for line in [org.po_box or org.street, f"{org.postal_code} {org.city}".strip()] if line
        ],
        "logo": _logo_data_uri(org),
        "f": mf.to_context(flat),
        "address_lines": [line for line in str(flat.get("dader.adres", "")).split("\n") if line],
        "subject": subject,
        "body": mark_safe(clean_html(body_html)),
        "signatory_is_mayor": signatory_is_mayor,
        "municipality": org.name.removeprefix("Gemeente ").strip() or org.name,
        "letter_date": letter_date,
        "css": _letter_css(),
    }
    with translation.override("nl"):
        return render_to_string("letters/document.html", context)


def sample_document(version_subject: str, version_body: str) -> tuple[str, str]:
    """Subject and document HTML of a template rendered with fictional values (editor preview)."""
    flat = mf.sample_flat()
    subject = render_restricted(version_subject, mf.to_context(flat), html=False)
    body = render_restricted(version_body, mf.to_context(flat))
    html = render_document(
        flat=flat, subject=subject, body_html=body, signatory_is_mayor=True, letter_date=flat["brief.datum"]
    )
    return subject, html


def _letter_reference(incident) -> str:
    count = Letter.objects.filter(incident=incident).count()
    while True:
        count += 1
        reference = f"{incident.reference}/B{count}"
        if not Letter.objects.filter(reference=reference).exists():
            return reference


def letter_document(letter: Letter, *, letter_date: date | None = None) -> str:
    flat = letter_flat(
        incident=letter.incident,
        aggressor=letter.aggressor,
        signatory=letter.signatory,
        include_victim=letter.include_victim,
        details=letter.details,
        reference=letter.reference,
        letter_date=letter_date or timezone.localdate(),
    )
    return render_document(
        flat=flat,
        subject=letter.subject,
        body_html=letter.body_html,
        signatory_is_mayor=letter.signatory.is_mayor,
        letter_date=letter_date or timezone.localdate(),
    )


# --- Letters ------------------------------------------------------------------------------------


def _serialise(details: dict[str, Any]) -> dict[str, Any]:
    return {k: mf.serialise_detail(v) for k, v in details.items() if v not in (None, "")}


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
    if not locked_incident.aggressor_links.filter(aggressor=aggressor).exists():
        raise ValidationError(_("Deze persoon is niet als dader aan het incident gekoppeld."))
    template = LetterTemplate.objects.filter(code=kind).first()
    version = template.current_version if template else None
    if version is None:
        raise ValidationError(_("Er is nog geen sjabloon voor deze brief."))
    stored = _serialise(details or {})
    if measure is not None:
        stored.setdefault("maatregel.soort", measure.get_type_display())
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
    audit_log(actor=by, action=AuditEntry.Action.CREATE, obj=letter, description=f"letter {kind}")
    return letter


def _lock_concept(letter: Letter) -> Letter:
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.is_final:
        raise ValidationError(FINAL_LETTER_MESSAGE)
    return locked


@transaction.atomic
def letter_update_concept(
    *, letter: Letter, subject: str, body_html: str, signatory: Signatory, version: int, by
) -> Letter:
    """Save the manager's edits of a concept. Refused for a final letter or a stale form."""
    locked = _lock_concept(letter)
    if locked.version != version:
        raise ValidationError(
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
    audit_log(actor=by, action=AuditEntry.Action.UPDATE, obj=locked, description="letter concept edited")
    return locked


def _valid_copies(copies) -> list[str]:
    chosen = [c for c in Copy.values if c in set(copies)]
    if not chosen:
        raise ValidationError(_("Kies ten minste één exemplaar."))
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
    audit_log(actor=by, action=AuditEntry.Action.UPDATE, obj=locked, description="letter finalised")
    return locked


def letter_copies_pdf(letter: Letter, copies) -> bytes:
    """Extra copies of a final letter, rendered from its stored (unchangeable) HTML."""
    if not letter.is_final:
        raise ValidationError(_("Alleen van een definitieve brief kunt u exemplaren afdrukken."))
    return render_pdf(letter.final_html, copies=[str(Copy(c).label) for c in _valid_copies(copies)])


def letter_concept_pdf(letter: Letter) -> bytes:
    """A proof of a concept, marked as such on every page; never stored."""
    return render_pdf(letter_document(letter), copies=[_("CONCEPT, niet versturen")])


@transaction.atomic
def letter_correct(*, letter: Letter, by) -> Letter:
    """Start a correction: a new concept with the same content that refers to the final letter."""
    if not letter.is_final:
        raise ValidationError(
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
        actor=by, action=AuditEntry.Action.CREATE, obj=new, description=f"correction of letter {letter.pk}"
    )
    return new


# --- Dispatch -----------------------------------------------------------------------------------


@transaction.atomic
def dispatch_record(
    *,
    letter: Letter,
    method: str,
    dispatched_at: datetime,
    by,
    tracking_number: str = "",
    email: str = "",
    note: str = "",
) -> Dispatch:
    """Record how a final letter went out; the first dispatch meets the 48-hour norm.

    A letter to the aggressor that has gone out is the reaction the norm asks for, so the
    incident's ``incident_reaction`` deadline is closed here (a no-op when already closed).
    """
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if not locked.is_final:
        raise ValidationError(_("Maak de brief eerst definitief; een concept kan niet worden verzonden."))
    dispatch = Dispatch.objects.create(
        letter=locked,
        method=method,
        dispatched_at=dispatched_at,
        tracking_number=tracking_number.strip(),
        email=email.strip(),
        note=note.strip(),
        recorded_by=by,
    )
    deadline_close(
        kind=REACTION_DEADLINE,
        subject=locked.incident,
        by=by,
        note=f"Brief {locked.reference} verzonden",
        at=dispatched_at if dispatched_at <= timezone.now() else None,
    )
    audit_log(
        actor=by, action=AuditEntry.Action.CREATE, obj=dispatch, description=f"dispatch of letter {locked.pk}"
    )
    return dispatch
