"""The letters app on other pages: the managers' start-page panel, the dossier timeline and a
measure's page."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gir.formatting import pk_url
from gir.models import Deadline
from gir.paging import first_rows
from letters.access import incidents_for_letters
from letters.constants import REACTION_DEADLINE, LetterKind
from letters.models import Dispatch, Letter
from letters.prefill import next_kind, suggested_kinds
from sanctions.constants import MeasureStatus

PANEL_ROWS = 5


def reaction_context(request) -> dict:
    """Incidents whose 48-hour reaction to the aggressor is due soonest, in the user's scope."""
    from incidents.models import Incident
    from incidents.scoping import managed_rows

    user, now = request.user, timezone.now()
    if not (user.has_perm("incidents.view_all_incidents") or user.has_perm("incidents.manage_incidents")):
        return {"rows": [], "total": 0, "now": now}
    deadlines = Deadline.objects.open().filter(
        kind=REACTION_DEADLINE, content_type=ContentType.objects.get_for_model(Incident)
    )
    scope = managed_rows(user)
    if scope:  # an empty condition is every incident (never deleted, only anonymised): no check
        # A few hundred open reactions, each checked against the scope by primary key.
        deadlines = deadlines.filter(Exists(Incident.objects.filter(scope, pk=OuterRef("object_id"))))
    # Only what the panel shows: the window count carries every open reaction's row.
    rows, total = first_rows(deadlines.only("object_id", "due_at").order_by("due_at"), PANEL_ROWS)
    references = Incident.objects.references(d.object_id for d in rows)
    return {
        "rows": [
            {
                "deadline": d,
                "incident_pk": d.object_id,
                "reference": references[d.object_id],
                "overdue": d.due_at < now,
            }
            for d in rows
            if d.object_id in references
        ],
        "total": total,
        "now": now,
    }


def _letters_of(incident, user) -> tuple[list, dict[int, list]]:
    """The incident's letters this user may see and their dispatches: two queries at most."""
    letters = list(Letter.objects.visible_to(user).filter(incident=incident).order_by("created_at"))
    dispatches: dict[int, list] = {}
    if letters:
        for dispatch in Dispatch.objects.filter(letter__in=letters).order_by("dispatched_at"):
            dispatches.setdefault(dispatch.letter_id, []).append(dispatch)
    return letters, dispatches


def _timeline_entries(letters: list, dispatches: dict[int, list]) -> list[dict]:
    entries = []
    for letter in letters:
        url = pk_url("letters:detail", letter.pk)
        kind = letter.get_kind_display()
        entry = {"text": letter.reference, "url": url, "kind": "letter"}
        entries.append(
            {**entry, "at": letter.created_at, "title": _("Brief gemaakt: %(kind)s") % {"kind": kind}}
        )
        if letter.finalised_at:
            title = _("Brief definitief: %(kind)s") % {"kind": kind}
            entries.append({**entry, "at": letter.finalised_at, "title": title})
        for dispatch in dispatches.get(letter.pk, []):
            text = dispatch.get_method_display()
            if dispatch.tracking_number:
                text += f" ({dispatch.tracking_number})"
            title = _("Brief verzonden: %(ref)s") % {"ref": letter.reference}
            entries.append({**entry, "at": dispatch.dispatched_at, "title": title, "text": text})
    return entries


def dossier_section(incident, user) -> list[dict]:
    """The timeline entries and the "Brieven" block's rows, from one load of the letters."""
    letters, dispatches = _letters_of(incident, user)
    entries = _timeline_entries(letters, dispatches)
    if user.has_perm("letters.create_letters"):
        entries += _block_rows(incident, user, letters, dispatches)
    return entries


def _letter_row(letter, dispatches: list) -> dict:
    """A letter as a row of the dossier's "Brieven" block, with how far it got."""
    if dispatches:
        last = dispatches[-1]
        state = _("Verzonden: %(how)s, %(at)s") % {
            "how": last.get_method_display().lower(),
            "at": formats.date_format(timezone.localtime(last.dispatched_at), "j F Y"),
        }
        badge = "ok"
    elif letter.is_final:
        state, badge = _("Definitief, nog niet verzonden"), "soon"
    else:
        state, badge = _("Concept"), "info"
    return {
        "row": True,
        "kind": "letter",
        "at": letter.created_at,
        "title": letter.get_kind_display(),
        "text": letter.reference,
        "state": state,
        "badge": badge,
        "url": pk_url("letters:detail", letter.pk),
    }


def _block_rows(incident, user, letters: list, dispatches: dict[int, list]) -> list[dict]:
    """The dossier's "Brieven" block, and "Brief maken" for each measure that has no letter yet:
    the link pre-selects the letter kind and fills in the measure's details. The measures are
    the ones the measures' section loaded (no query of its own)."""
    from sanctions.sections import incident_measures

    rows = [_letter_row(letter, dispatches.get(letter.pk, [])) for letter in letters]
    with_letter = {letter.measure_id for letter in letters}
    decided = [
        m
        for m in incident_measures(incident, user)
        if m.status == MeasureStatus.DECIDED and m.pk not in with_letter
    ]
    for measure in decided:
        kind = suggested_kinds(measure)[0]
        url = reverse("letters:create", kwargs={"incident_pk": incident.pk, "kind": kind})
        label = _("Brief maken: %(kind)s") % {"kind": LetterKind(kind).label}
        rows.append(
            {
                "row": True,
                "kind": "measure-action",
                "measure_id": measure.pk,
                "label": label,
                "url": f"{url}?maatregel={measure.pk}",
                "at": None,
            }
        )
    return rows


def dossier_action(incident, user) -> list[dict]:
    """On the dossier: the way to this incident's letters, for those who write them."""
    if not user.has_perm("letters.create_letters"):
        return []
    url = reverse("letters:incident", kwargs={"incident_pk": incident.pk})
    return [{"label": _("Brief aan de dader maken of bekijken"), "url": url}]


# The link on a measure's page names the letter the way the person doing it thinks of it.
NEXT_LETTER_LABELS = {
    LetterKind.BAN_DECISION: _lazy("Besluitbrief maken"),
    LetterKind.BAN_BREACH: _lazy("Brief na overtreding maken"),
}


def measure_action(measure, user) -> list[dict]:
    """On a measure's page (the mandated manager's ban page): the letter the measure asks for
    next, pre-filled from it, and the letters already made for it. Only for someone who may make
    letters for one of the measure's incidents: the link must lead to a form they may use."""
    if measure.is_revoked or not user.has_perm("letters.create_letters"):
        return []
    incident_pks = [incident.pk for incident in measure.incidents.all()]
    incident = incidents_for_letters(user).filter(pk__in=incident_pks).order_by("occurred_at", "pk").first()
    if incident is None:
        return []
    letters = list(Letter.objects.visible_to(user).filter(measure=measure).order_by("created_at", "pk"))
    links = [
        {
            "label": _("Brief bekijken: %(kind)s (%(ref)s)")
            % {"kind": letter.get_kind_display(), "ref": letter.reference},
            "url": pk_url("letters:detail", letter.pk),
        }
        for letter in letters
    ]
    kind = next_kind(measure, letters)
    if kind is not None:
        url = reverse("letters:create", kwargs={"incident_pk": incident.pk, "kind": kind})
        label = NEXT_LETTER_LABELS.get(kind) or _("Brief maken: %(kind)s") % {"kind": LetterKind(kind).label}
        links.insert(0, {"label": label, "url": f"{url}?maatregel={measure.pk}", "primary": True})
    return links
