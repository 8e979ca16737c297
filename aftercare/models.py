"""Aftercare (nazorg): a case per employee involved, three talks, referrals, confidential notes.

Confidential notes are health data (AVG art. 9). They live in their own table
(``AftercareNote``) that only the note views query, so no list, export or report can pick
them up by accident; every read is written to the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercare.constants import (
    OPEN_TALK_STATUSES,
    CaseStatus,
    CloseReason,
    ReferralKind,
    TalkStatus,
)
from gir.history import AppendOnlyModel
from incidents.constants import InvolvementRole


class AftercareCaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> AftercareCaseQuerySet:
        """The one scoping function for aftercare cases (DESIGN.md "Need to know").

        Aftercare team: cases assigned to them and the team's unassigned ones (never their own
        case as a victim). The employee: their own case. Managers and the coordinator: cases of
        the incidents they manage, to see that a case exists and when the talks are.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("incidents.view_all_incidents"):
            return self
        scope = Q(person=user)
        if user.has_perm("aftercare.handle_cases"):
            scope |= self._team_scope(user)
        if user.has_perm("incidents.manage_incidents"):
            scope |= Q(incident__department_id__in=user.managed_department_ids())
        return self.filter(scope)

    @staticmethod
    def _team_scope(user) -> Q:
        return Q(assigned_to=user) | (Q(assigned_to__isnull=True) & ~Q(person=user))

    def handled_by(self, user) -> AftercareCaseQuerySet:
        """Cases this user works on as aftercare worker (and may read the notes of)."""
        if not (user.is_authenticated and user.is_active and user.has_perm("aftercare.handle_cases")):
            return self.none()
        return self.filter(self._team_scope(user))

    def open(self) -> AftercareCaseQuerySet:
        return self.filter(status=CaseStatus.OPEN)


class AftercareCase(models.Model):
    """Aftercare for one person involved in one incident (victim or witness)."""

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="aftercare_cases"
    )
    involvement = models.OneToOneField(
        "incidents.Involvement", on_delete=models.CASCADE, related_name="aftercare_case"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aftercare_cases",
    )
    role = models.CharField(_("rol"), max_length=20, choices=InvolvementRole.choices)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon bedrijfsopvang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_aftercare_cases",
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.CharField(
        _("reden afsluiten"), max_length=20, choices=CloseReason.choices, blank=True
    )

    objects = AftercareCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("nazorgdossier")
        verbose_name_plural = _("nazorgdossiers")
        ordering = ["-opened_at", "-pk"]
        permissions = [
            ("handle_cases", _("Nazorgdossiers behandelen")),
            ("view_notes", _("Vertrouwelijke nazorgnotities lezen")),
            ("view_report", _("Kwartaalrapportage nazorg inzien")),
        ]
        indexes = [
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["opened_at"]),
        ]

    def __str__(self) -> str:
        return _("Nazorg %(ref)s #%(pk)s") % {"ref": self.incident.reference, "pk": self.pk}

    @property
    def person_name(self) -> str:
        return str(self.involvement)

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    def next_talk(self):
        """The earliest talk still to be had (uses prefetched talks when present)."""
        waiting = [t for t in self.talks.all() if t.status in OPEN_TALK_STATUSES]
        return min(waiting, key=lambda t: t.planned_start or t.due_at, default=None)


class AftercareTalk(models.Model):
    """One of the three talks (within 72 hours, after 5 days, after 6 weeks)."""

    case = models.ForeignKey(AftercareCase, on_delete=models.CASCADE, related_name="talks")
    number = models.PositiveSmallIntegerField(_("gesprek"))
    due_at = models.DateTimeField(_("uiterlijk"))
    status = models.CharField(
        _("status"), max_length=20, choices=TalkStatus.choices, default=TalkStatus.TO_PLAN
    )
    planned_start = models.DateTimeField(_("gepland op"), null=True, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=60)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    declined_at = models.DateTimeField(_("afgeslagen op"), null=True, blank=True)
    times_declined = models.PositiveSmallIntegerField(default=0)
    ics_sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE: bumps when re-planned
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nazorggesprek")
        verbose_name_plural = _("nazorggesprekken")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="aftercare_talk_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=3), name="aftercare_talk_number_1_3"
            ),
        ]

    def __str__(self) -> str:
        return _("Nazorggesprek %(n)s") % {"n": self.number}

    @property
    def held_on_time(self) -> bool:
        return self.held_at is not None and self.held_at <= self.due_at

    @property
    def planned_end(self):
        if self.planned_start is None:
            return None
        return self.planned_start + timedelta(minutes=self.planned_minutes)

    def is_overdue(self, now=None) -> bool:
        return self.status in OPEN_TALK_STATUSES and self.due_at < (now or timezone.now())


class AftercareNote(models.Model):
    """A short confidential note by the aftercare worker. Read only through ``aftercare.notes``."""

    case = models.ForeignKey(AftercareCase, on_delete=models.CASCADE, related_name="+")
    talk = models.ForeignKey(AftercareTalk, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("notitie"))
    written_at = models.DateTimeField(default=timezone.now)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("vertrouwelijke notitie")
        verbose_name_plural = _("vertrouwelijke notities")
        ordering = ["written_at", "pk"]


class Referral(models.Model):
    """A referral to professional help. Visible to the aftercare team and the employee only."""

    case = models.ForeignKey(AftercareCase, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(_("doorverwezen naar"), max_length=20, choices=ReferralKind.choices)
    other = models.CharField(_("andere hulp, namelijk"), max_length=120, blank=True)
    referred_at = models.DateTimeField(_("doorverwezen op"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["referred_at", "pk"]

    def __str__(self) -> str:
        return self.other if self.kind == ReferralKind.OTHER and self.other else self.get_kind_display()


class AftercareEvent(AppendOnlyModel):
    """Append-only history of a case. ``text`` never holds note content or health data."""

    case = models.ForeignKey(AftercareCase, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["at", "pk"]
