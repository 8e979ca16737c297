"""Everything about one incident on one timeline (DESIGN.md "dossier"), in plain Dutch.

The report, every IncidentEvent and StatusChange, the deadlines of all apps (for those who
handle the case), and the entries other apps register (measures, letters). ``incidents``
imports none of them. Rows for the dossier's blocks (``row=True``) are not timeline entries.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gir.formatting import long_datetime
from gir.registry import dossier_entries, registry
from incidents.constants import EventKind, Status
from incidents.models import Incident

# Shown in their own block of the dossier; on the timeline they would only repeat it.
BLOCK_KINDS = {"aftercare"}


def _deadline_entries(deadlines, now) -> list[dict]:
    """Deadlines as a manager reads them: what has to happen by when, and whether it did."""
    entries, labels = [], {}  # each kind's label and each sentence translated once, not per row
    done, late, due = _("Gedaan op %(at)s"), " " + _("(te laat)"), _("Moet uiterlijk %(at)s gebeuren")
    for deadline in deadlines:
        if deadline.kind not in labels:
            kind = registry.deadline_kinds.get(deadline.kind)
            labels[deadline.kind] = str(kind.label) if kind else _("Termijn")
        label = labels[deadline.kind]
        if deadline.closed_at:
            text = done % {"at": long_datetime(deadline.closed_at)}
            if deadline.closed_at > deadline.due_at:
                text += late
        else:
            text = due % {"at": long_datetime(deadline.due_at)}
        entries.append(
            {
                "at": deadline.due_at,
                "title": label,
                "text": text,
                "url": "",
                "kind": "deadline",
                "overdue": deadline.is_overdue(now),
            }
        )
    return entries


def _event_title(kind: str) -> str:
    return str(EventKind(kind).label) if kind in EventKind.values else kind


def _history_entries(incident: Incident) -> list[dict]:
    entries, titles = [], {}  # each kind's label translated once, not twice per row
    for e in incident.events.select_related("by"):
        if e.kind not in titles:
            titles[e.kind] = _event_title(e.kind)
        title = titles[e.kind]
        text = "" if e.text == title else e.text
        entries.append({"at": e.at, "title": title, "text": text, "by": e.by, "kind": "event"})
    status_title = _("Status: %(status)s")
    for change in incident.status_changes.select_related("by"):
        if not change.from_status and change.to_status == Status.REPORTED:
            continue  # the first status is the report itself ("Melding gedaan"): not a second row
        title = status_title % {"status": change.get_to_status_display()}
        entries.append(
            {"at": change.at, "title": title, "text": change.note, "by": change.by, "kind": "status"}
        )
    return entries


def section_entries(incident: Incident, user) -> list[dict]:
    """Everything the other apps register for this dossier: timeline entries and block rows."""
    return dossier_entries(incident, user)


def _without_repeats(entries: list[dict]) -> list[dict]:
    """One row per thing that happened: the same title at the same minute is shown once."""
    seen, unique = set(), []
    for entry in entries:
        at = entry["at"]
        key = (
            at.replace(second=0, microsecond=0) if at else None,
            str(entry["title"]),
            entry.get("text", ""),
        )
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def timeline(incident: Incident, sections: list[dict], deadlines, now, *, with_deadlines: bool) -> list[dict]:
    entries = _history_entries(incident) + [
        e for e in sections if not e.get("row") and e.get("kind") not in BLOCK_KINDS
    ]
    if with_deadlines:
        entries += _deadline_entries(deadlines, now)
    ordered = _without_repeats(sorted(entries, key=lambda entry: entry["at"] or now))
    # Every key the template reads: a key missing from a dict costs the template three caught
    # exceptions and a dir() on each row.
    defaults = {"by": None, "url": "", "overdue": False}
    return [{**defaults, **entry, "when": long_datetime(entry["at"])} for entry in ordered]
