"""The dossier page of one incident, assembled for one user (a selector: reads only).

A summary (reference, status, handler, department, the next deadline), the actions that fit the
status in groups, blocks for the measures, letters and aftercare that other apps register
(``gir.registry``: rows with ``row=True``), the aggressors with their history, the evidence and
the timeline. ``incidents`` imports none of the apps that fill the blocks.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.deputies import stand_in_for_case
from gir.formatting import pk_url
from gir.models import Deadline
from gir.registry import dossier_links, person_alerts, registry
from incidents import access
from incidents.constants import DEADLINE_REACTION, TRANSITIONS, EvidenceKind, PolicePlan, Status
from incidents.models import Aggressor, Incident
from incidents.services.handlers import may_hand_over
from incidents.timeline import section_entries, timeline


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


def _link(label, name: str, pk: int | None = None, *, query: str = "") -> dict:
    return {"label": label, "url": (reverse(name) if pk is None else pk_url(name, pk)) + query}


def _action_groups(incident: Incident, user, rights: dict, reaction_open: bool) -> list[dict]:
    """The dossier's buttons, grouped by what they are about; only what this user may do now."""
    pk = incident.pk
    report, aggressor, handling = [], [], []
    if rights["can_edit"]:
        report += [
            _link(_("Gegevens aanvullen"), "incidents:edit", pk),
            _link(_("Slachtoffer of getuige toevoegen"), "incidents:involvement-add", pk),
        ]
    if rights["can_add_evidence"]:
        report.append(_link(_("Bewijs toevoegen"), "incidents:evidence-add", pk))
    if rights["can_link"]:
        aggressor += [
            _link(_("Dader zoeken en koppelen"), "incidents:aggressor-search", query=f"?incident={pk}"),
            _link(_("Nieuwe dader vastleggen"), "incidents:aggressor-new", pk),
        ]
    if rights["can_manage"]:
        handling.append(_link(_("Eerste opvang vastleggen"), "incidents:first-talk", pk))
        if reaction_open:
            handling.append(_link(_("Geen reactie naar de dader mogelijk"), "incidents:waive-reaction", pk))
    aggressor += dossier_links(incident, user)
    groups = [
        {"title": _("Afhandeling"), "links": handling},
        {"title": _("Dader en maatregelen"), "links": aggressor},
        {"title": _("Melding"), "links": report},
    ]
    return [group for group in groups if group["links"]]


def _blocks(sections: list[dict]) -> dict:
    """Rows for the measures, letters and aftercare blocks; "brief maken" joins its measure."""
    rows = [entry for entry in sections if entry.get("row")]
    measures = [dict(row, next=list(row.get("next", []))) for row in rows if row["kind"] == "measure"]
    by_id = {row["measure_id"]: row for row in measures}
    for action in (row for row in rows if row["kind"] == "measure-action"):
        if action["measure_id"] in by_id:
            by_id[action["measure_id"]]["next"].append({"label": action["label"], "url": action["url"]})
    return {
        "measures": measures,
        "letters": [row for row in rows if row["kind"] == "letter"],
        "aftercare": [entry for entry in sections if entry.get("kind") == "aftercare"],
    }


def _aggressors(incident: Incident, user) -> list[dict]:
    """Each linked aggressor with their other incidents and what is in force against them, in a
    fixed number of queries however many people are linked."""
    if not user.has_perm("incidents.search_aggressors"):
        return []
    visible = Aggressor.objects.visible_to(user).active()
    # A plain count over the person's links (this one included: a person is linked to an
    # incident once), cheaper to build than a correlated subquery that leaves this one out.
    # In the order they were linked: a grouped query has no order of its own.
    links = list(
        incident.aggressor_links.select_related("aggressor")
        .filter(aggressor__in=visible)
        .annotate(linked=Count("aggressor__incident_links"))
        .order_by("pk")
    )
    alerts = person_alerts([link.aggressor for link in links], user)
    return [
        {
            "link": link,
            "aggressor": link.aggressor,
            "alerts": alerts[link.aggressor_id],
            "other_incidents": link.linked - 1,
        }
        for link in links
    ]


def _next_deadline(deadlines, now) -> dict | None:
    open_ones = [d for d in deadlines if d.is_open]
    if not open_ones:
        return None
    deadline = min(open_ones, key=lambda d: d.due_at)
    kind = registry.deadline_kinds.get(deadline.kind)
    return {
        "deadline": deadline,
        "label": str(kind.label) if kind else _("Termijn"),
        "overdue": deadline.is_overdue(now),
    }


def dossier_context(incident: Incident, user) -> dict:
    now = timezone.now()
    deadlines = Deadline.objects.of_incident(incident)
    reaction = next((d for d in deadlines if d.kind == DEADLINE_REACTION and d.is_open), None)
    rights = {
        "can_manage": access.can_manage(user, incident),
        "can_edit": access.can_edit(user, incident),
        "can_add_evidence": access.can_add_evidence(user, incident),
        "can_link": access.can_link_aggressors(user, incident),
    }
    involvements = list(incident.involvements.select_related("user", "department"))
    involved = {row.user_id for row in involvements if row.user_id} | {incident.reporter_id}
    sections = section_entries(incident, user)
    aggressors = _aggressors(incident, user)
    return {
        **rights,
        "incident": incident,
        "form_labels": incident.get_form_labels(),
        "police_plan": dict(PolicePlan.choices).get(incident.police_report_planned, "")
        if incident.police_report_planned
        else "",
        "involvements": involvements,
        "aggressors": aggressors,
        "aggressor_links": [person["link"] for person in aggressors],
        "evidence": incident.evidence.all(),  # who uploaded is not shown
        "photo_kind": EvidenceKind.PHOTO,
        "blocks": _blocks(sections),
        "timeline": timeline(incident, sections, deadlines, now, with_deadlines=rights["can_manage"]),
        "next_deadline": _next_deadline(deadlines, now) if rights["can_manage"] else None,
        "reaction_deadline": reaction,
        "reaction_overdue": bool(reaction and reaction.is_overdue(now)),
        "now": now,
        "action_groups": _action_groups(incident, user, rights, reaction is not None),
        "transitions": _status_buttons(incident) if rights["can_manage"] else [],
        "handler_now": stand_in_for_case(incident.handler, incident.pk, now) if incident.handler_id else None,
        "can_hand_over": may_hand_over(user, incident, involved),
    }
