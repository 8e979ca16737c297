"""Aftercare writes: open cases, plan and record talks, refer, close. Each in one transaction.

Talk deadlines go through the one deadline engine (``gir.deadlines``): opened when the case
is opened, moved when the incident time is corrected, closed when the talk is held, declined
or not needed. A declined talk gets a new offer after ``Organisation.aftercare_reoffer_after``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercare.constants import (
    OPEN_TALK_STATUSES,
    REOFFER_DEADLINE_KIND,
    TALK_DEADLINE_KINDS,
    TALK_NORM_FIELDS,
    TALK_TRANSITIONS,
    CaseStatus,
    TalkStatus,
)
from aftercare.models import AftercareCase, AftercareEvent, AftercareNote, AftercareTalk, Referral
from gir import audit_texts as texts
from gir.audit import audit_log
from gir.deadlines import deadline_close, deadline_open, deadline_reschedule
from gir.errors import RuleViolation
from gir.models import AuditEntry, Deadline, Organisation, User
from gir.notifications import notify, users_with_perm
from incidents.constants import InvolvementRole

CARE_ROLES = {InvolvementRole.VICTIM, InvolvementRole.WITNESS}


class TransitionError(RuleViolation):
    """A talk cannot move from its current status to the requested one."""


def _event(case: AftercareCase, by, text: str) -> None:
    AftercareEvent.objects.create(case=case, by=by, text=text[:200])


def workers(*, exclude: User | None = None):
    """The active aftercare workers, without ``exclude`` (the person a case is about)."""
    holders = users_with_perm("aftercare.handle_cases")
    if exclude is not None:
        holders = holders.exclude(pk=exclude.pk)
    # users_with_perm is DISTINCT over joins; a plain queryset can be annotated and ordered.
    return User.objects.filter(pk__in=holders.values("pk"))


def least_loaded_worker(*, exclude: User | None = None) -> User | None:
    """The aftercare worker with the fewest open cases (ties: by name), never the person themselves."""
    return (
        workers(exclude=exclude)
        .annotate(
            load=Count("assigned_aftercare_cases", filter=Q(assigned_aftercare_cases__status=CaseStatus.OPEN))
        )
        .order_by("load", "last_name", "first_name", "pk")
        .first()
    )


def _talk_deadline_open(talk: AftercareTalk, due: datetime) -> None:
    case = talk.case
    deadline_open(
        kind=TALK_DEADLINE_KINDS[talk.number],
        subject=talk,
        starts_at=case.incident.occurred_at,
        due=due,
        owner=case.assigned_to,
        incident_id=case.incident_id,
    )


@transaction.atomic
def case_open(*, involvement, by=None) -> AftercareCase | None:
    """Open the aftercare case of a victim or witness, with three talks and their deadlines.

    Idempotent: a second call for the same involvement returns the existing case.
    """
    if involvement.role not in CARE_ROLES:
        return None
    existing = AftercareCase.objects.filter(involvement=involvement).first()
    if existing is not None:
        return existing
    incident = involvement.incident
    case = AftercareCase.objects.create(
        incident=incident,
        involvement=involvement,
        person=involvement.user,
        role=involvement.role,
        assigned_to=least_loaded_worker(exclude=involvement.user),
    )
    org = Organisation.get()
    for number, field in TALK_NORM_FIELDS.items():
        talk = AftercareTalk.objects.create(
            case=case, number=number, due_at=incident.occurred_at + getattr(org, field)
        )
        _talk_deadline_open(talk, talk.due_at)
    _event(case, by, _("Nazorgdossier geopend"))
    if case.assigned_to is not None:
        notify(
            recipients=[case.assigned_to],
            subject=_("Nieuw nazorgdossier bij %(ref)s") % {"ref": incident.reference},
            body=_("U bent contactpersoon voor de nazorg. Plan het eerste gesprek."),
            url=case_url(case),
        )
    return case


def case_url(case: AftercareCase) -> str:
    return reverse("aftercare:case", kwargs={"pk": case.pk})


@transaction.atomic
def cases_open_for_incident(*, incident, by=None) -> list[AftercareCase]:
    """Open a case for every victim and witness of a newly registered incident."""
    cases = [case_open(involvement=inv, by=by) for inv in incident.involvements.all()]
    return [c for c in cases if c is not None]


@transaction.atomic
def talks_recompute(*, incident, by=None) -> int:
    """The incident time was corrected: move the due time of every talk still to be had."""
    org = Organisation.get()
    moved = 0
    talks = AftercareTalk.objects.filter(
        case__incident=incident, case__status=CaseStatus.OPEN
    ).select_related("case")
    for talk in talks:
        norm = getattr(org, TALK_NORM_FIELDS[talk.number])
        new_due = incident.occurred_at + norm
        if new_due == talk.due_at:
            continue
        talk.due_at = new_due
        talk.save(update_fields=["due_at", "updated_at"])
        deadline_reschedule(
            kind=TALK_DEADLINE_KINDS[talk.number], subject=talk, starts_at=incident.occurred_at, norm=norm
        )
        moved += 1
    return moved


@transaction.atomic
def case_assign(*, case: AftercareCase, to: User | None, by) -> AftercareCase:
    """Make ``to`` the contact person; the open talk deadlines follow."""
    case.assigned_to = to
    case.save(update_fields=["assigned_to"])
    talk_ids = list(case.talks.values_list("pk", flat=True))
    Deadline.objects.open().filter(
        content_type__app_label="aftercare", content_type__model="aftercaretalk", object_id__in=talk_ids
    ).update(owner=to)
    _event(case, by, _("Contactpersoon gewijzigd"))
    if to is not None and to != by:
        notify(
            recipients=[to],
            subject=_("Nazorgdossier %(ref)s aan u toegewezen") % {"ref": case.incident.reference},
            url=case_url(case),
        )
    return case


def _move(talk: AftercareTalk, to: str) -> None:
    if to not in TALK_TRANSITIONS[talk.status]:
        raise TransitionError(
            _("Gesprek %(n)s is al afgerond (%(status)s). Dat kunt u niet meer veranderen.")
            % {"n": talk.number, "status": talk.get_status_display().lower()}
        )
    if not talk.case.is_open:
        raise TransitionError(
            _("Dit nazorgdossier is afgesloten. U kunt niets meer veranderen aan de gesprekken.")
        )
    talk.status = to


def _close_talk_deadlines(talk: AftercareTalk, by, note: str) -> None:
    deadline_close(kind=TALK_DEADLINE_KINDS[talk.number], subject=talk, by=by, note=note)
    deadline_close(kind=REOFFER_DEADLINE_KIND, subject=talk, by=by, note=note)


@transaction.atomic
def talk_plan(*, talk: AftercareTalk, start: datetime, minutes: int, place: str, by) -> AftercareTalk:
    """Plan (or re-plan) a talk. A talk offered again after a decline is accepted by planning it."""
    talk = AftercareTalk.objects.select_for_update().select_related("case__incident").get(pk=talk.pk)
    was_declined = talk.status == TalkStatus.DECLINED
    _move(talk, TalkStatus.PLANNED)
    talk.planned_start, talk.planned_minutes, talk.place = start, minutes, place
    talk.ics_sequence += 1
    talk.save()
    if was_declined:
        # The new offer was accepted: the talk's own deadline runs again until it is held.
        deadline_close(kind=REOFFER_DEADLINE_KIND, subject=talk, by=by, note="opnieuw aangeboden")
        _talk_deadline_open(talk, max(talk.due_at, start))
    _event(talk.case, by, _("Gesprek %(n)s gepland") % {"n": talk.number})
    if talk.case.person_id and talk.case.person_id != getattr(by, "pk", None):
        notify(
            recipients=[talk.case.person],
            subject=_("Uitnodiging nazorggesprek (%(ref)s)") % {"ref": talk.case.incident.reference},
            body=_("Er is een nazorggesprek voor u gepland. U vindt datum, tijd en plaats via de link."),
            url=case_url(talk.case),
        )
    return talk


@transaction.atomic
def talk_hold(*, talk: AftercareTalk, held_at: datetime, note: str, by) -> AftercareTalk:
    """Record that a talk was held, with an optional short confidential note."""
    talk = AftercareTalk.objects.select_for_update().select_related("case").get(pk=talk.pk)
    _move(talk, TalkStatus.HELD)
    talk.held_at = held_at
    talk.save()
    _close_talk_deadlines(talk, by, "gehouden")
    if note.strip():
        note_add(case=talk.case, talk=talk, text=note, by=by)
    _event(talk.case, by, _("Gesprek %(n)s gehouden") % {"n": talk.number})
    return talk


@transaction.atomic
def talk_decline(*, talk: AftercareTalk, by, at: datetime | None = None, note: str = "") -> AftercareTalk:
    """The employee does not want this talk now. It is offered again once, after the re-offer period."""
    at = at or timezone.now()
    talk = AftercareTalk.objects.select_for_update().select_related("case__incident").get(pk=talk.pk)
    _move(talk, TalkStatus.DECLINED)
    talk.declined_at = at
    talk.times_declined += 1
    talk.save()
    _close_talk_deadlines(talk, by, "afgeslagen")
    if talk.times_declined == 1:
        deadline_open(
            kind=REOFFER_DEADLINE_KIND,
            subject=talk,
            starts_at=at,
            norm=Organisation.get().aftercare_reoffer_after,
            owner=talk.case.assigned_to,
            incident_id=talk.case.incident_id,
        )
    if note.strip():
        note_add(case=talk.case, talk=talk, text=note, by=by)
    _event(talk.case, by, _("Gesprek %(n)s afgeslagen") % {"n": talk.number})
    return talk


@transaction.atomic
def talk_not_needed(*, talk: AftercareTalk, by, note: str = "") -> AftercareTalk:
    talk = AftercareTalk.objects.select_for_update().select_related("case").get(pk=talk.pk)
    _move(talk, TalkStatus.NOT_NEEDED)
    talk.save()
    _close_talk_deadlines(talk, by, "niet nodig")
    if note.strip():
        note_add(case=talk.case, talk=talk, text=note, by=by)
    _event(talk.case, by, _("Gesprek %(n)s niet nodig") % {"n": talk.number})
    return talk


@transaction.atomic
def note_add(*, case: AftercareCase, text: str, by, talk: AftercareTalk | None = None) -> AftercareNote:
    """Append a confidential note. The audit log records that one was written, not what."""
    note = AftercareNote.objects.create(case=case, talk=talk, text=text.strip(), written_by=by)
    audit_log(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=note,
        description=texts.AFTERCARE_NOTE_ADDED(case=case.pk),
    )
    return note


@transaction.atomic
def referral_add(*, case: AftercareCase, kind: str, other: str, by, at: datetime | None = None) -> Referral:
    if not case.is_open:
        raise TransitionError(
            _("Dit nazorgdossier is afgesloten. U kunt geen doorverwijzing meer vastleggen.")
        )
    referral = Referral.objects.create(
        case=case, kind=kind, other=other, by=by, referred_at=at or timezone.now()
    )
    _event(case, by, _("Doorverwijzing vastgelegd"))
    return referral


@transaction.atomic
def case_close(*, case: AftercareCase, reason: str, by, at: datetime | None = None) -> AftercareCase:
    """Close the case. Talks still open are not needed any more; their deadlines close."""
    case = AftercareCase.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise TransitionError(_("Dit nazorgdossier is al afgesloten."))
    for talk in case.talks.filter(status__in=[*OPEN_TALK_STATUSES, TalkStatus.DECLINED]):
        talk.status = TalkStatus.NOT_NEEDED
        talk.save(update_fields=["status", "updated_at"])
        _close_talk_deadlines(talk, by, "dossier afgesloten")
    case.status, case.close_reason = CaseStatus.CLOSED, reason
    case.closed_at, case.closed_by = at or timezone.now(), by
    case.save(update_fields=["status", "close_reason", "closed_at", "closed_by"])
    _event(case, by, _("Nazorgdossier afgesloten"))
    return case


# --- Hooks (registered in AftercareConfig.ready) ---------------------------------------------


def on_incident_registered(*, incident, by=None, **_kwargs) -> None:
    cases_open_for_incident(incident=incident, by=by)


def on_involvement_added(*, involvement, by=None, **_kwargs) -> None:
    case_open(involvement=involvement, by=by)


def on_incident_time_changed(*, incident, by=None, **_kwargs) -> None:
    talks_recompute(incident=incident, by=by)
