"""Letters to the aggressor: templates with versions, letters (concept → final), dispatches.

A final letter is a fixed record (DESIGN.md step 4): its HTML, PDF and SHA-256 never change.
That is enforced in the services, the forms and views (which only act on concepts), here in
the model layer (``save``/``delete`` and queryset ``update``/``delete`` refuse), and on
PostgreSQL by a trigger (``gir.history.AppendOnlyTrigger``, migration 0004). A correction is
a new letter that points at the old one. Template versions and dispatches are append-only
history (``gir.history``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.history import AppendOnlyModel
from letters.constants import DispatchMethod, LetterKind, LetterStatus

FINAL_LETTER_MESSAGE = _("Een definitieve brief kan niet meer worden gewijzigd. Maak een correctiebrief.")


class LetterTemplate(models.Model):
    """One kind of letter the municipality sends; its text lives in versions."""

    code = models.CharField(_("soort brief"), max_length=40, choices=LetterKind.choices, unique=True)
    title = models.CharField(_("naam"), max_length=120)
    description = models.CharField(_("wanneer gebruikt u deze brief"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> LetterTemplateVersion | None:
        return self.versions.order_by("-number").first()


class LetterTemplateVersion(AppendOnlyModel):
    """The text of a template at one moment. Append-only: an edit adds a version."""

    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst van de brief"))
    note = models.CharField(_("wat is er veranderd"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("versie van een briefsjabloon")
        verbose_name_plural = _("versies van briefsjablonen")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="letter_template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class LetterQuerySet(models.QuerySet):
    def visible_to(self, user) -> LetterQuerySet:
        """The one scoping function for letters (DESIGN.md "Need to know").

        Letters hold the aggressor's name and address: only people who make letters (managers
        for incidents of their departments; the mandated manager also for the bans they may
        see) or keep the register (coordinator: all) see them.
        """
        from incidents.models import Incident

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if not (user.has_perm("letters.create_letters") or user.has_perm("letters.view_register")):
            return self.none()
        if user.has_perm("incidents.view_all_incidents"):
            return self
        scope = Q(incident__in=Incident.objects.managed_by(user))
        if user.has_perm("sanctions.impose_ban"):
            # The mandated manager decides bans for every department (sanctions scoping), so
            # they also see the letters that belong to those decisions.
            from sanctions.models import Measure

            scope |= Q(measure__in=Measure.objects.visible_to(user))
        return self.filter(scope)

    def final(self) -> LetterQuerySet:
        return self.filter(status=LetterStatus.FINAL)

    def update(self, **kwargs):
        if self.filter(status=LetterStatus.FINAL).exists():
            raise ValidationError(FINAL_LETTER_MESSAGE)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=LetterStatus.FINAL).exists():
            raise ValidationError(FINAL_LETTER_MESSAGE)
        return super().delete()


def document_sheet(html: str) -> str:
    """The letter's page content of a letter document: what lies between its sheet markers."""
    start, end = html.find("<!--sheet-->"), html.find("<!--/sheet-->")
    return html[start + len("<!--sheet-->") : end] if start >= 0 and end > start else ""


def _pdf_path(letter: Letter, filename: str) -> str:
    # Server-generated name: the reference says nothing about the person.
    return f"letters/{timezone.now():%Y}/{filename}"


class Letter(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=40, unique=True)
    kind = models.CharField(_("soort brief"), max_length=40, choices=LetterKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=LetterStatus.choices, default=LetterStatus.CONCEPT
    )
    template_version = models.ForeignKey(
        LetterTemplateVersion,
        verbose_name=_("sjabloonversie"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    incident = models.ForeignKey(
        "incidents.Incident", verbose_name=_("incident"), on_delete=models.PROTECT, related_name="letters"
    )
    measure = models.ForeignKey(
        "sanctions.Measure",
        verbose_name=_("maatregel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    aggressor = models.ForeignKey(
        "incidents.Aggressor", verbose_name=_("aan"), on_delete=models.PROTECT, related_name="letters"
    )
    signatory = models.ForeignKey(
        "gir.Signatory", verbose_name=_("ondertekenaar"), on_delete=models.PROTECT, related_name="+"
    )
    include_victim = models.BooleanField(_("naam van de medewerker vermelden"), default=False)
    details = models.JSONField(_("gegevens voor de brief"), default=dict, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body_html = models.TextField(_("tekst van de brief"))
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("correctie van"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    version = models.PositiveIntegerField(default=1)  # optimistic locking of concept edits
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    finalised_at = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    final_html = models.TextField(blank=True)
    pdf = models.FileField(upload_to=_pdf_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    copies = models.JSONField(_("exemplaren"), default=list, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("manage_templates", _("Briefsjablonen beheren")),
            ("create_letters", _("Brieven aan de dader maken")),
            ("dispatch_letters", _("Verzending van brieven vastleggen")),
            ("view_register", _("Het verzendregister van brieven inzien")),
        ]
        indexes = [models.Index(fields=["incident", "created_at"]), models.Index(fields=["status", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=LetterStatus.CONCEPT)
                | (Q(finalised_at__isnull=False) & ~Q(sha256="") & ~Q(final_html="")),
                name="letter_final_has_content",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        # Guard, not business logic: a final letter is a fixed record (QUALITY.md, DESIGN.md).
        if self.was_final_when_loaded:
            raise ValidationError(FINAL_LETTER_MESSAGE)
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args, **kwargs):
        if self.was_final_when_loaded or self.is_final:
            raise ValidationError(FINAL_LETTER_MESSAGE)
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._stored_status = self.status

    @property
    def is_final(self) -> bool:
        return self.status == LetterStatus.FINAL

    @property
    def was_final_when_loaded(self) -> bool:
        return getattr(self, "_stored_status", None) == LetterStatus.FINAL

    def sheet_html(self) -> str:
        """The letter's page content of the stored final HTML."""
        return document_sheet(self.final_html)


class Dispatch(AppendOnlyModel):
    """How and when a final letter went out. Append-only: a mistake is corrected by a new row."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="dispatches")
    method = models.CharField(_("hoe verzonden"), max_length=20, choices=DispatchMethod.choices)
    dispatched_at = models.DateTimeField(_("wanneer verzonden of overhandigd"))
    tracking_number = models.CharField(_("zendingnummer (aangetekend)"), max_length=60, blank=True)
    email = models.EmailField(_("verzonden naar e-mailadres"), blank=True)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["-dispatched_at", "-pk"]
        indexes = [models.Index(fields=["dispatched_at"]), models.Index(fields=["method", "dispatched_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method=DispatchMethod.REGISTERED) | ~Q(tracking_number=""),
                name="dispatch_registered_has_tracking_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter} – {self.get_method_display()}"
