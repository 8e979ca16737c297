from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.history import AppendOnlyModel
from privacy.constants import SWEPT_LABELS, DataClass


class RetentionPolicy(models.Model):
    """How long one class of data is kept; the beheerder sets it."""

    data_class = models.CharField(_("soort gegevens"), max_length=30, choices=DataClass.choices, unique=True)
    days = models.PositiveIntegerField(_("bewaartermijn (dagen)"), validators=[MinValueValidator(30)])
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["data_class"]
        permissions = [
            ("manage_retention", _("Bewaartermijnen beheren")),
            ("subject_access", _("Inzageverzoeken van daders uitvoeren")),
        ]

    def __str__(self) -> str:
        return self.get_data_class_display()


class Erasure(AppendOnlyModel):
    """Ledger of what the retention sweep erased: one row per object and data class (no personal data).
    Append-only: the ledger is the proof of what was erased when."""

    data_class = models.CharField(max_length=30, choices=DataClass.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["data_class", "content_type", "object_id"], name="erasure_once")
        ]


class RetentionRun(models.Model):
    """One daily sweep, with how many objects each data class erased."""

    local_date = models.DateField(unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-local_date"]

    def erased(self) -> list[tuple[str, int]]:
        """(label, number) for each kind of data this sweep erased something of, in sweep order.

        The order comes from ``SWEPT_LABELS``: PostgreSQL's jsonb does not keep the key order.
        """
        return [(label, self.counts[code]) for code, label in SWEPT_LABELS.items() if self.counts.get(code)]
