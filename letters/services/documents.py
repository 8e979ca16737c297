"""The merge context of a letter and the letter as one HTML document (letterhead, address,
reference, date, subject, body, signature, privacy notice)."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gir.models import Organisation, Signatory
from gir.pdf import image_data_uri
from letters import merge_fields as mf
from letters.models import Letter
from letters.sanitize import clean_html
from letters.templating import render_restricted

LOGO_MAX_BYTES = 512 * 1024


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
        if path in mf.DETAIL_PATHS or path in mf.MEASURE_PATHS:
            flat[path] = mf.parse_detail(path, raw)
    return flat


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
        "logo": image_data_uri(org.logo, LOGO_MAX_BYTES),
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


def letter_document(letter: Letter, *, letter_date: date | None = None) -> str:
    letter_date = letter_date or timezone.localdate()
    flat = letter_flat(
        incident=letter.incident,
        aggressor=letter.aggressor,
        signatory=letter.signatory,
        include_victim=letter.include_victim,
        details=letter.details,
        reference=letter.reference,
        letter_date=letter_date,
    )
    return render_document(
        flat=flat,
        subject=letter.subject,
        body_html=letter.body_html,
        signatory_is_mayor=letter.signatory.is_mayor,
        letter_date=letter_date,
    )
