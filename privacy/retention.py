"""The daily retention sweep: erase what has passed its retention period, and nothing else.

Each data class has a period (``RetentionPolicy``). The sweep runs once per local calendar day
(claimed by inserting that day's ``RetentionRun``: a second beat or worker gets the unique
constraint and stops), erases per class in small transactions, records each erased object in
the ``Erasure`` ledger, and deletes files from storage after the rows are committed.

The audit log has its own period: entries older than it are deleted through
``gir.audit.purge_audit_before`` (the append-only guard's one deliberate exception, never for
entries younger than a year). Not swept:
final letters,
which are decisions that fall under the municipality's archive rules (Archiefwet); their
retention is the archive's, not GIR's.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from aftercare.models import AftercareCase, AftercareNote
from gir.audit import purge_audit_before
from gir.models import Notification
from incidents.constants import Status
from incidents.models import (
    Aggressor,
    Evidence,
    Incident,
    IncidentAggressor,
    Involvement,
    PendingUpload,
    StatusChange,
)
from privacy.constants import DEFAULT_DAYS, ERASED, PENDING_UPLOADS, DataClass
from privacy.models import Erasure, RetentionPolicy, RetentionRun
from sanctions.models import Ban, Measure

logger = logging.getLogger(__name__)

INCIDENT_TEXT_FIELDS = [
    "description",
    "means",
    "manner",
    "motive",
    "trigger",
    "injury_description",
    "first_talk_summary",
    "place",
    "aggressor_name",
    "reaction_waived_reason",
]
AGGRESSOR_FIELDS = {
    "last_name": "",
    "initials": "",
    "first_name": "",
    "date_of_birth": None,
    "street": "",
    "postal_code": "",
    "city": "",
    "client_number": "",
    "description": ERASED,
}


def period(data_class: str) -> timedelta:
    policy = RetentionPolicy.objects.filter(data_class=data_class).first()
    return timedelta(days=policy.days if policy else DEFAULT_DAYS[data_class])


def _ledger(data_class: str, obj, now) -> None:
    Erasure.objects.get_or_create(
        data_class=data_class,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"erased_at": now},
    )


def _not_erased(queryset, data_class: str):
    done = Erasure.objects.filter(
        data_class=data_class,
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=OuterRef("pk"),
    )
    return queryset.filter(~Exists(done))


def _delete_files_after_commit(files) -> None:
    names = [(f.storage, f.name) for f in files if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def expired_incidents(now):
    """Closed incidents whose last closing lies more than the period back."""
    cutoff = now - period(DataClass.INCIDENT_DETAILS)
    last_closed = (
        StatusChange.objects.filter(incident=OuterRef("pk"), to_status=Status.CLOSED)
        .values("incident")
        .annotate(at=Max("at"))
        .values("at")
    )
    closed = Incident.objects.filter(status=Status.CLOSED).annotate(closed_at=last_closed)
    return _not_erased(closed.filter(closed_at__lt=cutoff), DataClass.INCIDENT_DETAILS)


def erase_incident(incident: Incident, now) -> None:
    with transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(
            **{name: (ERASED if name == "description" else "") for name in INCIDENT_TEXT_FIELDS}
        )
        evidence = list(Evidence.objects.filter(incident=incident))
        _delete_files_after_commit([item.file for item in evidence])
        Evidence.objects.filter(incident=incident).delete()
        # People without an account (office holders) are named in free text: replace the name.
        Involvement.objects.filter(incident=incident, user__isnull=True).update(name=ERASED)
        _ledger(DataClass.INCIDENT_DETAILS, incident, now)


def expired_aggressors(now):
    """Persons with no incident, measure or ban end within the period."""
    cutoff = now - period(DataClass.AGGRESSOR)
    recent_incident = IncidentAggressor.objects.filter(
        aggressor=OuterRef("pk"), incident__occurred_at__gte=cutoff
    )
    candidates = Aggressor.objects.filter(anonymised_at__isnull=True).filter(~Exists(recent_incident))
    recent_measure = Measure.objects.filter(aggressor=OuterRef("pk")).filter(
        Q(decided_at__gte=cutoff) | Q(ends_on__gte=cutoff.date())
    )
    return candidates.filter(~Exists(recent_measure))


def erase_aggressor(aggressor: Aggressor, now) -> None:
    with transaction.atomic():
        bans = Ban.objects.filter(measure__aggressor=aggressor).exclude(photo="")
        _delete_files_after_commit([aggressor.photo, *(ban.photo for ban in bans)])
        bans.update(photo="")
        Aggressor.objects.filter(pk=aggressor.pk).update(photo="", anonymised_at=now, **AGGRESSOR_FIELDS)
        _ledger(DataClass.AGGRESSOR, aggressor, now)


def erase_aftercare_notes(now) -> int:
    cutoff = now - period(DataClass.AFTERCARE_NOTES)
    cases = AftercareCase.objects.filter(closed_at__lt=cutoff)
    with transaction.atomic():
        deleted, _ = AftercareNote.objects.filter(case__in=cases).delete()
    return deleted


def erase_notifications(now) -> int:
    cutoff = now - period(DataClass.NOTIFICATIONS)
    deleted, _ = Notification.objects.filter(created_at__lt=cutoff).exclude(emailed_at__isnull=True).delete()
    return deleted


def erase_audit_log(now) -> int:
    return purge_audit_before(now - period(DataClass.AUDIT_LOG))


PENDING_UPLOAD_MAX_AGE = timedelta(days=1)


def erase_pending_uploads(now) -> int:
    """Files accepted for a form that was never sent: kept a day, so a form error loses nothing."""
    stale = PendingUpload.objects.filter(created_at__lt=now - PENDING_UPLOAD_MAX_AGE)
    with transaction.atomic():
        _delete_files_after_commit([upload.file for upload in stale])
        deleted, _ = stale.delete()
    return deleted


def sweep(now=None) -> dict[str, int]:
    """Erase everything whose retention period has passed. Idempotent."""
    now = now or timezone.now()
    counts = {}
    incidents = list(expired_incidents(now)[:5000])
    for incident in incidents:
        erase_incident(incident, now)
    counts[DataClass.INCIDENT_DETAILS] = len(incidents)
    aggressors = list(expired_aggressors(now)[:5000])
    for aggressor in aggressors:
        erase_aggressor(aggressor, now)
    counts[DataClass.AGGRESSOR] = len(aggressors)
    counts[DataClass.AFTERCARE_NOTES] = erase_aftercare_notes(now)
    counts[DataClass.NOTIFICATIONS] = erase_notifications(now)
    counts[DataClass.AUDIT_LOG] = erase_audit_log(now)
    counts[PENDING_UPLOADS] = erase_pending_uploads(now)
    return {str(k): v for k, v in counts.items()}


def daily_sweep(now=None) -> RetentionRun | None:
    """Run the sweep once per local calendar day, however many schedulers call it."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    try:
        with transaction.atomic():
            run = RetentionRun.objects.create(local_date=today, started_at=now)
    except IntegrityError:
        return None  # already claimed today
    run.counts = sweep(now)
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    logger.info("retention sweep %s: %s", today, run.counts)
    return run
