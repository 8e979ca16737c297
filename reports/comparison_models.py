"""Key figures of other organisations (a region, national figures), imported to compare with.

Kept apart from ``models.py`` so the comparison can grow without touching the report runs;
``reports.models`` re-exports the model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComparisonSet(models.Model):
    """One imported gir-kerncijfers file (docs/kerncijfers.md): figures of one year, already validated.

    ``figures`` holds the file's content as validated by ``reports.services.comparison_file``
    (only known codes, bounded numbers, no free text); the label is the coordinator's own text and
    is shown escaped. The file itself is not kept, only its SHA-256, so the same file is not
    imported twice.
    """

    label = models.CharField(_("naam van de vergelijking"), max_length=80)
    source_name = models.CharField(_("organisatie in het bestand"), max_length=120)
    year = models.PositiveSmallIntegerField(_("jaar"))
    employees = models.PositiveIntegerField(_("aantal medewerkers"), null=True, blank=True)
    figures = models.JSONField(_("cijfers"))
    file_format = models.CharField(_("bestandsformaat"), max_length=4)
    file_sha256 = models.CharField(_("controlegetal van het bestand"), max_length=64, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("ingelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("vergelijkingsbestand")
        verbose_name_plural = _("vergelijkingsbestanden")
        ordering = ["-year", "label", "pk"]
        permissions = [("import_comparison", _("Kerncijfers van anderen inlezen en verwijderen"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="comparisonset_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.year})"

    def section(self, key: str) -> dict[str, dict]:
        """``{figure code: {"value", "hidden"}}`` of one section of the file."""
        for section in self.figures.get("sections", []):
            if section["key"] == key:
                return {f["key"]: f for f in section["figures"]}
        return {}
