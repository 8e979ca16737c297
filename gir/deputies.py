"""Deputy periods: a manager names who stands in for them during a set period (leave).

During the period the deputy sees and does what the manager would (scoping asks
``principal_ids``) and the manager's tasks and reminders go to the deputy (the deadline scan
asks ``stand_in`` at send time), so nothing has to be moved when a period starts or ends.
Periods are local calendar dates (Europe/Amsterdam), both included, like a ban's period.
See docs/adr/0010-handlers-and-deputies.md.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gir.errors import RuleViolation


def local_today(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now())


class DeputyPeriodQuerySet(models.QuerySet):
    def current(self, now: datetime | None = None) -> DeputyPeriodQuerySet:
        today = local_today(now)
        return self.filter(starts_on__lte=today, ends_on__gte=today, revoked_at__isnull=True)


class DeputyPeriod(models.Model):
    """``deputy`` stands in for ``manager`` from ``starts_on`` to ``ends_on`` (both included)."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_lazy("leidinggevende"),
        on_delete=models.CASCADE,
        related_name="deputy_periods",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_lazy("vervanger"),
        on_delete=models.CASCADE,
        related_name="deputising_periods",
    )
    starts_on = models.DateField(_lazy("van"))
    ends_on = models.DateField(_lazy("tot en met"))
    reason = models.CharField(_lazy("reden"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = DeputyPeriodQuerySet.as_manager()

    class Meta:
        app_label = "gir"
        verbose_name = _lazy("vervanging")
        verbose_name_plural = _lazy("vervangingen")
        ordering = ["starts_on", "pk"]
        permissions = [("name_deputy", _lazy("Een vervanger aanwijzen voor verlof"))]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="deputy_period_order"),
            models.CheckConstraint(condition=~Q(deputy=F("manager")), name="deputy_not_self"),
        ]
        indexes = [
            models.Index(fields=["deputy", "starts_on", "ends_on"], name="deputy_deputy_idx"),
            models.Index(fields=["manager", "starts_on", "ends_on"], name="deputy_manager_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} voor {self.manager} ({self.starts_on:%d-%m-%Y} t/m {self.ends_on:%d-%m-%Y})"


def deputised_ids(user, now: datetime | None = None) -> set[int]:
    """Managers ``user`` stands in for right now (cached on the instance for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if now is None and hasattr(user, "_deputised_ids"):
        return user._deputised_ids
    ids = set(DeputyPeriod.objects.current(now).filter(deputy=user).values_list("manager_id", flat=True))
    if now is None:
        user._deputised_ids = ids
    return ids


def principal_ids(user, now: datetime | None = None) -> set[int]:
    """The user and every manager they stand in for now: whose cases and tasks they act on."""
    return {user.pk, *deputised_ids(user, now)}


def stand_in(user, now: datetime | None = None):
    """Who receives ``user``'s tasks right now: their current deputy, or ``user`` themselves."""
    if user is None:
        return None
    period = (
        DeputyPeriod.objects.current(now)
        .filter(manager=user, deputy__is_active=True)
        .select_related("deputy")
    )
    found = period.order_by("-starts_on", "-pk").first()
    return found.deputy if found is not None else user


def stand_in_for_case(user, incident_id: int | None, now: datetime | None = None):
    """Who receives ``user``'s work on one case now: their deputy, except on a case the deputy
    is personally part of (reporter, victim, witness). That stays with ``user``: nobody handles
    their own case, and what is not done in time escalates to the coordinator as usual."""
    from gir.registry import personal_case_ids

    deputy = stand_in(user, now)
    if deputy is None or deputy.pk == user.pk or incident_id is None:
        return deputy
    return user if incident_id in personal_case_ids(deputy) else deputy


@transaction.atomic
def deputy_period_add(
    *, manager, deputy, starts_on: date, ends_on: date, reason: str = "", by
) -> DeputyPeriod:
    """Name ``deputy`` for ``manager`` during a period. The deputy must be able to manage cases."""
    if deputy.pk == manager.pk:
        raise RuleViolation(_("U kunt uzelf niet als vervanger kiezen."), field="deputy")
    if not (deputy.is_active and deputy.has_perm("gir.name_deputy")):
        raise RuleViolation(_("Kies een leidinggevende als vervanger."), field="deputy")
    if ends_on < starts_on:
        raise RuleViolation(_("De einddatum ligt voor de begindatum."), field="ends_on")
    if ends_on < local_today():
        raise RuleViolation(_("Deze periode is al voorbij."), field="ends_on")
    overlap = DeputyPeriod.objects.filter(
        manager=manager, revoked_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlap.exists():
        raise RuleViolation(_("U heeft in deze periode al een vervanger. Beëindig die eerst."))
    return DeputyPeriod.objects.create(
        manager=manager, deputy=deputy, starts_on=starts_on, ends_on=ends_on, reason=reason, created_by=by
    )


@transaction.atomic
def deputy_period_end(*, period: DeputyPeriod, by) -> DeputyPeriod:
    """Stop a period early (the manager is back); the record stays for the history."""
    period = DeputyPeriod.objects.select_for_update().get(pk=period.pk)
    if period.revoked_at is None:
        period.revoked_at = timezone.now()
        period.save(update_fields=["revoked_at"])
    return period
