"""Subject-access export (AVG art. 15): everything GIR stores about one aggressor, and nothing
about anyone else.

Structured data about other people (employees, victims, other aggressors) is left out by
construction; every free text is included because it is about the subject, with every other
person's name removed (``redact.redactor_for``: whole words, all users, named people,
signatories and other aggressors). Health data of employees (injuries, aftercare) is not about
the subject and is not included.
"""

from __future__ import annotations

import base64
import html
import re

from django.utils import timezone

from incidents.models import Aggressor, Incident
from letters.models import Letter
from privacy.subject_access.consultations import consultations
from privacy.subject_access.redact import redactor_for
from sanctions.models import Measure


def _local(instant) -> str | None:
    return timezone.localtime(instant).isoformat() if instant else None


def _file_base64(field) -> str | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return base64.b64encode(handle.read()).decode()


def _html_text(markup: str) -> str:
    """A letter's HTML as plain text with paragraphs kept (for redaction and the PDF)."""
    markup = re.sub(r"<(style|script|head)\b.*?</\1>", "", markup or "", flags=re.I | re.S)
    text = re.sub(r"<(br|/p|/div|/li|/h\d|/tr)[^>]*>", "\n", markup, flags=re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def _person(aggressor: Aggressor, redact) -> dict:
    return {
        "voornaam": aggressor.first_name,
        "voorletters": aggressor.initials,
        "achternaam": aggressor.last_name,
        "geboortedatum": aggressor.date_of_birth.isoformat() if aggressor.date_of_birth else None,
        "adres": aggressor.address_lines,
        "klantnummer": aggressor.client_number,
        "signalement": redact(aggressor.description),
        "foto_base64": _file_base64(aggressor.photo),
        "vastgelegd_op": _local(aggressor.created_at),
    }


def _incidents(incidents, redact) -> list[dict]:
    rows = []
    for incident in incidents.select_related("location").prefetch_related("forms"):
        rows.append(
            {
                "kenmerk": incident.reference,
                "datum": _local(incident.occurred_at),
                "soort_plek": incident.get_location_type_display(),
                "plek": redact(incident.place),
                "locatie": str(incident.location) if incident.location_id else "",
                "vormen": [str(label) for label in incident.get_form_labels()],
                "soort_agressie": incident.get_aggression_kind_display() if incident.aggression_kind else "",
                # The reporter may have named more than one person here: only the subject's name stays.
                "naam_volgens_melder": redact(incident.aggressor_name),
                "wat_er_gebeurde": redact(incident.description),
                "waarmee": redact(incident.means),
                "op_welke_manier": redact(incident.manner),
                "waarom": redact(incident.motive),
                "aanleiding": redact(incident.trigger),
                "schade_aan_spullen_gemeente": incident.municipal_damage,
                "schadebedrag_gemeente": str(incident.municipal_damage_amount or ""),
                "schade_omschrijving": redact(incident.damage_description),
                "politie_geroepen": incident.police_called,
            }
        )
    return rows


def _measures(aggressor: Aggressor, redact) -> list[dict]:
    rows = []
    measures = (
        Measure.objects.filter(aggressor=aggressor)
        .select_related("ban", "ordegesprek", "contactcondition", "policereport", "damageclaim")
        .prefetch_related("ban__locations", "ban__breaches", "damageclaim__items", "damageclaim__payments")
    )
    for measure in measures:
        row = {
            "soort": measure.get_type_display(),
            "besloten_op": _local(measure.decided_at),
            "reden": redact(measure.reason),
            "omschrijving": redact(measure.description),
            "ingang": str(measure.starts_on or ""),
            "einde": str(measure.ends_on or ""),
            "status": measure.get_status_display(),
        }
        row.update(_measure_details(measure, redact))
        rows.append(row)
    return rows


def _measure_details(measure, redact) -> dict:
    details = {}
    talk = getattr(measure, "ordegesprek", None)
    if talk is not None:
        details["ordegesprek"] = {
            "gepland_op": _local(talk.planned_at),
            "plaats": redact(talk.place),
            "wie_erbij": redact(talk.attendees),
            "aanwezig": talk.get_attendance_display() if talk.attendance else "",
            "uitkomst": redact(talk.outcome),
            "afspraken": redact(talk.agreements),
        }
    ban = getattr(measure, "ban", None)
    if ban is not None:
        details["toegangsverbod"] = _ban(ban, redact)
    condition = getattr(measure, "contactcondition", None)
    if condition is not None:
        details["contact_op_voorwaarden"] = {
            "alleen_op_afspraak": condition.appointment_only,
            "alleen_per_brief": condition.letter_only,
            "geen_telefoon": condition.no_phone,
            "vaste_contactpersoon": redact(condition.contact_person),
            "zaakwaarnemer": redact(condition.representative),
        }
    report = getattr(measure, "policereport", None)
    if report is not None:
        details["politie"] = {
            "datum": str(report.reported_on),
            "door": report.get_reported_by_display(),
            "registratienummer": report.police_number,
            "uitkomst": report.get_outcome_display() if report.outcome else "",
            "uitkomst_op": str(report.outcome_on or ""),
            "toelichting_uitkomst": redact(report.outcome_note),
        }
    claim = getattr(measure, "damageclaim", None)
    if claim is not None:
        details["schadeverhaal"] = {
            "datum": str(claim.claim_date),
            "stand": claim.get_status_display(),
            "posten": [
                {"omschrijving": redact(i.description), "bedrag": str(i.amount)} for i in claim.items.all()
            ],
            "betalingen": [{"datum": str(p.paid_on), "bedrag": str(p.amount)} for p in claim.payments.all()],
        }
    return details


def _ban(ban, redact) -> dict:
    return {
        "alle_gebouwen": ban.all_locations,
        "locaties": [str(loc) for loc in ban.locations.all()],
        "motivering_kortere_duur": redact(ban.shorter_motivation),
        "instructie_receptie": ban.get_instruction_display(),
        "aanvullende_instructie": redact(ban.instruction_text),
        "uitgereikt_op": str(ban.served_on or ""),
        "uitgereikt_door": ban.get_service_method_display() if ban.service_method else "",
        "ontvangstbevestiging": ban.get_receipt_display() if ban.receipt else "",
        "zendingnummer": ban.tracking_number,
        "foto_base64": _file_base64(ban.photo),
        "overtredingen": [
            {
                "wanneer": _local(b.occurred_at),
                "locatie": str(b.location) if b.location_id else "",
                "plek": redact(b.place),
                "wat": redact(b.description),
            }
            for b in ban.breaches.select_related("location")
        ],
    }


def _letters(aggressor: Aggressor, redact) -> list[dict]:
    letters = Letter.objects.filter(aggressor=aggressor, finalised_at__isnull=False).order_by("finalised_at")
    return [
        {
            "kenmerk": letter.reference,
            "soort": letter.get_kind_display(),
            "onderwerp": redact(letter.subject),
            "datum": _local(letter.finalised_at),
            "inhoud": redact(_html_text(letter.final_html)),
        }
        for letter in letters
    ]


def build_export(aggressor: Aggressor) -> dict:
    incidents = (
        Incident.objects.filter(aggressor_links__aggressor=aggressor).distinct().order_by("occurred_at")
    )
    redact = redactor_for(aggressor)
    return {
        "toelichting": (
            "Overzicht van alle gegevens die de gemeente in GIR over u heeft vastgelegd. "
            "Namen van andere personen zijn weggelaten."
        ),
        "opgemaakt_op": _local(timezone.now()),
        "persoon": _person(aggressor, redact),
        "incidenten": _incidents(incidents, redact),
        "maatregelen": _measures(aggressor, redact),
        "brieven": _letters(aggressor, redact),
        "raadplegingen": consultations(aggressor),
    }
