"""Everything about one incident on one timeline (DESIGN.md "dossier").

The report, every IncidentEvent and StatusChange, the deadlines of all apps, and the sections
other apps register (measures, letters, aftercare planned). ``incidents`` imports none of them.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from gir.models import Deadline
from gir.registry import dossier_entries, registry
from incidents import access
from incidents.constants import DEADLINE_REACTION, TRANSITIONS, EventKind, PolicePlan, Status
from incidents.models import Aggressor, Incident


def _deadline_entries(deadlines, now) -> list[dict]:
    entries = []
    for deadline in deadlines:
        kind = registry.deadline_kinds.get(deadline.kind)
        label = str(kind.label) if kind else deadline.kind
        if deadline.closed_at:
            text = _("Afgerond op %(at)s") % {"at": _fmt(deadline.closed_at)}
            if deadline.closed_at > deadline.due_at:
                text += " " + _("(te laat)")
        else:
            text = _("Open, uiterlijk %(at)s") % {"at": _fmt(deadline.due_at)}
        entries.append(
            {
                "at": deadline.due_at,
                "title": _("Termijn: %(label)s") % {"label": label},
                "text": text,
                "url": "",
                "kind": "deadline",
                "overdue": deadline.is_overdue(now),
            }
        )
    return entries


def _fmt(instant) -> str:
    return timezone.localtime(instant).strftime("%d-%m-%Y %H:%M")


def _event_title(kind: str) -> str:
    return str(EventKind(kind).label) if kind in EventKind.values else kind


def _status_buttons(incident: Incident) -> list[tuple[str, str]]:
    """The allowed next statuses with the words on their buttons."""
    words = {
        Status.IN_PROGRESS: _("Heropenen") if incident.status == Status.CLOSED else _("In behandeling nemen"),
        Status.CLOSED: _("Afsluiten als afgehandeld"),
    }
    return [
        (status.value, words.get(status, status.label))
        for status in sorted(TRANSITIONS[Status(incident.status)])
    ]


def _history_entries(incident: Incident) -> list[dict]:
    entries = [
        {
            "at": e.at,
            "title": _event_title(e.kind),
            "text": "" if e.text == _event_title(e.kind) else e.text,
            "by": e.by,
            "kind": "event",
        }
        for e in incident.events.select_related("by")
    ]
    for change in incident.status_changes.select_related("by"):
        title = _("Status: %(status)s") % {"status": change.get_to_status_display()}
        entries.append(
            {"at": change.at, "title": title, "text": change.note, "by": change.by, "kind": "status"}
        )
    return entries


def timeline(incident: Incident, user, deadlines, now) -> list[dict]:
    entries = _history_entries(incident) + _deadline_entries(deadlines, now) + dossier_entries(incident, user)
    return sorted(entries, key=lambda entry: entry["at"] or now)


def dossier_context(incident: Incident, user) -> dict:
    now = timezone.now()
    deadlines = list(Deadline.objects.filter(incident_id=incident.pk).order_by("due_at"))
    reaction = next((d for d in deadlines if d.kind == DEADLINE_REACTION and d.is_open), None)
    manage = access.can_manage(user, incident)
    aggressors = Aggressor.objects.visible_to(user).active()
    links = incident.aggressor_links.select_related("aggressor").filter(aggressor__in=aggressors)
    return {
        "incident": incident,
        "form_labels": incident.get_form_labels(),
        "police_plan": dict(PolicePlan.choices).get(incident.police_report_planned)
        if incident.police_report_planned
        else "",
        "involvements": incident.involvements.select_related("user", "department"),
        "aggressor_links": links if user.has_perm("incidents.search_aggressors") else [],
        "evidence": incident.evidence.select_related("uploaded_by"),
        "timeline": timeline(incident, user, deadlines, now),
        "reaction_deadline": reaction,
        "reaction_overdue": bool(reaction and reaction.is_overdue(now)),
        "now": now,
        "can_manage": manage,
        "can_edit": access.can_edit(user, incident),
        "can_add_evidence": access.can_add_evidence(user, incident),
        "can_link": access.can_link_aggressors(user, incident),
        "transitions": _status_buttons(incident) if manage else [],
    }
