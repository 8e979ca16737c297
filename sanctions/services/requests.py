"""Ban requests: a manager puts an access ban before a mandated manager, as a task with a due time.

The request is a ``gir.Deadline`` of kind ``ban_request`` owned by the mandated manager it is
addressed to (``own_owner``: it does not follow the incident's handler), shown in their
"Mijn taken". While it is open they may read the incidents and the person it concerns
(``sanctions.scoping``). Deciding a ban for the person answers every open request for them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.deadlines import deadline_close, deadline_open
from gir.deputies import principal_ids, stand_in
from gir.errors import RuleViolation
from gir.models import Organisation
from gir.notifications import notify, users_with_perm
from sanctions.constants import DEADLINE_BAN_REQUEST, MeasureType
from sanctions.models import BanRequest


def mandated_managers(*, exclude=()):
    return users_with_perm("sanctions.impose_ban").exclude(pk__in=[u.pk for u in exclude]).order_by("pk")


def open_request_for(user, aggressor) -> BanRequest | None:
    """The open request about ``aggressor`` addressed to ``user`` (or to the mandated manager they
    stand in for during leave), if any (shown on the ban form)."""
    return requests_for(user).filter(aggressor=aggressor).first()


def requests_for(user):
    """Open requests ``user`` answers: addressed to them, or to whom they stand in for."""
    return BanRequest.objects.open().filter(addressed_to_id__in=principal_ids(user))


def request_url(request: BanRequest) -> str:
    url = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": request.aggressor_id, "measure_type": MeasureType.BAN},
    )
    query = "&".join(f"incident={pk}" for pk in request.incidents.values_list("pk", flat=True))
    return f"{url}?{query}"


@transaction.atomic
def ban_request_create(*, aggressor, incidents, by, addressed_to=None, note: str = "") -> BanRequest:
    """Ask ``addressed_to`` (default: the first mandated manager who is not ``by``) for a ban.

    A second request for the same person to the same mandated manager while one is open
    returns the open one.
    """
    if not by.has_perm("sanctions.decide_measure"):
        raise PermissionDenied("Requesting a ban needs decide_measure")
    incidents = list(incidents)
    if not incidents:
        raise RuleViolation(_("Kies voor welk incident het verzoek is."))
    addressed_to = addressed_to or mandated_managers(exclude=[by]).first()
    if addressed_to is None or not addressed_to.has_perm("sanctions.impose_ban"):
        raise RuleViolation(_("Er is geen gemandateerde die over een toegangsverbod kan beslissen."))
    existing = BanRequest.objects.open().filter(aggressor=aggressor, addressed_to=addressed_to).first()
    if existing is not None:
        return existing
    request = BanRequest.objects.create(
        aggressor=aggressor, requested_by=by, addressed_to=addressed_to, note=note
    )
    request.incidents.set(incidents)
    deadline_open(
        kind=DEADLINE_BAN_REQUEST,
        subject=request,
        starts_at=request.requested_at,
        norm=Organisation.get().ban_request_norm,
        owner=addressed_to,
        incident_id=min(incident.pk for incident in incidents),
    )
    references = ", ".join(incident.reference for incident in incidents)
    notify(
        recipients=[stand_in(addressed_to)],
        subject=_("Verzoek om een toegangsverbod (%(refs)s)") % {"refs": references},
        body=_("Een leidinggevende vraagt u een toegangsverbod te overwegen. Het staat in Mijn taken."),
        url=request_url(request),
    )
    return request


def ban_requests_answer(*, measure, by) -> int:
    """A ban was decided for the person: every open request for them is answered by it."""
    answered = 0
    for request in BanRequest.objects.select_for_update().open().filter(aggressor_id=measure.aggressor_id):
        request.closed_at, request.closed_by, request.measure = timezone.now(), by, measure
        request.save(update_fields=["closed_at", "closed_by", "measure"])
        deadline_close(kind=DEADLINE_BAN_REQUEST, subject=request, by=by, note=measure.reference)
        answered += 1
    return answered


@transaction.atomic
def ban_request_decline(*, request: BanRequest, by, reason: str) -> BanRequest:
    """The mandated manager decides no ban is needed; the requester hears why."""
    request = BanRequest.objects.select_for_update().get(pk=request.pk)
    if request.closed_at is not None:
        raise RuleViolation(_("Op dit verzoek is al beslist."))
    if not reason.strip():
        raise RuleViolation(_("Schrijf waarom er geen toegangsverbod komt."), field="reason")
    request.closed_at, request.closed_by, request.decline_reason = timezone.now(), by, reason.strip()
    request.save(update_fields=["closed_at", "closed_by", "decline_reason"])
    deadline_close(kind=DEADLINE_BAN_REQUEST, subject=request, by=by, note=reason)
    notify(
        recipients=[request.requested_by],
        subject=_("Geen toegangsverbod na uw verzoek %(ref)s") % {"ref": request},
        body=reason.strip(),
        url=reverse("sanctions:decide", kwargs={"aggressor_pk": request.aggressor_id}),
    )
    return request
