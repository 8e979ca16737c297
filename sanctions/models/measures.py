"""Decisions and their history, the ordegesprek and contact on conditions."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.deadlines.arithmetic import LOCAL_TZ
from gir.history import AppendOnlyModel
from sanctions.constants import (
    Attendance,
    EventKind,
    MeasureStatus,
    MeasureType,
)


def local_today(now: datetime | None = None) -> date:
    """The Europe/Amsterdam calendar date of ``now``.

    ``start_of_local_day(d) <= now < end_of_local_day(d)`` holds for the returned ``d``, so a
    ban ending on ``d`` stops being in force exactly at the local midnight closing ``d``.
    """
    return (now or timezone.now()).astimezone(LOCAL_TZ).date()


def in_managed_departments(user, incident_path: str) -> Exists:
    from incidents.models import Incident

    return Exists(
        Incident.objects.filter(
            department_id__in=user.managed_department_ids(), **{incident_path: OuterRef("pk")}
        )
    )


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeasureQuerySet:
        """The one scoping function for measures (DESIGN.md "Need to know").

        Coordinator: all. A manager: measures for incidents of the departments they manage.
        A mandated manager also sees every ban decision. Everyone else: none.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("sanctions.view_all_measures"):
            return self
        scope = Q(pk__in=[])
        if user.has_perm("sanctions.decide_measure"):
            scope = Q(in_managed_departments(user, "measures"))
        if user.has_perm("sanctions.impose_ban"):
            scope |= Q(type=MeasureType.BAN)
        return self.filter(scope)

    def for_aggressor(self, aggressor) -> MeasureQuerySet:
        return self.filter(aggressor=aggressor)

    def current(self) -> MeasureQuerySet:
        return self.exclude(status=MeasureStatus.REVOKED)


class Measure(models.Model):
    """A decision about one aggressor, for one or more incidents."""

    type = models.CharField(_("soort maatregel"), max_length=30, choices=MeasureType.choices)
    aggressor = models.ForeignKey(
        "incidents.Aggressor", verbose_name=_("dader"), on_delete=models.PROTECT, related_name="measures"
    )
    incidents = models.ManyToManyField(
        "incidents.Incident", verbose_name=_("incidenten"), related_name="measures"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besloten door"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    reason = models.TextField(_("waarom deze maatregel"))
    description = models.TextField(_("toelichting"), blank=True)
    starts_on = models.DateField(_("ingangsdatum"), null=True, blank=True)
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.DECIDED
    )
    proposal = models.CharField(_("voorstel van GIR"), max_length=200, blank=True)
    # One-time token of the decision form: a repeated submission finds this decision.
    submission_token = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["-decided_at", "-pk"]
        permissions = [
            ("decide_measure", _("Maatregelen tegen een dader besluiten")),
            ("impose_ban", _("Een toegangsverbod opleggen (mandaat)")),
            ("view_all_measures", _("Alle maatregelen inzien")),
            ("view_ban_register", _("Het register van toegangsverboden bijhouden")),
            ("view_reception_list", _("De lijst van geldende toegangsverboden inzien")),
            ("register_breach", _("Een overtreding van een toegangsverbod melden")),
        ]
        indexes = [
            models.Index(fields=["aggressor", "decided_at"]),
            models.Index(fields=["type", "decided_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="measure_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_type_display()}"

    @property
    def reference(self) -> str:
        return f"M-{self.pk:05d}" if self.pk else "M-nieuw"

    @property
    def is_revoked(self) -> bool:
        return self.status == MeasureStatus.REVOKED


class MeasureEvent(AppendOnlyModel):
    """Append-only history of a decision: revocation and extension are new rows, not edits."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    note = models.TextField(blank=True)
    old_end = models.DateField(null=True, blank=True)
    new_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class Ordegesprek(models.Model):
    """The talk with the aggressor, planned within the organisation's norm (one week)."""

    measure = models.OneToOneField(Measure, primary_key=True, on_delete=models.CASCADE)
    planned_at = models.DateTimeField(_("datum en tijd"))
    place = models.CharField(_("plaats"), max_length=200)
    attendees = models.TextField(
        _("wie zijn erbij"), help_text=_("Bijvoorbeeld de leidinggevende en de medewerker.")
    )
    attendance = models.CharField(
        _("aanwezigheid dader"), max_length=20, choices=Attendance.choices, blank=True
    )
    outcome = models.TextField(_("uitkomst"), blank=True)
    agreements = models.TextField(_("afspraken"), blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ordegesprek")
        verbose_name_plural = _("ordegesprekken")


class ContactConditionQuerySet(models.QuerySet):
    def active_on(self, day: date) -> ContactConditionQuerySet:
        return self.exclude(measure__status=MeasureStatus.REVOKED).filter(
            Q(measure__starts_on__lte=day) & (Q(measure__ends_on__isnull=True) | Q(measure__ends_on__gte=day))
        )


class ContactCondition(models.Model):
    """Contact on conditions: how the person may still reach the municipality."""

    measure = models.OneToOneField(Measure, primary_key=True, on_delete=models.CASCADE)
    appointment_only = models.BooleanField(_("alleen op afspraak"), default=False)
    letter_only = models.BooleanField(_("alleen per brief"), default=False)
    no_phone = models.BooleanField(_("geen telefonisch contact"), default=False)
    contact_person = models.CharField(_("alleen via vaste contactpersoon"), max_length=120, blank=True)
    representative = models.CharField(
        _("alleen via vertegenwoordiger of zaakwaarnemer"), max_length=120, blank=True
    )

    objects = ContactConditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact op voorwaarden")
        verbose_name_plural = _("contact op voorwaarden")
        constraints = [
            models.CheckConstraint(
                condition=Q(appointment_only=True)
                | Q(letter_only=True)
                | Q(no_phone=True)
                | ~Q(contact_person="")
                | ~Q(representative=""),
                name="contact_condition_has_a_condition",
            )
        ]

    def summary(self) -> list[str]:
        """The conditions in plain words, for wherever the person appears."""
        lines = []
        if self.appointment_only:
            lines.append(str(_("Alleen op afspraak")))
        if self.letter_only:
            lines.append(str(_("Alleen per brief")))
        if self.no_phone:
            lines.append(str(_("Geen telefonisch contact")))
        if self.contact_person:
            lines.append(str(_("Alleen via vaste contactpersoon: %(name)s") % {"name": self.contact_person}))
        if self.representative:
            lines.append(str(_("Alleen via zaakwaarnemer: %(name)s") % {"name": self.representative}))
        return lines
