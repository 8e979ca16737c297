"""Melding or aangifte at the police, and damage claims with their items and payments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from sanctions.constants import (
    ClaimStatus,
    PoliceOutcome,
    ReportedBy,
)
from sanctions.models.measures import Measure


class PoliceReport(models.Model):
    """Melding or aangifte at the police, made with the municipality's address."""

    measure = models.OneToOneField(Measure, primary_key=True, on_delete=models.CASCADE)
    reported_by = models.CharField(_("gedaan door"), max_length=20, choices=ReportedBy.choices)
    reported_on = models.DateField(_("datum melding of aangifte"))
    vpt = models.BooleanField(_("VPT-code gebruikt (Veilige Publieke Taak)"), default=True)
    address_used = models.TextField(_("gebruikt adres"))
    police_number = models.CharField(_("registratienummer politie"), max_length=60, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=30, choices=PoliceOutcome.choices, default=PoliceOutcome.UNKNOWN
    )
    outcome_on = models.DateField(_("datum uitkomst"), null=True, blank=True)
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)

    class Meta:
        verbose_name = _("melding of aangifte")
        verbose_name_plural = _("meldingen en aangiftes")


class DamageClaim(models.Model):
    """Schadeverhaal: what is claimed from the aggressor and what has been paid."""

    measure = models.OneToOneField(Measure, primary_key=True, on_delete=models.CASCADE)
    claim_date = models.DateField(_("datum vordering"))
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.OPEN
    )

    class Meta:
        verbose_name = _("schadeverhaal")
        verbose_name_plural = _("schadeverhaal")

    @property
    def total(self) -> Decimal:
        return self.items.aggregate(s=Sum("amount"))["s"] or Decimal("0")

    @property
    def paid(self) -> Decimal:
        return self.payments.aggregate(s=Sum("amount"))["s"] or Decimal("0")

    @property
    def outstanding(self) -> Decimal:
        return self.total - self.paid


class DamageItem(models.Model):
    claim = models.ForeignKey(DamageClaim, on_delete=models.CASCADE, related_name="items")
    description = models.CharField(_("omschrijving"), max_length=200)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="damage_item_positive")]


class DamagePayment(models.Model):
    claim = models.ForeignKey(DamageClaim, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField(_("ontvangen op"))
    amount = models.DecimalField(_("bedrag (€)"), max_digits=10, decimal_places=2)
    note = models.CharField(_("opmerking"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="damage_payment_positive")]
