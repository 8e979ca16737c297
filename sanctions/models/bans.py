"""Access bans: in force computed from dates, the locations they cover, breaches."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.choices import ChoiceLabels
from gir.deadlines.arithmetic import end_of_local_day, start_of_local_day
from sanctions.constants import (
    BanPhase,
    Instruction,
    MeasureStatus,
    Receipt,
    ServiceMethod,
)
from sanctions.models.measures import Measure, in_managed_departments, local_today


def _in_force(today) -> Q:
    return Q(served_on__lte=today, measure__starts_on__lte=today, measure__ends_on__gte=today)


class BanQuerySet(models.QuerySet):
    def visible_to(self, user) -> BanQuerySet:
        """The one scoping function for bans in the register and on decision pages.

        The coordinator (register) and the mandated managers see every ban; a manager the bans
        for incidents of their departments. Reception uses ``in_force`` through its own view,
        which shows only name, photo, period, locations and instruction.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("sanctions.view_ban_register") or user.has_perm("sanctions.impose_ban"):
            return self
        if user.has_perm("sanctions.decide_measure"):
            return self.filter(in_managed_departments(user, "measures__ban"))
        return self.none()

    def served(self) -> BanQuerySet:
        return self.filter(served_on__isnull=False)

    def in_force(self, now: datetime | None = None) -> BanQuerySet:
        """Bans in force at ``now``: served, not revoked, and ``now`` within the local dates.

        Computed from dates at query time, so a ban leaves the reception list at the local
        midnight that ends its last day even when no scan has run.
        """
        return self.filter(_in_force(local_today(now))).exclude(measure__status=MeasureStatus.REVOKED)

    def upcoming(self, now: datetime | None = None) -> BanQuerySet:
        today = local_today(now)
        return self.exclude(measure__status=MeasureStatus.REVOKED).filter(
            Q(measure__starts_on__gt=today) | Q(served_on__isnull=True) | Q(served_on__gt=today),
            measure__ends_on__gte=today,
        )

    def ended(self, now: datetime | None = None) -> BanQuerySet:
        return self.exclude(measure__status=MeasureStatus.REVOKED).filter(
            measure__ends_on__lt=local_today(now)
        )

    def ending_within(self, now: datetime, within: timedelta) -> BanQuerySet:
        """Bans in force whose last day falls within ``within`` from ``now``."""
        return self.in_force(now).filter(measure__ends_on__lte=local_today(now + within))

    def register_counts(self, now: datetime, within: timedelta) -> dict[str, int]:
        """In force, of those ending within ``within``, and not yet served: one query."""
        in_force, last_day = _in_force(local_today(now)), local_today(now + within)
        return self.exclude(measure__status=MeasureStatus.REVOKED).aggregate(
            in_force=models.Count("pk", filter=in_force),
            ending_soon=models.Count("pk", filter=in_force & Q(measure__ends_on__lte=last_day)),
            not_served=models.Count("pk", filter=Q(served_on__isnull=True)),
        )

    def revoked(self) -> BanQuerySet:
        return self.filter(measure__status=MeasureStatus.REVOKED)


class Ban(ChoiceLabels, models.Model):
    """Toegangsverbod: a formal decision under mandate, in force only once it is served."""

    measure = models.OneToOneField(Measure, primary_key=True, on_delete=models.CASCADE)
    all_locations = models.BooleanField(_("alle gebouwen van de gemeente"), default=True)
    locations = models.ManyToManyField(
        "gir.Location", verbose_name=_("locaties"), through="BanLocation", related_name="+", blank=True
    )
    shorter_motivation = models.TextField(_("motivering voor een kortere duur"), blank=True)
    photo = models.ImageField(_("foto"), upload_to="bans/", blank=True)
    instruction = models.CharField(
        _("wat moet de receptie doen"),
        max_length=20,
        choices=Instruction.choices,
        default=Instruction.DO_NOT_SERVE,
    )
    instruction_text = models.CharField(_("aanvullende instructie"), max_length=300, blank=True)
    service_method = models.CharField(
        _("uitgereikt door"), max_length=20, choices=ServiceMethod.choices, blank=True
    )
    served_on = models.DateField(_("uitgereikt op"), null=True, blank=True)
    receipt = models.CharField(_("ontvangstbevestiging"), max_length=20, choices=Receipt.choices, blank=True)
    tracking_number = models.CharField(_("zending- of trackingnummer"), max_length=60, blank=True)
    served_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangsverbod")
        verbose_name_plural = _("toegangsverboden")
        indexes = [models.Index(fields=["served_on"])]

    def __str__(self) -> str:
        return self.measure.reference

    def phase(self, now: datetime | None = None) -> BanPhase:
        today = local_today(now)
        m = self.measure
        if m.status == MeasureStatus.REVOKED:
            return BanPhase.REVOKED
        if m.ends_on < today:
            return BanPhase.ENDED
        if self.served_on is None:
            return BanPhase.NOT_SERVED
        if max(self.served_on, m.starts_on) > today:
            return BanPhase.UPCOMING
        return BanPhase.IN_FORCE

    @property
    def in_force_from(self) -> datetime | None:
        """The instant the ban takes effect (local midnight), once it is served."""
        if self.served_on is None:
            return None
        return start_of_local_day(max(self.served_on, self.measure.starts_on))

    @property
    def in_force_until(self) -> datetime:
        """The instant the ban ends: the local midnight closing its end date."""
        return end_of_local_day(self.measure.ends_on)

    def location_names(self) -> list[str]:
        if self.all_locations:
            return [str(_("Alle gebouwen van de gemeente"))]
        return [str(link.location) for link in self.location_links.all()]


class BanLocation(models.Model):
    """One location a ban covers, with the ban's person and period copied in.

    The copies exist for the database rule "no two overlapping bans in force for one person
    and location": on PostgreSQL an exclusion constraint (migration 0002) refuses them; the
    service keeps the copies in step when a ban is extended or revoked.
    """

    ban = models.ForeignKey(Ban, on_delete=models.CASCADE, related_name="location_links")
    location = models.ForeignKey("gir.Location", on_delete=models.PROTECT, related_name="+")
    aggressor = models.ForeignKey("incidents.Aggressor", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField()
    end_date = models.DateField()
    is_revoked = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ban", "location"], name="ban_location_unique")]
        indexes = [models.Index(fields=["aggressor", "location"])]


class BanBreach(models.Model):
    """A banned person came in anyway: registered by anyone, becomes a new incident."""

    ban = models.ForeignKey(Ban, on_delete=models.PROTECT, related_name="breaches")
    occurred_at = models.DateTimeField(_("wanneer"))
    location = models.ForeignKey(
        "gir.Location",
        verbose_name=_("waar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(_("plek in het gebouw"), max_length=200, blank=True)
    description = models.TextField(_("wat is er gebeurd"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    incident = models.OneToOneField(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="ban_breach"
    )
    submission_token = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("overtreding toegangsverbod")
        verbose_name_plural = _("overtredingen toegangsverbod")
        ordering = ["-occurred_at"]
