"""The shared core: people, organisation, audit log, notifications and deadlines.

The core imports no domain app. Domain apps plug in through registries (``gir.registry``):
deadline kinds, navigation, start-page panels and demo data.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.history import AppendOnlyModel


class User(AbstractUser):
    """An account. Roles are groups with permissions; code asks ``has_perm`` only."""

    department = models.ForeignKey(
        "gir.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    external_id = models.CharField(
        _("id bij de identiteitsprovider"), max_length=100, null=True, blank=True, unique=True, editable=False
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name"]
        permissions = [("manage_users", _("Gebruikers, afdelingen en locaties beheren"))]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def managed_department_ids(self) -> set[int]:
        """Departments this user manages (cached on the instance for the request)."""
        if not hasattr(self, "_managed_department_ids"):
            self._managed_department_ids = set(self.managed_departments.values_list("pk", flat=True))
        return self._managed_department_ids


class Department(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leidinggevenden"),
        related_name="managed_departments",
        blank=True,
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A building or a counter inside one; bans name the locations they cover."""

    name = models.CharField(_("naam"), max_length=120)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder gebouw"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "parent"], name="location_unique_name")]

    def __str__(self) -> str:
        return f"{self.parent.name} – {self.name}" if self.parent_id else self.name


class Organisation(models.Model):
    """The municipality's settings: one row, edited by the beheerder.

    The deadline norms live here, not in code (DESIGN.md "Norms are settings").
    """

    name = models.CharField(_("naam organisatie"), max_length=120, default="Gemeente Voorbeeld")
    street = models.CharField(_("straat en huisnummer"), max_length=120, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    po_box = models.CharField(_("postbus"), max_length=60, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.CharField(_("website"), max_length=120, blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisation/", blank=True)

    reaction_norm = models.DurationField(_("reactie op de dader binnen"), default=timedelta(hours=48))
    ordegesprek_norm = models.DurationField(_("ordegesprek binnen"), default=timedelta(days=7))
    aftercare_talk1_norm = models.DurationField(_("eerste nazorggesprek binnen"), default=timedelta(hours=72))
    aftercare_talk2_norm = models.DurationField(_("tweede nazorggesprek na"), default=timedelta(days=5))
    aftercare_talk3_norm = models.DurationField(_("derde nazorggesprek na"), default=timedelta(weeks=6))
    police_report_norm = models.DurationField(
        _("melding of aangifte bij politie binnen"), default=timedelta(hours=24)
    )
    inspectorate_norm = models.DurationField(
        _("melding bij Arbeidsinspectie binnen"), default=timedelta(hours=24)
    )
    ban_request_norm = models.DurationField(
        _("verzoek om toegangsverbod beslissen binnen"), default=timedelta(days=5)
    )
    minimum_ban_days = models.PositiveIntegerField(_("minimale duur toegangsverbod (dagen)"), default=91)
    ban_review_lead = models.DurationField(
        _("herinnering voor einde toegangsverbod"), default=timedelta(days=14)
    )
    escalation_after = models.DurationField(
        _("escaleren naar coördinator na verlopen"), default=timedelta(hours=1)
    )
    reminder_lead = models.DurationField(
        _("herinnering voor een termijn afloopt"), default=timedelta(hours=4)
    )
    aftercare_reoffer_after = models.DurationField(
        _("nazorg opnieuw aanbieden na"), default=timedelta(weeks=2)
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisatie")
        permissions = [("change_settings", _("Organisatie-instellingen wijzigen"))]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def get(cls) -> Organisation:
        """The one row; created with defaults on first use."""
        org = cls.objects.order_by("pk").first()
        return org or cls.objects.create()

    @property
    def postal_address_lines(self) -> list[str]:
        lines = [self.name]
        if self.po_box:
            lines.append(self.po_box)
        elif self.street:
            lines.append(self.street)
        lines.append(f"{self.postal_code} {self.city}".strip())
        return [line for line in lines if line]


class Signatory(models.Model):
    """Who may sign letters: the mayor or a mandated manager."""

    name = models.CharField(_("naam"), max_length=120)
    function = models.CharField(_("functie"), max_length=120)
    is_mayor = models.BooleanField(_("burgemeester"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("ondertekenaar")
        verbose_name_plural = _("ondertekenaars")
        ordering = ["-is_mayor", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.function}"


class AuditEntry(AppendOnlyModel):
    """Who read or changed which personal data, when and from where. Append-only.

    ``description`` holds no personal data: the object is named by type and id.
    PostgreSQL additionally refuses UPDATE and DELETE with a trigger (``gir.history``).
    """

    class Action(models.TextChoices):
        VIEW = "view", _("bekeken")
        DOWNLOAD = "download", _("gedownload")
        EXPORT = "export", _("geëxporteerd")
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        LOGIN = "login", _("ingelogd")
        GRANT = "grant", _("rol aangevraagd of bevestigd")
        RESET = "reset", _("wachtwoordlink of tweede factor opnieuw ingesteld")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("actie"), max_length=12, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=40, blank=True)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    # For changes of configuration (users, roles, settings): {field: [before, after]}.
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at"]
        permissions = [
            ("view_auditlog", _("Auditlog inzien")),
            ("view_aftercare_audit", _("Inzage in nazorggegevens in het auditlog zien")),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]


class Notification(models.Model):
    """A message for one user, shown in the app and sent by e-mail after commit."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["emailed_at", "created_at"])]

    def __str__(self) -> str:
        return self.subject


class SystemStatus(models.Model):
    """Last run of a periodic job, so the beheerder and monitoring can see beat is alive."""

    name = models.CharField(max_length=40, unique=True)
    last_run_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("systeemstatus")
        permissions = [
            ("view_health", _("Systeemstatus inzien")),
            ("receive_escalations", _("Meldingen over verlopen termijnen ontvangen")),
        ]

    def __str__(self) -> str:
        return self.name


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def overdue(self, now):
        return self.open().filter(due_at__lt=now)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def owned_by(self, user):
        """Deadlines ``user`` acts on: their own and, during a deputy period, the manager's,
        except those of a case the deputy is personally part of (``stand_in_for_case``)."""
        from gir.deputies import deputised_ids
        from gir.registry import personal_case_ids

        deputised = deputised_ids(user)
        if not deputised:
            return self.filter(owner_id=user.pk)
        theirs = models.Q(owner_id__in=deputised) & ~models.Q(incident_id__in=personal_case_ids(user))
        return self.filter(models.Q(owner_id=user.pk) | theirs)

    def of_incident(self, incident) -> list:
        """Every deadline of one incident, earliest due first, loaded once per incident object:
        the dossier and the blocks other apps add to it share one query (issue 13)."""
        loaded = incident.__dict__.get("_gir_deadlines")
        if loaded is None:
            loaded = incident.__dict__["_gir_deadlines"] = list(
                self.filter(incident_id=incident.pk).order_by("due_at", "pk")
            )
        return loaded


class Deadline(models.Model):
    """One obligation with a due time: the database is the source of truth.

    Opened by the service that creates the obligation, closed by the service that fulfils it.
    The scan (``gir.deadlines.scan``) claims each reminder with a conditional UPDATE on the
    ``*_sent_at`` columns, so it is sent exactly once however many scanners run.
    """

    kind = models.CharField(_("soort"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    incident_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deadlines",
    )
    starts_at = models.DateTimeField(_("start"))
    due_at = models.DateTimeField(_("uiterlijk"))
    remind_at = models.DateTimeField(_("herinnering vanaf"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    due_sent_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    handled_late = models.BooleanField(default=False)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                condition=models.Q(closed_at__isnull=True),
                name="deadline_one_open_per_kind_and_object",
            )
        ]
        indexes = [
            # The scan's three questions, each an index range over open rows only.
            models.Index(
                fields=["remind_at"],
                name="deadline_remind_idx",
                condition=models.Q(closed_at__isnull=True, reminder_sent_at__isnull=True),
            ),
            models.Index(
                fields=["due_at"],
                name="deadline_due_idx",
                condition=models.Q(closed_at__isnull=True, due_sent_at__isnull=True),
            ),
            models.Index(
                fields=["due_at"],
                name="deadline_escalate_idx",
                condition=models.Q(closed_at__isnull=True, escalated_at__isnull=True),
            ),
            models.Index(fields=["content_type", "object_id"], name="deadline_object_idx"),
            # Reports ask per kind for the deadlines of a set of incidents (48-hour reactions).
            models.Index(fields=["kind", "incident_id"], name="deadline_kind_incident_idx"),
            # Lists sort each incident by its open 48-hour reaction's due time (a subquery per
            # row, 1,500 rows in a manager's inbox): the open rows alone, due time included,
            # answer it from the index (16 -> 8 ms at full benchmark size).
            models.Index(
                fields=["incident_id", "kind"],
                include=["due_at"],
                name="deadline_open_incident_idx",
                condition=models.Q(closed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_overdue(self, now=None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())


# A model of this app kept in its own module (this one is near its size limit).
from gir.deputies import DeputyPeriod  # noqa: E402, F401

# Kept in their own module (issue 12); imported here so Django registers them with this app.
from gir.security.models import RoleGrant  # noqa: E402, F401
