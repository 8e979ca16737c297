"""Access bans: imposing, serving, extending, reviewing, and registering a breach.

"In force" is never stored: it is computed from the dates (``Ban.objects.in_force``). The
deadlines (review before the end, the end itself) only remind people; they do not decide
whether reception sees the person.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.deadlines import deadline_close, deadline_open
from gir.deadlines.arithmetic import end_of_local_day
from gir.models import Location, Organisation
from incidents.constants import AggressionForm, LocationType, ReporterRole
from incidents.models import Aggressor
from sanctions.constants import (
    DEADLINE_BAN_END,
    DEADLINE_BAN_REVIEW,
    DEADLINE_BAN_SERVE,
    EventKind,
    MeasureStatus,
    Receipt,
    ServiceMethod,
)
from sanctions.models import Ban, BanBreach, BanLocation, Measure
from sanctions.services.breaches import breach_aangifte_task
from sanctions.services.common import MeasureError, add_event, first_incident_id, lock, transition
from sanctions.services.photos import copy_aggressor_photo
from sanctions.services.requests import ban_requests_answer


class BanOverlap(MeasureError):
    """Another ban for this person and location overlaps the period."""


def ban_length_days(starts_on: date, ends_on: date) -> int:
    """Days in force, both dates included."""
    return (ends_on - starts_on).days + 1


def find_overlap(
    *,
    aggressor,
    starts_on: date,
    ends_on: date,
    all_locations: bool,
    location_ids,
    exclude_pk: int | None = None,
) -> Ban | None:
    """A ban of ``aggressor`` that is not revoked and shares a day and a location."""
    bans = (
        Ban.objects.filter(
            measure__aggressor=aggressor, measure__starts_on__lte=ends_on, measure__ends_on__gte=starts_on
        )
        .exclude(measure__status=MeasureStatus.REVOKED)
        .exclude(pk=exclude_pk)
    )
    if not all_locations:
        bans = bans.filter(Q(all_locations=True) | Q(location_links__location_id__in=list(location_ids)))
    return bans.select_related("measure").first()


def _overlap_error(other: Ban) -> BanOverlap:
    return BanOverlap(
        _(
            "Deze periode overlapt met toegangsverbod %(ref)s (%(start)s tot en met %(end)s) voor deze "
            "persoon en locatie. Twee verboden mogen elkaar niet overlappen: verleng of trek het andere "
            "verbod in."
        )
        % {
            "ref": other.measure.reference,
            "start": other.measure.starts_on.strftime("%d-%m-%Y"),
            "end": other.measure.ends_on.strftime("%d-%m-%Y"),
        },
        field="starts_on",
    )


def _covered_locations(all_locations: bool, locations) -> list[Location]:
    # "All buildings" is copied out to every active location so the database rule applies.
    return list(Location.objects.filter(is_active=True)) if all_locations else list(locations)


def ban_rules_check(*, aggressor, starts_on: date, ends_on: date | None, details: dict) -> None:
    """The rules of a new ban, written once: the decision form shows these refusals at the field
    they concern, and ``measure_decide`` enforces them (under its lock on the person, so the
    overlap check sees every earlier ban). ``details`` as for ``create_ban``.
    """
    if ends_on is None:
        raise MeasureError(_("Vul de einddatum van het toegangsverbod in."), field="ends_on")
    minimum = Organisation.get().minimum_ban_days
    if ban_length_days(starts_on, ends_on) < minimum and not details.get("shorter_motivation", "").strip():
        raise MeasureError(
            _(
                "Dit verbod duurt korter dan %(days)d dagen. Een toegangsverbod duurt minimaal %(days)d "
                "dagen, tenzij u een kortere duur motiveert."
            )
            % {"days": minimum},
            field="shorter_motivation",
        )
    all_locations = details.get("all_locations", True)
    locations = _covered_locations(all_locations, details.get("locations", []))
    if not locations:
        raise MeasureError(_("Kies ten minste één locatie, of kies alle gebouwen."), field="locations")
    other = find_overlap(
        aggressor=aggressor,
        starts_on=starts_on,
        ends_on=ends_on,
        all_locations=all_locations,
        location_ids=[loc.pk for loc in locations],
    )
    if other is not None:
        raise _overlap_error(other)


def create_ban(measure: Measure, by, details: dict, photo) -> Ban:
    """Part of ``measure_decide`` for a ban, after ``ban_rules_check``: locations, photo, deadline."""
    all_locations = details.get("all_locations", True)
    locations = _covered_locations(all_locations, details.get("locations", []))
    aggressor = measure.aggressor
    ban = Ban(
        measure=measure,
        all_locations=all_locations,
        shorter_motivation=details.get("shorter_motivation", "").strip(),
        instruction=details["instruction"],
        instruction_text=details.get("instruction_text", ""),
    )
    ban.save()
    _write_coverage(ban, aggressor, locations, measure.starts_on, measure.ends_on)
    if photo is not None:
        # Stored only after the overlap rules passed, so a refused ban leaves no file behind.
        ban.photo.save(photo.name, photo, save=True)
    elif aggressor.photo:
        copy_aggressor_photo(ban, aggressor)  # reception needs a face; it can be replaced later
    ban_requests_answer(measure=measure, by=by)
    # Not in force until served: remind the decider to hand it over by the start date.
    deadline_open(
        kind=DEADLINE_BAN_SERVE,
        subject=measure,
        starts_at=measure.decided_at,
        due=max(end_of_local_day(measure.starts_on), measure.decided_at + timedelta(days=1)),
        owner=by,
        incident_id=first_incident_id(measure),
    )
    return ban


@contextmanager
def _database_overlap_check():
    """Turn the exclusion constraint's refusal (an overlap the check could not see) into a BanOverlap."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise BanOverlap(
            _("Er is al een toegangsverbod voor deze persoon en locatie in deze periode.")
        ) from exc


def _write_coverage(ban: Ban, aggressor, locations, starts_on: date, ends_on: date) -> None:
    rows = [
        BanLocation(ban=ban, location=loc, aggressor=aggressor, start_date=starts_on, end_date=ends_on)
        for loc in locations
    ]
    with _database_overlap_check():
        BanLocation.objects.bulk_create(rows)


def _open_deadlines(ban: Ban, now: datetime) -> None:
    measure = ban.measure
    end = end_of_local_day(measure.ends_on)
    review_due = max(end - Organisation.get().ban_review_lead, now)
    common = {"subject": measure, "starts_at": now, "owner": measure.decided_by}
    incident_id = first_incident_id(measure)
    deadline_open(kind=DEADLINE_BAN_REVIEW, due=review_due, incident_id=incident_id, **common)
    # No pre-reminder for the end itself (lead 0): the review deadline is that reminder.
    deadline_open(kind=DEADLINE_BAN_END, due=end, incident_id=incident_id, lead=timedelta(0), **common)


def _ban_locked(ban: Ban) -> tuple[Ban, Measure]:
    measure = lock(ban.measure)
    ban = Ban.objects.select_for_update().get(pk=ban.pk)
    ban.measure = measure
    return ban, measure


@transaction.atomic
def ban_serve(
    *, ban: Ban, by, method: str, served_on: date, receipt: str = "", tracking_number: str = ""
) -> Ban:
    """Record how the ban was served. Only from then on can it be in force.

    Opens the review reminder (``ban_review_lead`` before the end) and the end notice (at
    the local midnight that ends the last day), both owned by the deciding manager.
    """
    ban, measure = _ban_locked(ban)
    if measure.is_revoked:
        raise MeasureError(_("Dit toegangsverbod is ingetrokken."))
    if ban.served_on is not None:
        raise MeasureError(_("Dit toegangsverbod is al uitgereikt."))
    if served_on > measure.ends_on:
        raise MeasureError(_("De datum van uitreiken ligt na de einddatum van het verbod."))
    if method == ServiceMethod.IN_PERSON and receipt not in Receipt.values:
        raise MeasureError(_("Geef aan of de ontvangst is getekend of geweigerd."))
    if method == ServiceMethod.REGISTERED_MAIL and not tracking_number.strip():
        raise MeasureError(_("Vul het zendingnummer van de aangetekende brief in."))
    ban.service_method = method
    ban.served_on = served_on
    ban.receipt = receipt if method == ServiceMethod.IN_PERSON else ""
    ban.tracking_number = tracking_number if method == ServiceMethod.REGISTERED_MAIL else ""
    ban.served_recorded_by = by
    ban.save()
    transition(measure, MeasureStatus.DONE)
    add_event(measure, by, EventKind.SERVED, ServiceMethod(method).label)
    deadline_close(kind=DEADLINE_BAN_SERVE, subject=measure, by=by, note=str(ServiceMethod(method).label))
    _open_deadlines(ban, timezone.now())
    return ban


@transaction.atomic
def ban_extend(*, ban: Ban, by, new_end: date, reason: str) -> Ban:
    """Extend a ban to ``new_end``: a new history row; the deadlines move with it."""
    if not by.has_perm("sanctions.impose_ban"):
        raise PermissionDenied("Extending a ban needs the mandate")
    ban, measure = _ban_locked(ban)
    if measure.is_revoked:
        raise MeasureError(_("Dit toegangsverbod is ingetrokken."))
    if new_end <= measure.ends_on:
        raise MeasureError(_("De nieuwe einddatum moet na de huidige einddatum liggen."))
    aggressor = Aggressor.objects.select_for_update().get(pk=measure.aggressor_id)
    other = find_overlap(
        aggressor=aggressor,
        starts_on=measure.starts_on,
        ends_on=new_end,
        all_locations=ban.all_locations,
        location_ids=ban.location_links.values_list("location_id", flat=True),
        exclude_pk=ban.pk,
    )
    if other is not None:
        raise _overlap_error(other)
    old_end = measure.ends_on
    measure.ends_on = new_end
    measure.save(update_fields=["ends_on"])
    with _database_overlap_check():
        BanLocation.objects.filter(ban=ban).update(end_date=new_end)
    add_event(measure, by, EventKind.EXTENDED, reason, old_end=old_end, new_end=new_end)
    if ban.served_on is not None:
        _open_deadlines(ban, timezone.now())
    return ban


@transaction.atomic
def ban_review_record(*, ban: Ban, by, note: str) -> Ban:
    """The ban was reviewed and runs out as planned.

    Only the review reminder is done: the end notice is an announcement the scan sends (to the
    deciding manager and the coordinator) and closes itself when the ban ends.
    """
    ban, measure = _ban_locked(ban)
    if measure.is_revoked:
        raise MeasureError(_("Dit toegangsverbod is ingetrokken."))
    add_event(measure, by, EventKind.REVIEWED, note)
    deadline_close(kind=DEADLINE_BAN_REVIEW, subject=measure, by=by, note=note)
    return ban


def _breach_incident(ban: Ban, by, occurred_at: datetime, location, place: str, description: str, forms):
    from incidents.services import aggressor_link, incident_register

    first = ban.measure.incidents.order_by("occurred_at", "pk").select_related("department").first()
    department = first.department if first is not None else by.department
    incident, _created = incident_register(
        reporter=by,
        occurred_at=occurred_at,
        department=department,
        location_type=LocationType.COUNTER,
        location=location,
        place=place,
        description=description,
        forms=list(forms) or [AggressionForm.OTHER],
        reporter_role=ReporterRole.SELF,
    )
    aggressor_link(incident=incident, aggressor=ban.measure.aggressor, by=by)
    return incident


@transaction.atomic
def breach_register(
    *,
    ban: Ban,
    by,
    occurred_at: datetime,
    description: str,
    location=None,
    place: str = "",
    forms=(),
    submission_token: str | None = None,
) -> BanBreach:
    """A banned person came in anyway (seed 004 §8.3).

    Becomes a new incident linked to the person and the ban, and prompts aangifte (art. 138
    Sr): the new incident's handler gets the task "aangifte doen na overtreding" with its
    deadline (``sanctions.services.breaches``), and the coordinator is told.
    """
    if not by.has_perm("sanctions.register_breach"):
        raise PermissionDenied("Registering a breach needs register_breach")
    # A double-clicked submit must not file two incidents: serialise on the ban, then look
    # for the form's one-time token.
    Ban.objects.select_for_update().filter(pk=ban.pk).first()
    if submission_token:
        repeat = BanBreach.objects.filter(submission_token=submission_token, registered_by=by).first()
        if repeat is not None:
            return repeat
    incident = _breach_incident(ban, by, occurred_at, location, place, description, forms)
    breach = BanBreach.objects.create(
        ban=ban,
        occurred_at=occurred_at,
        location=location,
        place=place,
        description=description,
        registered_by=by,
        incident=incident,
        submission_token=submission_token or None,
    )
    _breach_follow_up(breach, by)
    return breach


def _breach_follow_up(breach: BanBreach, by) -> None:
    """History, the aangifte deadline and the message to the people who act on it."""
    measure, incident = breach.ban.measure, breach.incident
    add_event(measure, by, EventKind.BREACH, incident.reference)
    breach_aangifte_task(breach=breach, incident=incident)
