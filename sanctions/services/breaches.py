"""After a ban breach: the aangifte task of the new incident's handler, and waiving it.

The task is a ``ban_breach_aangifte`` deadline tied to the new incident (``incident_id``), so it
follows the handler like every other deadline (``gir.deadlines.owners``). The dossier shows a
banner while it is open (``sanctions.plugins``); recording the aangifte as a measure or waiving
it with a reason closes it.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gir.deadlines import deadline_close, deadline_open
from gir.deputies import stand_in_for_case
from gir.errors import RuleViolation
from gir.models import Organisation
from gir.notifications import notify, users_with_perm
from sanctions.constants import DEADLINE_BREACH_AANGIFTE, EventKind
from sanctions.models import BanBreach
from sanctions.services.common import add_event


def breach_aangifte_task(*, breach: BanBreach, incident) -> None:
    """Give the new incident's handler the aangifte task; tell them and the register's keepers."""
    handler = incident.handler
    deadline_open(
        kind=DEADLINE_BREACH_AANGIFTE,
        subject=breach,
        starts_at=breach.occurred_at,
        norm=Organisation.get().police_report_norm,
        owner=handler,
        incident_id=incident.pk,
    )
    recipients = [*users_with_perm("sanctions.view_ban_register")]
    if handler is not None:
        recipients.append(stand_in_for_case(handler, incident.pk))
    notify(
        recipients=recipients,
        subject=_("Toegangsverbod overtreden: doe aangifte (%(ref)s)") % {"ref": incident.reference},
        body=_("Iemand met een toegangsverbod kwam toch binnen. Doe aangifte bij de politie (art. 138 Sr)."),
        url=reverse("incidents:detail", args=[incident.pk]),
    )


@transaction.atomic
def breach_aangifte_waive(*, breach: BanBreach, by, reason: str) -> BanBreach:
    """No aangifte after this breach, with the reason in the ban's history."""
    if not reason.strip():
        raise RuleViolation(_("Schrijf waarom er geen aangifte komt."), field="reason")
    closed = deadline_close(kind=DEADLINE_BREACH_AANGIFTE, subject=breach, by=by, note=reason.strip())
    if not closed:
        raise RuleViolation(_("De aangifte na deze overtreding is al afgehandeld."))
    note = _("Geen aangifte: %(reason)s") % {"reason": reason.strip()}
    add_event(breach.ban.measure, by, EventKind.BREACH, note)
    return breach
