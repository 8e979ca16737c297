"""Measures against the aggressor: each one a recorded decision with an append-only history.

A ``Measure`` is the decision (who, when, for which incidents, why, period). Type-specific
details hang off it one-to-one and share its primary key: ``Ordegesprek``, ``ContactCondition``,
``Ban``, ``PoliceReport`` and ``DamageClaim``. Whether a ban is in force is computed from its
dates at query time (``Ban.objects.in_force(now)``), never stored.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.deadlines.arithmetic import LOCAL_TZ, end_of_local_day, start_of_local_day
from sanctions.constants import (
    Attendance,
    BanPhase,
    ClaimStatus,
    EventKind,
    Instruction,
    MeasureStatus,
    MeasureType,
    PoliceOutcome,
    Receipt,
    ReportedBy,
    ServiceMethod,
)


def local_today(now: datetime | None = None) -> date:
    """The Europe/Amsterdam calendar date of ``now``.

    ``start_of_local_day(d) <= now < end_of_local_day(d)`` holds for the returned ``d``, so a
    ban ending on ``d`` stops being in force exactly at the local midnight closing ``d``.
    """
    return (now or timezone.now()).astimezone(LOCAL_TZ).date()


def _in_managed_departments(user, incident_path: str) -> Exists:
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
            scope = Q(_in_managed_departments(user, "measures"))
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


class MeasureEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("Decision history is append-only.")

    def delete(self):
        raise ValidationError("Decision history is append-only.")


class MeasureEvent(models.Model):
    """Append-only history of a decision: revocation and extension are new rows, not edits."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    note = models.TextField(blank=True)
    old_end = models.DateField(null=True, blank=True)
    new_end = models.DateField(null=True, blank=True)

    objects = MeasureEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs):
        # Guard, not business logic: history is appended, never edited.
        if self.pk is not None:
            raise ValidationError("Decision history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Decision history is append-only.")


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
            return self.filter(_in_managed_departments(user, "measures__ban"))
        return self.none()

    def served(self) -> BanQuerySet:
        return self.filter(served_on__isnull=False)

    def in_force(self, now: datetime | None = None) -> BanQuerySet:
        """Bans in force at ``now``: served, not revoked, and ``now`` within the local dates.

        Computed from dates at query time, so a ban leaves the reception list at the local
        midnight that ends its last day even when no scan has run.
        """
        today = local_today(now)
        return self.filter(
            served_on__lte=today, measure__starts_on__lte=today, measure__ends_on__gte=today
        ).exclude(measure__status=MeasureStatus.REVOKED)

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

    def revoked(self) -> BanQuerySet:
        return self.filter(measure__status=MeasureStatus.REVOKED)


class Ban(models.Model):
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

    class Meta:
        verbose_name = _("overtreding toegangsverbod")
        verbose_name_plural = _("overtredingen toegangsverbod")
        ordering = ["-occurred_at"]


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
