"""The annual report's stored PDF runs. The figures themselves are computed on demand."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.comparison_models import ComparisonSet  # noqa: F401  (re-exported: the app's models)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Wordt gemaakt")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ReportRunQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportRunQuerySet:
        """The one scoping function for runs.

        A coordinator (whole organisation) sees every run: nothing in one is outside their
        scope. Anyone else sees only the runs they asked for: a manager's run is theirs.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("reports.view_reports"):
            return self
        if user.has_perm("reports.view_department_reports"):
            return self.filter(requested_by=user)
        return self.none()


class ReportRun(models.Model):
    """One request for a report PDF, rendered by a Celery task (``reports.tasks``).

    ``params`` holds only the period and a department id: no personal data travels to the
    broker, the task gets the run's id.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.CASCADE,
        related_name="report_runs",
    )
    params = models.JSONField(_("instellingen"), default=dict)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    file = models.FileField(_("bestand"), upload_to="reports/%Y/", blank=True)
    error = models.CharField(_("foutmelding"), max_length=300, blank=True)
    enqueue_failed = models.BooleanField(default=False)
    # The coordinator's own words, printed in the PDF (plain text; an empty line starts a paragraph).
    foreword = models.TextField(_("voorwoord"), blank=True)
    commentary = models.JSONField(_("toelichting per onderdeel"), default=dict, blank=True)
    signer_name = models.CharField(_("vastgesteld door"), max_length=120, blank=True)
    signer_role = models.CharField(_("functie"), max_length=120, blank=True)
    signed_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportage-PDF")
        verbose_name_plural = _("rapportage-PDF's")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("view_reports", _("Rapportages van de hele organisatie inzien")),
            ("view_department_reports", _("Rapportages van de eigen afdelingen inzien")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reportrun_progress_max_100")
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def has_texts(self) -> bool:
        return bool(self.foreword or any(self.commentary.values()) or self.signer_name)


class Headcount(models.Model):
    """How many employees the organisation (no department) or one department had in a year.

    Set by the beheerder; the annual report divides incidents by it (incidents per 100
    employees), so departments of different size can be compared.
    """

    department = models.ForeignKey(
        "gir.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Laat leeg voor de hele organisatie."),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    employees = models.PositiveIntegerField(_("aantal medewerkers"))

    class Meta:
        verbose_name = _("aantal medewerkers")
        verbose_name_plural = _("aantallen medewerkers")
        ordering = ["-year", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"],
                condition=Q(department__isnull=False),
                name="headcount_department_year",
            ),
            models.UniqueConstraint(
                fields=["year"], condition=Q(department__isnull=True), name="headcount_organisation_year"
            ),
            models.CheckConstraint(condition=Q(employees__gte=1), name="headcount_at_least_one"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="headcount_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.department or _('hele organisatie')}: {self.employees}"
