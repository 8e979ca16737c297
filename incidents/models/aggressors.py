"""Aggressors: one record per person, linked to the incidents they were involved in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.models.incidents import Incident


class AggressorQuerySet(models.QuerySet):
    def visible_to(self, user) -> AggressorQuerySet:
        """The one scoping function for aggressors.

        Coordinator (all incidents): every person. A manager: persons linked to an incident
        of their departments. Others: none (an employee never sees aggressor records).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("incidents.view_all_incidents"):
            return self
        if not user.has_perm("incidents.search_aggressors"):
            return self.none()
        links = IncidentAggressor.objects.filter(
            aggressor=OuterRef("pk"), incident__department_id__in=user.managed_department_ids()
        )
        return self.filter(Exists(links))

    def active(self) -> AggressorQuerySet:
        return self.filter(anonymised_at__isnull=True)

    def matching(self, user, *, last_name: str, date_of_birth) -> AggressorQuerySet:
        """Persons a user may link to an incident although they cannot see them yet.

        Need to know versus duplicates: someone who may search aggressors finds a person
        recorded by another department only by typing the exact last name AND date of birth
        (which they must already know). Everything else goes through ``visible_to``.
        """
        if (
            not user.is_authenticated
            or not user.is_active
            or not user.has_perm("incidents.search_aggressors")
        ):
            return self.none()
        if not last_name or date_of_birth is None:
            return self.none()
        return self.active().filter(last_name__iexact=last_name.strip(), date_of_birth=date_of_birth)


class Aggressor(models.Model):
    """A person who showed aggression; one record per person so repeat incidents link up."""

    last_name = models.CharField(_("achternaam"), max_length=120, blank=True)
    initials = models.CharField(_("voorletters"), max_length=20, blank=True)
    first_name = models.CharField(_("voornaam"), max_length=80, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=150, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    client_number = models.CharField(_("klantnummer of BSN-loos kenmerk"), max_length=40, blank=True)
    description = models.TextField(
        _("signalement"), blank=True, help_text=_("Voor als de naam niet bekend is.")
    )
    photo = models.ImageField(_("foto"), upload_to="aggressors/", blank=True)
    is_identified = models.BooleanField(_("identiteit bekend"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = AggressorQuerySet.as_manager()

    class Meta:
        verbose_name = _("dader")
        verbose_name_plural = _("daders")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "date_of_birth"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=True) | Q(date_of_birth__gte="1900-01-01"),
                name="aggressor_plausible_birth_date",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in [self.first_name or self.initials, self.last_name] if p)
        return name or str(_("Onbekende dader (#%(pk)s)") % {"pk": self.pk})

    @property
    def address_lines(self) -> list[str]:
        return [line for line in [self.street, f"{self.postal_code} {self.city}".strip()] if line]


class IncidentAggressor(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="aggressor_links")
    aggressor = models.ForeignKey(Aggressor, on_delete=models.PROTECT, related_name="incident_links")
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "aggressor"], name="incident_aggressor_unique")
        ]
