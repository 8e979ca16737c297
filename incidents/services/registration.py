"""Filing an incident (DESIGN.md step 1): the short report an employee makes in two minutes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import events
from gir.errors import RuleViolation
from gir.registry import run_hooks
from incidents.constants import EventKind, InvolvementRole, ReporterRole, Status, VictimKind
from incidents.models import Incident, IncidentForm, Involvement, ReferenceCounter, ReportDraft, StatusChange
from incidents.services.common import add_event, notify_new_incident, open_deadlines
from incidents.services.evidence import attach_pending
from incidents.services.handlers import handler_route


@dataclass(frozen=True)
class Target:
    """Who was targeted: the reporter, a colleague (an account) or a person by name."""

    user: object | None = None
    name: str = ""
    victim_kind: str = VictimKind.EMPLOYEE
    function: str = ""


def next_reference(now: datetime) -> str:
    """GIR-YYYY-NNNN: the per-year counter is incremented under a row lock, so two reports
    filed at the same moment never get the same number."""
    year = timezone.localtime(now).year
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"GIR-{year}-{counter.last:04d}"


def victim_department(*, reporter, reporter_role: str, target: Target):
    """The incident belongs to the victim's department: the colleague's when reporting on their
    behalf, the reporter's own otherwise (an office holder's case goes to the coordinator as
    handler, the department only files it)."""
    if reporter_role != ReporterRole.SELF and target.user is not None and target.user.department_id:
        return target.user.department
    if reporter.department_id:
        return reporter.department
    raise RuleViolation(_("Kies de afdeling waar de melding bij hoort."), field="department")


def _involvements(incident: Incident, reporter, reporter_role: str, target: Target) -> None:
    if reporter_role == ReporterRole.SELF:
        Involvement.objects.create(
            incident=incident,
            role=InvolvementRole.VICTIM,
            user=reporter,
            function=reporter.job_title,
            department=reporter.department,
        )
        return
    Involvement.objects.create(
        incident=incident,
        role=InvolvementRole.VICTIM,
        user=target.user,
        name="" if target.user else target.name,
        victim_kind=target.victim_kind,
        function=target.function or (target.user.job_title if target.user else ""),
        department=target.user.department if target.user else None,
    )
    if reporter_role == ReporterRole.WITNESS:
        Involvement.objects.create(
            incident=incident,
            role=InvolvementRole.WITNESS,
            user=reporter,
            function=reporter.job_title,
            department=reporter.department,
        )


def _already_filed(reporter, submission_token: str | None) -> Incident | None:
    if not submission_token:
        return None
    # Serialise the submissions of one user on their draft row, then look for the token.
    ReportDraft.objects.select_for_update().filter(user=reporter).first()
    return Incident.objects.filter(submission_token=submission_token, reporter=reporter).first()


def incident_register(
    *,
    reporter,
    occurred_at: datetime,
    location_type: str,
    description: str,
    forms: list[str],
    reporter_role: str = ReporterRole.SELF,
    target: Target | None = None,
    department=None,
    location=None,
    place: str = "",
    aggressor_name: str = "",
    hospital_admission: bool = False,
    submission_token: str | None = None,
    pending_ids: list[int] | None = None,
) -> tuple[Incident, bool]:
    """File an incident in one transaction. Returns ``(incident, created)``.

    A repeated submission with the same one-time token returns the incident filed first
    (``created`` False): a double-clicked submit creates one incident. Deadlines start at the
    incident time, so a late report starts overdue. Notifications are rows now and e-mail
    after commit: filing never depends on the broker or the mail server.
    """
    target = target or Target()
    if reporter_role != ReporterRole.SELF and target.user is None and not target.name:
        raise ValueError("Reporting for someone else needs a target (a user or a name)")
    department = department or victim_department(
        reporter=reporter, reporter_role=reporter_role, target=target
    )
    return _file_once(
        reporter,
        submission_token,
        lambda: _create(
            reporter=reporter,
            occurred_at=occurred_at,
            department=department,
            location_type=location_type,
            description=description,
            forms=forms,
            reporter_role=reporter_role,
            target=target,
            location=location,
            place=place,
            aggressor_name=aggressor_name,
            hospital_admission=hospital_admission,
            submission_token=submission_token,
            pending_ids=pending_ids or [],
        ),
    )


def _file_once(
    reporter, submission_token: str | None, create: Callable[[], Incident]
) -> tuple[Incident, bool]:
    """Run ``create`` in one transaction unless this token's incident was filed already."""
    try:
        with transaction.atomic():
            existing = _already_filed(reporter, submission_token)
            if existing is not None:
                return existing, False
            return create(), True
    except IntegrityError:
        # The last guard: the unique token lost a race that the row lock did not prevent.
        existing = Incident.objects.filter(submission_token=submission_token, reporter=reporter).first()
        if submission_token and existing is not None:
            return existing, False
        raise


def _create(*, reporter, target: Target, forms: list[str], pending_ids: list[int], **fields) -> Incident:
    now = timezone.now()
    incident = Incident.objects.create(
        reference=next_reference(now), reporter=reporter, reported_at=now, created_at=now, **fields
    )
    codes = set(forms)
    IncidentForm.objects.bulk_create([IncidentForm(incident=incident, form=code) for code in sorted(codes)])
    _involvements(incident, reporter, fields["reporter_role"], target)
    add_event(incident, reporter, EventKind.REPORTED, at=now)
    handler_route(incident=incident, by=reporter, why=_("nieuwe melding"), announce=False)
    StatusChange.objects.create(incident=incident, to_status=Status.REPORTED, by=reporter, at=now)
    if pending_ids:
        attach_pending(incident=incident, by=reporter, pending_ids=pending_ids)
    open_deadlines(incident, codes)
    ReportDraft.objects.filter(user=reporter).delete()
    run_hooks(events.INCIDENT_REGISTERED, incident=incident, by=reporter)
    notify_new_incident(incident, codes, reporter)
    return incident
