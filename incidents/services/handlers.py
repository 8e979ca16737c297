"""Who handles a case (DESIGN.md invariant "Every case has one handler"; ADR 0010).

- By default a manager of the incident's department: the first active one by account order.
- An office holder as victim, or a default manager who is personally involved (reporter,
  victim or witness), sends the case to the coordinator, who may hand it to another manager.
- A manager of the department, the handler or the coordinator hands it over, with a reason
  (not a manager who is personally involved);
  the history records who handed it from whom to whom and why.
- Whenever the handler changes, every open deadline of every app follows through the deadline
  engine's one hand-over (``gir.deadlines.owners.deadlines_follow_handler``).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gir.deadlines.owners import deadlines_follow_handler
from gir.deputies import stand_in_for_case
from gir.errors import RuleViolation
from gir.notifications import notify, users_with_perm
from incidents.constants import EventKind, InvolvementRole, VictimKind
from incidents.models import Incident
from incidents.scoping import manages
from incidents.services.common import add_event


def involved_user_ids(incident: Incident) -> set[int]:
    """Accounts personally involved: the reporter and every victim or witness with an account."""
    ids = set(incident.involvements.filter(user__isnull=False).values_list("user_id", flat=True))
    return ids | {incident.reporter_id}


def _coordinator(exclude: set[int]):
    return users_with_perm("incidents.view_all_incidents").exclude(pk__in=exclude).order_by("pk").first()


def default_handler(incident: Incident):
    """The handler a case gets when it is filed or moves to another department."""
    involved = involved_user_ids(incident)
    office_holder = incident.involvements.filter(
        role=InvolvementRole.VICTIM, victim_kind=VictimKind.OFFICE_HOLDER
    ).exists()
    manager = incident.department.managers.filter(is_active=True).order_by("pk").first()
    if office_holder or manager is None or manager.pk in involved:
        return _coordinator(involved) or (None if manager is None or manager.pk in involved else manager)
    return manager


def _record(incident: Incident, by, text: str, *, announce: bool = True) -> None:
    add_event(incident, by, EventKind.HANDLER, text)
    deadlines_follow_handler(incident_id=incident.pk, handler=incident.handler)
    if announce and incident.handler is not None and incident.handler != by:
        notify(
            recipients=[stand_in_for_case(incident.handler, incident.pk)],
            subject=_("U behandelt melding %(ref)s") % {"ref": incident.reference},
            body=_("Deze melding is aan u toegewezen. Neem vandaag contact op met de medewerker."),
            url=reverse("incidents:detail", args=[incident.pk]),
        )


def handler_route(*, incident: Incident, by, why: str, announce: bool = True) -> Incident:
    """Give the case its default handler (on filing, a department change, or when the handler
    turns out to be involved). Runs in the caller's transaction. ``announce=False`` on filing:
    the "Nieuwe melding" message already reaches the handler."""
    handler = default_handler(incident)
    if handler is None or handler.pk == incident.handler_id:
        return incident
    incident.handler = handler
    incident.save(update_fields=["handler", "updated_at"])
    text = _("%(name)s behandelt de melding (%(why)s).") % {"name": handler, "why": why}
    _record(incident, by, text, announce=announce)
    return incident


def may_hand_over(user, incident: Incident, involved: set[int] | None = None) -> bool:
    """A manager of the case or the coordinator; a manager who is personally involved does not
    choose who handles their own case (the coordinator does). ``involved``: the ids, if known."""
    if not manages(user, incident):
        return False
    if user.has_perm("incidents.view_all_incidents"):
        return True
    return user.pk not in (involved if involved is not None else involved_user_ids(incident))


def handover_candidates(incident: Incident):
    """Managers who may take the case: active, able to manage cases, not personally involved."""
    holders = users_with_perm("incidents.manage_incidents").exclude(pk__in=involved_user_ids(incident))
    return holders.exclude(pk=incident.handler_id) if incident.handler_id else holders


@transaction.atomic
def incident_hand_over(*, incident: Incident, to, by, reason: str) -> Incident:
    """Hand the case to another manager, with a reason recorded in the history."""
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    if not may_hand_over(by, current):
        raise RuleViolation(_("Alleen een leidinggevende van deze afdeling of de coördinator kan dit doen."))
    if not reason.strip():
        raise RuleViolation(_("Schrijf kort waarom u de melding overdraagt."), field="reason")
    if to.pk in involved_user_ids(current):
        raise RuleViolation(
            _("%(name)s is zelf betrokken bij dit incident en kan het niet behandelen.") % {"name": to},
            field="to",
        )
    if not handover_candidates(current).filter(pk=to.pk).exists():
        raise RuleViolation(_("Kies een andere leidinggevende."), field="to")
    previous = current.handler
    current.handler = to
    current.save(update_fields=["handler", "updated_at"])
    text = _("Overgedragen van %(old)s aan %(new)s: %(reason)s") % {
        "old": previous or _("niemand"),
        "new": to,
        "reason": reason.strip(),
    }
    _record(current, by, text)
    return current


def reroute_if_involved(*, incident: Incident, by) -> None:
    """A person added later turns out to be the handler: the case moves away from them."""
    if incident.handler_id and incident.handler_id in involved_user_ids(incident):
        incident.handler = None
        handler_route(incident=incident, by=by, why=_("de vorige behandelaar is zelf betrokken"))
