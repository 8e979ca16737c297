"""Choices of the measures against the aggressor (DESIGN.md step 3) and the status table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureType(models.TextChoices):
    VERBAL_WARNING = "mondelinge_waarschuwing", _("Mondelinge waarschuwing")
    WRITTEN_WARNING = "schriftelijke_waarschuwing", _("Schriftelijke waarschuwing")
    ORDEGESPREK = "ordegesprek", _("Ordegesprek")
    CONTACT_CONDITIONS = "contact_op_voorwaarden", _("Contact op voorwaarden")
    BAN = "toegangsverbod", _("Toegangsverbod")
    POLICE_NOTICE = "melding_politie", _("Melding bij de politie")
    AANGIFTE = "aangifte", _("Aangifte bij de politie")
    DAMAGE_CLAIM = "schadeverhaal", _("Schadeverhaal")
    STREET_BAN = "straatverbod", _("Straatverbod (via de rechter)")
    OTHER = "overig", _("Andere maatregel")


# Types whose decision has a period (start and end date).
PERIOD_TYPES = {MeasureType.CONTACT_CONDITIONS, MeasureType.BAN, MeasureType.STREET_BAN}
POLICE_TYPES = {MeasureType.POLICE_NOTICE, MeasureType.AANGIFTE}


class MeasureStatus(models.TextChoices):
    DECIDED = "besloten", _("Besloten")
    DONE = "uitgevoerd", _("Uitgevoerd")
    REVOKED = "ingetrokken", _("Ingetrokken")


# Allowed status changes; each change appends a MeasureEvent row.
TRANSITIONS = {
    MeasureStatus.DECIDED: {MeasureStatus.DONE, MeasureStatus.REVOKED},
    MeasureStatus.DONE: {MeasureStatus.REVOKED},
    MeasureStatus.REVOKED: set(),
}


class EventKind(models.TextChoices):
    DECIDED = "besloten", _("Besluit genomen")
    SERVED = "uitgereikt", _("Toegangsverbod uitgereikt")
    RESCHEDULED = "verplaatst", _("Ordegesprek verplaatst")
    HELD = "gehouden", _("Ordegesprek gehouden")
    NO_SHOW = "niet_verschenen", _("Niet verschenen op het ordegesprek")
    EXTENDED = "verlengd", _("Verlengd")
    REVOKED = "ingetrokken", _("Ingetrokken")
    REVIEWED = "beoordeeld", _("Beoordeeld")
    BREACH = "overtreding", _("Overtreding geregistreerd")
    OUTCOME = "uitkomst", _("Uitkomst politie vastgelegd")
    PAYMENT = "betaling", _("Betaling ontvangen")
    CLAIM_STATUS = "status_vordering", _("Status vordering gewijzigd")
    PHOTO = "foto", _("Foto toegevoegd of vervangen")


class Attendance(models.TextChoices):
    ATTENDED = "verschenen", _("Verschenen")
    NO_SHOW = "niet_verschenen", _("Niet verschenen")


class Instruction(models.TextChoices):
    DO_NOT_SERVE = "niet_helpen", _("Niet te woord staan, vragen het gebouw te verlaten")
    CALL_SECURITY = "beveiliging", _("Beveiliging waarschuwen")
    CALL_POLICE = "politie", _("Politie bellen (112 bij gevaar)")


class ServiceMethod(models.TextChoices):
    IN_PERSON = "persoonlijk", _("Persoonlijk overhandigd")
    REGISTERED_MAIL = "aangetekend", _("Aangetekend verstuurd")


class Receipt(models.TextChoices):
    SIGNED = "getekend", _("Ontvangst getekend")
    REFUSED = "geweigerd", _("Tekenen voor ontvangst geweigerd")


class ReportedBy(models.TextChoices):
    EMPLOYER = "werkgever", _("De gemeente als werkgever")
    EMPLOYEE = "werknemer", _("De medewerker")
    BOTH = "beide", _("De gemeente en de medewerker samen")


class PoliceOutcome(models.TextChoices):
    UNKNOWN = "onbekend", _("Nog niet bekend")
    NOT_PURSUED = "niet_in_behandeling", _("Niet in behandeling genomen")
    SEPOT = "sepot", _("Sepot (geen vervolging)")
    PENALTY_ORDER = "strafbeschikking", _("Strafbeschikking of transactie")
    PROSECUTION = "vervolging", _("Vervolging ingesteld")
    CONVICTION = "veroordeling", _("Veroordeling")
    ACQUITTAL = "vrijspraak", _("Vrijspraak")


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PARTLY_PAID = "deels_betaald", _("Deels betaald")
    PAID = "betaald", _("Betaald")
    UNCOLLECTABLE = "oninbaar", _("Oninbaar")


class BanPhase(models.TextChoices):
    """Derived from dates at query time; never stored (DESIGN.md invariants)."""

    NOT_SERVED = "niet_uitgereikt", _("Nog niet uitgereikt")
    UPCOMING = "komt_nog", _("Gaat nog in")
    IN_FORCE = "van_kracht", _("Van kracht")
    ENDED = "afgelopen", _("Afgelopen")
    REVOKED = "ingetrokken", _("Ingetrokken")


# Deadline kinds this app opens through gir.deadlines.
DEADLINE_ORDEGESPREK = "ordegesprek"
DEADLINE_BAN_SERVE = "ban_serve"
DEADLINE_BAN_REVIEW = "ban_review"
DEADLINE_BAN_END = "ban_end"
DEADLINE_BREACH_AANGIFTE = "ban_breach_aangifte"
DEADLINE_BAN_REQUEST = "ban_request"
