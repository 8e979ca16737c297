"""Template helpers of the letters app: the 48-hour countdown."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gir.models import Deadline
from letters.constants import REACTION_DEADLINE

register = template.Library()


def duration_text(delta: timedelta) -> str:
    """A duration in words, to the minute: "1 dag 3 uur", "5 uur 12 minuten", "8 minuten"."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours})
    if minutes and not days:
        parts.append(ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes})
    return " ".join(parts) or _("minder dan een minuut")


@register.filter
def countdown(deadline, now=None) -> str:
    """Time left until a deadline is due, or by how much it is overdue."""
    now = now or timezone.now()
    if deadline.due_at >= now:
        return _("nog %(t)s") % {"t": duration_text(deadline.due_at - now)}
    return _("%(t)s te laat") % {"t": duration_text(now - deadline.due_at)}


@register.simple_tag
def reaction_deadline(incident):
    """The incident's 48-hour reaction deadline (open, or the last closed one), or None."""
    if incident is None:
        return None
    rows = Deadline.objects.for_object(incident).filter(kind=REACTION_DEADLINE)
    deadline = rows.open().first() or rows.order_by("-closed_at").first()
    if deadline is None:
        return None
    now = timezone.now()
    return {
        "deadline": deadline,
        "open": deadline.closed_at is None,
        "overdue": deadline.closed_at is None and deadline.due_at < now,
        "late": deadline.closed_at is not None and deadline.closed_at > deadline.due_at,
        "text": countdown(deadline, now),
    }
