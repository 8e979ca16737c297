"""Data classes with a retention period (AVG art. 5(1)(e): no longer than necessary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataClass(models.TextChoices):
    INCIDENT_DETAILS = "incident_details", _("Beschrijvingen en bewijs van afgehandelde incidenten")
    AGGRESSOR = "aggressor", _("Persoonsgegevens van daders")
    AFTERCARE_NOTES = "aftercare_notes", _("Vertrouwelijke nazorgnotities")
    NOTIFICATIONS = "notifications", _("Berichten aan gebruikers")
    AUDIT_LOG = "audit_log", _("Auditlog: wie welke gegevens zag of wijzigde")


DEFAULT_DAYS = {
    DataClass.INCIDENT_DETAILS: 5 * 365,
    DataClass.AGGRESSOR: 5 * 365,
    DataClass.AFTERCARE_NOTES: 2 * 365,
    DataClass.NOTIFICATIONS: 365,
    DataClass.AUDIT_LOG: 3 * 365,
}

# The sweep never removes audit entries younger than a year (gir.audit.AUDIT_MIN_DAYS), so the
# setting cannot go below it either.
AUDIT_LOG_MIN_DAYS = 365
MIN_DAYS = {DataClass.AUDIT_LOG: AUDIT_LOG_MIN_DAYS}

HELP = {
    DataClass.INCIDENT_DETAILS: _(
        "Na afhandeling van een incident. Daarna worden vrije tekst en bewijsstukken gewist; "
        "de cijfers voor rapportages blijven."
    ),
    DataClass.AGGRESSOR: _(
        "Na het laatste incident, de laatste maatregel of het einde van het laatste toegangsverbod. "
        "Daarna worden naam, geboortedatum, adres en foto gewist."
    ),
    DataClass.AFTERCARE_NOTES: _(
        "Na het afsluiten van het nazorgdossier. Daarna worden de notities verwijderd."
    ),
    DataClass.NOTIFICATIONS: _("Na het versturen van het bericht."),
    DataClass.AUDIT_LOG: _(
        "Na het moment van inzien of wijzigen. Minimaal een jaar, zodat u later nog kunt nagaan wie wat deed."
    ),
}

ERASED = "[gewist na bewaartermijn]"

# Swept too, but not a setting: files accepted for a form that was never sent (kept one day).
PENDING_UPLOADS = "pending_uploads"

# What the retention page calls each count of a sweep (``RetentionRun.counts``).
SWEPT_LABELS = {
    **dict(DataClass.choices),
    PENDING_UPLOADS: _("Bijlagen van formulieren die nooit zijn verstuurd"),
}
