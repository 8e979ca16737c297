"""A manager asks a mandated manager to impose an access ban: a task in that person's inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BanRequestQuerySet(models.QuerySet):
    def open(self) -> BanRequestQuerySet:
        return self.filter(closed_at__isnull=True)


class BanRequest(models.Model):
    """Open until a ban is decided for the person, or the mandated manager declines it."""

    aggressor = models.ForeignKey(
        "incidents.Aggressor", verbose_name=_("dader"), on_delete=models.PROTECT, related_name="ban_requests"
    )
    incidents = models.ManyToManyField("incidents.Incident", related_name="ban_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gevraagd door"), on_delete=models.PROTECT, related_name="+"
    )
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemandateerde"),
        on_delete=models.PROTECT,
        related_name="ban_requests_received",
    )
    note = models.TextField(_("toelichting"), blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    measure = models.ForeignKey(
        "sanctions.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    decline_reason = models.TextField(_("waarom geen toegangsverbod"), blank=True)

    objects = BanRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek om toegangsverbod")
        verbose_name_plural = _("verzoeken om toegangsverbod")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["addressed_to", "closed_at"], name="banrequest_addressed_idx")]

    def __str__(self) -> str:
        return f"V-{self.pk:05d}"
