"""Incidents, the people involved, evidence, and the incident's history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.choices import ChoiceLabels
from gir.history import AppendOnlyModel
from gir.models import Deadline
from incidents import scoping
from incidents.constants import (
    AggressionForm,
    AggressionKind,
    EvidenceKind,
    InvolvementRole,
    LocationType,
    ReporterRole,
    Status,
    VictimKind,
)


class IncidentQuerySet(models.QuerySet):
    def visible_to(self, user) -> IncidentQuerySet:
        """The one scoping function for incidents (DESIGN.md "Need to know").

        Coordinator: all. Manager: the departments they manage, the cases handed to them, and
        those of a manager they stand in for now. Everyone: what they reported or were involved
        in. Later apps add their own reasons (``gir.registry.register_scope``).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("incidents.view_all_incidents"):
            return self
        if user.has_perm("incidents.manage_incidents"):
            return self.filter(scoping.manager_rows(user))
        return self.filter(pk__in=scoping.union(scoping.personal_parts(user)))

    def managed_by(self, user) -> IncidentQuerySet:
        """Incidents this user handles as manager (or all, for the coordinator)."""
        if user.has_perm("incidents.view_all_incidents"):
            return self
        if not user.has_perm("incidents.manage_incidents"):
            return self.none()
        return self.filter(scoping.managed_rows(user))

    def references(self, ids) -> dict[int, str]:
        """{pk: reference} for these incidents in one query."""
        return dict(self.filter(pk__in=set(ids)).values_list("pk", "reference"))

    def open(self) -> IncidentQuerySet:
        # The open statuses by name rather than "not closed": an index on status can find a
        # few thousand open cases among 100,000 closed ones only for a positive condition.
        return self.filter(status__in=[s for s in Status.values if s != Status.CLOSED])

    def overdue(self, now) -> IncidentQuerySet:
        """Incidents with at least one open deadline past its due time."""
        late = Deadline.objects.overdue(now).filter(incident_id=OuterRef("pk"))
        return self.filter(Exists(late))


class Incident(ChoiceLabels, models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REPORTED)
    occurred_at = models.DateTimeField(_("datum en tijd van het incident"), db_index=True)
    reported_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("melder"),
        on_delete=models.PROTECT,
        related_name="reported_incidents",
    )
    reporter_role = models.CharField(
        _("ik meld"), max_length=20, choices=ReporterRole.choices, default=ReporterRole.SELF
    )
    department = models.ForeignKey(
        "gir.Department", verbose_name=_("afdeling"), on_delete=models.PROTECT, related_name="incidents"
    )
    # The one person who handles the case now (DESIGN.md invariant); changed only through
    # incidents.services.handlers, which records every hand-over in the history.
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_incidents",
    )

    # Where
    location_type = models.CharField(_("soort plek"), max_length=20, choices=LocationType.choices)
    location = models.ForeignKey(
        "gir.Location",
        verbose_name=_("gebouw of balie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )
    place = models.CharField(
        _("plaats"), max_length=200, blank=True, help_text=_("Bijvoorbeeld een adres of straat.")
    )

    # The name as the reporter gave it: a hint for the manager who links or creates the person
    # (ADR 0005). It never becomes a person record by itself.
    aggressor_name = models.CharField(_("naam van de dader volgens de melder"), max_length=120, blank=True)

    # What (the 7 W's: wie, wat, waar, waarmee, welke wijze, wanneer, waarom)
    description = models.TextField(_("wat is er gebeurd"))
    aggression_kind = models.CharField(
        _("soort agressie"), max_length=20, choices=AggressionKind.choices, blank=True
    )
    means = models.CharField(_("waarmee"), max_length=300, blank=True)
    manner = models.TextField(_("op welke manier"), blank=True)
    motive = models.TextField(_("waarom (vermoedelijke reden)"), blank=True)
    trigger = models.TextField(_("aanleiding"), blank=True)

    # Consequences
    injury = models.BooleanField(_("lichamelijk letsel"), default=False)
    injury_description = models.CharField(_("welk letsel"), max_length=300, blank=True)
    doctor_visit = models.BooleanField(_("bezoek aan huisarts of ziekenhuis"), default=False)
    hospital_admission = models.BooleanField(_("opname in ziekenhuis of blijvend letsel"), default=False)
    absence = models.BooleanField(_("verzuim"), default=False)
    absence_days = models.PositiveIntegerField(_("dagen verzuim"), null=True, blank=True)
    personal_damage = models.BooleanField(_("schade aan eigen spullen"), default=False)
    personal_damage_amount = models.DecimalField(
        _("bedrag schade eigen spullen (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    municipal_damage = models.BooleanField(_("schade aan spullen van de gemeente"), default=False)
    municipal_damage_amount = models.DecimalField(
        _("bedrag schade gemeente (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    damage_description = models.CharField(
        _("welke schade"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: bril kapot, ruit balie gebarsten."),
    )
    police_called = models.BooleanField(_("politie ter plaatse geroepen"), default=False)

    # The manager's first reaction (DESIGN.md step 2)
    first_talk_at = models.DateTimeField(_("eerste opvanggesprek op"), null=True, blank=True)
    first_talk_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_talk_summary = models.TextField(_("korte samenvatting opvanggesprek"), blank=True)
    police_report_planned = models.CharField(
        _("melding of aangifte bij de politie"), max_length=20, blank=True
    )
    inspectorate_reported_at = models.DateTimeField(
        _("gemeld bij Arbeidsinspectie op"), null=True, blank=True
    )
    inspectorate_reference = models.CharField(_("kenmerk Arbeidsinspectie"), max_length=60, blank=True)

    # 48-hour norm: fulfilled by a dispatched letter or a recorded reason why none is possible.
    reaction_waived_reason = models.TextField(_("waarom geen reactie naar de dader"), blank=True)
    reaction_waived_at = models.DateTimeField(null=True, blank=True)
    reaction_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    version = models.PositiveIntegerField(default=1)  # optimistic locking for concurrent edits
    # One-time token of the short report form: a double-clicked submit creates one incident.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidenten")
        ordering = ["-occurred_at"]
        permissions = [
            ("report_incident", _("Een incident melden")),
            ("manage_incidents", _("Incidenten van eigen afdelingen afhandelen")),
            ("view_all_incidents", _("Alle incidenten inzien")),
            ("search_aggressors", _("Daders zoeken en koppelen")),
        ]
        indexes = [
            models.Index(fields=["department", "occurred_at"]),
            models.Index(fields=["status", "occurred_at"]),
            # A manager's open cases: counted on the inbox and the start page (9.6 -> 1 ms).
            models.Index(fields=["department", "status"], name="incident_department_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_at__lte=models.F("reported_at")),
                name="incident_not_reported_before_it_happened",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def form_codes(self) -> list[str]:
        return [f.form for f in self.forms.all()]

    def get_form_labels(self) -> list[str]:
        return [AggressionForm(code).label for code in self.form_codes]


class IncidentForm(ChoiceLabels, models.Model):
    """One form of aggression of an incident (an incident can have several)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("vorm"), max_length=20, choices=AggressionForm.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "form"], name="incident_form_unique")]
        indexes = [models.Index(fields=["form", "incident"])]

    def __str__(self) -> str:
        return self.get_form_display()


class Involvement(ChoiceLabels, models.Model):
    """A victim or witness: an employee account, or a person without one (an office holder)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(_("rol"), max_length=20, choices=InvolvementRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    name = models.CharField(_("naam"), max_length=120, blank=True)
    victim_kind = models.CharField(
        _("soort"), max_length=20, choices=VictimKind.choices, default=VictimKind.EMPLOYEE
    )
    function = models.CharField(_("functie"), max_length=120, blank=True)
    department = models.ForeignKey(
        "gir.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "user", "role"],
                condition=Q(user__isnull=False),
                name="involvement_unique_user",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="involvement_has_person"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.name


class Evidence(models.Model):
    """A file kept as it was received, with its SHA-256, so it can go to the police unchanged."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    kind = models.CharField(_("soort"), max_length=20, choices=EvidenceKind.choices)
    mime_type = models.CharField(max_length=80)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")
        ordering = ["uploaded_at"]


class PendingUpload(models.Model):
    """An accepted upload waiting for its form to be valid, so a form error loses no file.

    Owned by one user; turned into Evidence when the form is saved. Leftovers older than a
    day are removed the next time that user uploads (no scanner needed).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="pending/%Y/%m/")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    mime_type = models.CharField(max_length=80)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)


class StatusChange(AppendOnlyModel):
    """Append-only status history."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class IncidentEvent(AppendOnlyModel):
    """Append-only record of what changed on an incident (shown on the dossier timeline)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["at", "pk"]


class ReferenceCounter(models.Model):
    """Per-year counter behind GIR-YYYY-NNNN, incremented under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class ReportDraft(models.Model):
    """A short report being typed, kept on the server so nothing is lost (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_draft"
    )
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
