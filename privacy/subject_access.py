"""Subject-access export (AVG art. 15): everything GIR stores about one aggressor, and nothing
about anyone else.

Structured data about other people (employees, other aggressors) is left out by construction;
free text written by employees is included because it is about the subject, with the names of
every other person GIR knows in that context replaced by "[naam]".
"""

from __future__ import annotations

import base64
import re

from django.contrib.auth import get_user_model
from django.utils import timezone

from incidents.models import Aggressor, Incident, Involvement
from letters.models import Letter
from sanctions.models import BanBreach, Measure

REDACTED = "[naam]"


def _local(instant) -> str | None:
    return timezone.localtime(instant).isoformat() if instant else None


def _user_names(user) -> list[str]:
    return [user.first_name, user.last_name, user.get_full_name(), user.username]


def _other_names(aggressor: Aggressor, incidents) -> list[str]:
    """Names of everyone else connected to this person's file, longest first.

    Employees who reported or were involved in the incidents, who decided the person's
    measures or registered a breach of their ban, people named without an account, and
    other aggressors of the same incidents.
    """
    staff_ids = {
        *Involvement.objects.filter(incident__in=incidents, user__isnull=False).values_list(
            "user_id", flat=True
        ),
        *incidents.values_list("reporter_id", flat=True),
        *Measure.objects.filter(aggressor=aggressor).values_list("decided_by_id", flat=True),
        *BanBreach.objects.filter(ban__measure__aggressor=aggressor).values_list(
            "registered_by_id", flat=True
        ),
    }
    names: set[str] = set()
    for user in get_user_model().objects.filter(pk__in=staff_ids):
        names.update(_user_names(user))
    names.update(Involvement.objects.filter(incident__in=incidents).values_list("name", flat=True))
    others = (
        Aggressor.objects.filter(incident_links__incident__in=incidents).exclude(pk=aggressor.pk).distinct()
    )
    for other in others:
        names.update([other.first_name, other.last_name, other.display_name])
    own = {aggressor.first_name, aggressor.last_name}
    return sorted((n for n in names if n and len(n) > 1 and n not in own), key=len, reverse=True)


def _redactor(names: list[str]):
    if not names:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    return lambda text: pattern.sub(REDACTED, text or "")


def _person(aggressor: Aggressor) -> dict:
    photo = None
    if aggressor.photo:
        with aggressor.photo.open("rb") as handle:
            photo = base64.b64encode(handle.read()).decode()
    return {
        "voornaam": aggressor.first_name,
        "voorletters": aggressor.initials,
        "achternaam": aggressor.last_name,
        "geboortedatum": aggressor.date_of_birth.isoformat() if aggressor.date_of_birth else None,
        "adres": aggressor.address_lines,
        "klantnummer": aggressor.client_number,
        "signalement": aggressor.description,
        "foto_base64": photo,
        "vastgelegd_op": _local(aggressor.created_at),
    }


def _incidents(incidents, redact) -> list[dict]:
    rows = []
    for incident in incidents.prefetch_related("forms"):
        rows.append(
            {
                "kenmerk": incident.reference,
                "datum": _local(incident.occurred_at),
                "soort_plek": incident.get_location_type_display(),
                "vormen": [str(label) for label in incident.get_form_labels()],
                "wat_er_gebeurde": redact(incident.description),
                "aanleiding": redact(incident.trigger),
            }
        )
    return rows


def _measures(aggressor: Aggressor, redact) -> list[dict]:
    rows = []
    measures = (
        Measure.objects.filter(aggressor=aggressor)
        .select_related("ban", "contactcondition", "policereport", "damageclaim")
        .prefetch_related("ban__locations", "ban__breaches", "damageclaim__items", "damageclaim__payments")
    )
    for measure in measures:
        row = {
            "soort": measure.get_type_display(),
            "besloten_op": _local(measure.decided_at),
            "reden": redact(measure.reason),
            "ingang": str(measure.starts_on or ""),
            "einde": str(measure.ends_on or ""),
            "status": measure.get_status_display(),
        }
        row.update(_measure_details(measure, redact))
        rows.append(row)
    return rows


def _measure_details(measure, redact) -> dict:
    details = {}
    ban = getattr(measure, "ban", None)
    if ban is not None:
        details["toegangsverbod"] = {
            "alle_gebouwen": ban.all_locations,
            "locaties": [str(loc) for loc in ban.locations.all()],
            "uitgereikt_op": str(ban.served_on or ""),
            "overtredingen": [
                {"wanneer": _local(b.occurred_at), "wat": redact(b.description)} for b in ban.breaches.all()
            ],
        }
    condition = getattr(measure, "contactcondition", None)
    if condition is not None:
        details["contact_op_voorwaarden"] = {
            "alleen_op_afspraak": condition.appointment_only,
            "alleen_per_brief": condition.letter_only,
            "geen_telefoon": condition.no_phone,
        }
    report = getattr(measure, "policereport", None)
    if report is not None:
        details["politie"] = {
            "datum": str(report.reported_on),
            "registratienummer": report.police_number,
            "uitkomst": report.get_outcome_display() if report.outcome else "",
        }
    claim = getattr(measure, "damageclaim", None)
    if claim is not None:
        details["schadeverhaal"] = {
            "datum": str(claim.claim_date),
            "posten": [{"omschrijving": i.description, "bedrag": str(i.amount)} for i in claim.items.all()],
            "betalingen": [{"datum": str(p.paid_on), "bedrag": str(p.amount)} for p in claim.payments.all()],
        }
    return details


def _letters(aggressor: Aggressor) -> list[dict]:
    letters = Letter.objects.filter(aggressor=aggressor, finalised_at__isnull=False).order_by("finalised_at")
    return [
        {
            "kenmerk": letter.reference,
            "soort": letter.get_kind_display(),
            "onderwerp": letter.subject,
            "datum": _local(letter.finalised_at),
            "inhoud_html": letter.final_html,
        }
        for letter in letters
    ]


def build_export(aggressor: Aggressor) -> dict:
    incidents = (
        Incident.objects.filter(aggressor_links__aggressor=aggressor).distinct().order_by("occurred_at")
    )
    redact = _redactor(_other_names(aggressor, incidents))
    return {
        "toelichting": (
            "Overzicht van alle gegevens die de gemeente in GIR over u heeft vastgelegd. "
            "Namen van andere personen zijn weggelaten."
        ),
        "opgemaakt_op": _local(timezone.now()),
        "persoon": _person(aggressor),
        "incidenten": _incidents(incidents, redact),
        "maatregelen": _measures(aggressor, redact),
        "brieven": _letters(aggressor),
    }
