"""What the dossier and person peers (benchmark/peers.py) load, in plain Django.

The queries a Django developer would write for those pages, with ``select_related`` /
``prefetch_related`` and the models' own scoping and methods, and the timeline merged and sorted
in Python as any Django project does it. Domain rules that are more than a query (who may hand a
case over, the stand-in, the ban banners, which letter fits a measure) are the apps' own
functions: a peer calls them rather than copy them. Labels and dates are formatted in the
templates. Benchmark only: no part of the product.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercare.models import AftercareCase, AftercareTalk
from aftercare.plugins import TALK_LABELS
from gir.registry import registry
from incidents.constants import Status
from incidents.models import Aggressor
from letters.constants import LetterKind
from letters.models import Dispatch, Letter
from letters.prefill import suggested_kinds
from sanctions.constants import MeasureStatus
from sanctions.models import Ban, ContactCondition, Measure, local_today


def deadline_label(kind: str) -> str:
    entry = registry.deadline_kinds.get(kind)
    return str(entry.label) if entry else _("Termijn")


def aggressors(incident, user) -> list:
    """The linked people this user may see, each with ``n`` (all their incidents) and their
    bans in force and contact conditions (``bans``, ``conditions``)."""
    visible = Aggressor.objects.visible_to(user).active()
    links = list(
        incident.aggressor_links.filter(aggressor__in=visible)
        .select_related("aggressor")
        .annotate(n=Count("aggressor__incident_links"))
    )
    people = [link.aggressor for link in links]
    bans, conditions = {}, {}
    if people:
        in_force = Ban.objects.in_force().filter(measure__aggressor__in=people).select_related("measure")
        for ban in in_force.prefetch_related("location_links__location__parent"):
            bans.setdefault(ban.measure.aggressor_id, []).append(ban)
        active = ContactCondition.objects.active_on(local_today()).filter(measure__aggressor__in=people)
        for condition in active.select_related("measure"):
            conditions.setdefault(condition.measure.aggressor_id, []).append(condition)
    for link in links:
        link.others = link.n - 1
        link.bans = bans.get(link.aggressor_id, [])
        link.conditions = conditions.get(link.aggressor_id, [])
    return links


def measures(incident, user, letter_rows) -> list:
    """The incident's measures in the user's scope, with the details their next step needs and
    the kind of letter to make for a decided measure that has none yet (``letter_kind``)."""
    details = ("ordegesprek", "ban", "policereport", "damageclaim")
    rows = list(
        Measure.objects.visible_to(user)
        .filter(incidents=incident)
        .select_related(*details)
        .order_by("decided_at")
    )
    with_letter = {letter.measure_id for letter in letter_rows}
    for measure in rows:
        needs_letter = measure.status == MeasureStatus.DECIDED and measure.pk not in with_letter
        measure.letter_kind = LetterKind(suggested_kinds(measure)[0]) if needs_letter else None
    return rows


def letters(incident, user) -> list:
    dispatches = Prefetch("dispatches", queryset=Dispatch.objects.order_by("dispatched_at"))
    found = Letter.objects.visible_to(user).filter(incident=incident).prefetch_related(dispatches)
    return list(found.order_by("created_at"))


def aftercare(incident, user) -> list[dict]:
    """Each talk's state (planned/held), never notes: one line per talk."""
    talks = Prefetch("talks", queryset=AftercareTalk.objects.order_by("number"))
    cases = AftercareCase.objects.visible_to(user).filter(incident=incident)
    return [
        {"case": case, "talk": talk, "label": TALK_LABELS[talk.number]}
        for case in cases.select_related("involvement__user").prefetch_related(talks)
        for talk in case.talks.all()
    ]


def _deadline_entries(deadlines, now) -> list[dict]:
    return [
        {
            "at": d.due_at,
            "title": deadline_label(d.kind),
            "text": str(d.closed_at),  # not shown: told apart by when it was done
            "deadline": d,
            "late": bool(d.closed_at and d.closed_at > d.due_at),
            "overdue": d.is_overdue(now),
        }
        for d in deadlines
    ]


def _letter_entries(letter_rows) -> list[dict]:
    entries = []
    for letter in letter_rows:
        kind, base = letter.get_kind_display(), {"letter": letter, "text": letter.reference}
        entries.append(
            {**base, "at": letter.created_at, "title": _("Brief gemaakt: %(kind)s") % {"kind": kind}}
        )
        if letter.finalised_at:
            title = _("Brief definitief: %(kind)s") % {"kind": kind}
            entries.append({**base, "at": letter.finalised_at, "title": title})
        for dispatch in letter.dispatches.all():
            text = dispatch.get_method_display()
            if dispatch.tracking_number:
                text += f" ({dispatch.tracking_number})"
            title = _("Brief verzonden: %(ref)s") % {"ref": letter.reference}
            entries.append({**base, "at": dispatch.dispatched_at, "title": title, "text": text})
    return entries


def _history_entries(incident) -> list[dict]:
    entries = []
    for event in incident.events.select_related("by"):
        title = event.get_kind_display()
        text = "" if event.text == title else event.text
        entries.append({"at": event.at, "title": title, "text": text, "by": event.by, "kind": "event"})
    for change in incident.status_changes.select_related("by"):
        if change.from_status or change.to_status != Status.REPORTED:
            title = _("Status: %(status)s") % {"status": change.get_to_status_display()}
            entries.append(
                {"at": change.at, "title": title, "text": change.note, "by": change.by, "kind": "status"}
            )
    return entries


def timeline(incident, measure_rows, letter_rows, deadlines, *, with_deadlines: bool) -> list[dict]:
    """Events, status changes (not the first "gemeld"), measures, letters and their dispatches,
    and the deadlines for those who handle the case; oldest first, the same title and text at
    the same minute once."""
    entries = _history_entries(incident)
    for measure in measure_rows:
        title = _("Maatregel besloten: %(type)s") % {"type": measure.get_type_display()}
        entries.append({"at": measure.decided_at, "title": title, "text": "", "measure": measure})
    entries += _letter_entries(letter_rows)
    now = timezone.now()
    if with_deadlines:
        entries += _deadline_entries(deadlines, now)
    seen, unique = set(), []
    for entry in sorted(entries, key=lambda e: e["at"]):
        key = (entry["at"].replace(second=0, microsecond=0), entry["title"], entry["text"])
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
