"""The letters app on other pages: the managers' start-page panel and the dossier timeline."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.models import Deadline
from letters.constants import REACTION_DEADLINE
from letters.models import Dispatch, Letter

PANEL_ROWS = 5


def reaction_context(request) -> dict:
    """Incidents whose 48-hour reaction to the aggressor is due soonest, in the user's scope."""
    from incidents.models import Incident

    incidents = Incident.objects.managed_by(request.user)
    deadlines = Deadline.objects.open().filter(
        kind=REACTION_DEADLINE,
        content_type=ContentType.objects.get_for_model(Incident),
        object_id__in=incidents.values("pk"),
    )
    rows = list(deadlines.order_by("due_at")[:PANEL_ROWS])
    by_pk = Incident.objects.in_bulk([d.object_id for d in rows])
    now = timezone.now()
    return {
        "rows": [
            {"deadline": d, "incident": by_pk[d.object_id], "overdue": d.due_at < now}
            for d in rows
            if d.object_id in by_pk
        ],
        "total": deadlines.count(),
        "now": now,
    }


def dossier_entries(incident, user) -> list[dict]:
    """Letters and dispatches of an incident for its dossier, for people who may see letters."""
    letters = Letter.objects.visible_to(user).filter(incident=incident)
    entries = []
    for letter in letters:
        url = reverse("letters:detail", args=[letter.pk])
        entries.append(
            {
                "at": letter.created_at,
                "title": _("Brief gemaakt: %(kind)s") % {"kind": letter.get_kind_display()},
                "text": letter.reference,
                "url": url,
                "kind": "letter",
            }
        )
        if letter.finalised_at:
            entries.append(
                {
                    "at": letter.finalised_at,
                    "title": _("Brief definitief: %(kind)s") % {"kind": letter.get_kind_display()},
                    "text": letter.reference,
                    "url": url,
                    "kind": "letter",
                }
            )
    for dispatch in Dispatch.objects.filter(letter__in=letters).select_related("letter"):
        text = dispatch.get_method_display()
        if dispatch.tracking_number:
            text += f" ({dispatch.tracking_number})"
        entries.append(
            {
                "at": dispatch.dispatched_at,
                "title": _("Brief verzonden: %(ref)s") % {"ref": dispatch.letter.reference},
                "text": text,
                "url": reverse("letters:detail", args=[dispatch.letter_id]),
                "kind": "letter",
            }
        )
    return entries


def dossier_action(incident, user) -> list[dict]:
    """On the dossier: the way to this incident's letters, for those who write them."""
    if not user.has_perm("letters.create_letters"):
        return []
    url = reverse("letters:incident", kwargs={"incident_pk": incident.pk})
    return [{"label": _("Brief aan de dader maken of bekijken"), "url": url}]
