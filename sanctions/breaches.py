"""Dossier banners about bans (selectors): an aangifte still owed after a breach, and a possible
breach (the linked person, or the place, had a ban in force when it happened).

Shown only to those who manage the incident, and without the person's name: the name stays on
pages whose reads are logged.
"""

from __future__ import annotations

from django.db.models import Exists
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gir.formatting import pk_url
from gir.models import Deadline
from incidents.access import can_manage
from sanctions.constants import DEADLINE_BREACH_AANGIFTE, MeasureType
from sanctions.models import Ban, BanBreach, BanLocation


def _aangifte_alert(incident, deadline: Deadline) -> dict:
    breach = incident.ban_breach
    aangifte = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": breach.ban.measure.aggressor_id, "measure_type": MeasureType.AANGIFTE},
    )
    due = formats.date_format(timezone.localtime(deadline.due_at), "j F Y H:i")
    return {
        "level": "error",
        "title": _("Overtreding van een toegangsverbod: doe aangifte."),
        "text": _(
            "Uiterlijk %(due)s (art. 138 Sr). Leg de aangifte vast, of leg uit waarom die er niet komt."
        )
        % {"due": due},
        "links": [
            (_("Aangifte vastleggen"), f"{aangifte}?incident={incident.pk}"),
            (_("Geen aangifte: reden vastleggen"), reverse("sanctions:breach-waive", args=[breach.pk])),
        ],
    }


def _possible_breach_alerts(incident) -> list[dict]:
    """Nothing when the incident is a registered breach (its aangifte done or waived): asked
    inside these queries rather than on its own, one query fewer on every dossier."""
    at = incident.occurred_at
    in_force = Ban.objects.in_force(at).filter(~Exists(BanBreach.objects.filter(incident_id=incident.pk)))
    person_bans = in_force.filter(measure__aggressor__incident_links__incident=incident)
    alerts = [
        {
            "level": "warning",
            "title": _("Mogelijke overtreding van toegangsverbod %(ref)s.") % {"ref": ban.measure.reference},
            "text": _(
                "Deze dader had een toegangsverbod toen het incident gebeurde. "
                "Doe aangifte als het verbod gold voor deze plek."
            ),
            "links": [(_("Naar het toegangsverbod"), pk_url("sanctions:detail", ban.pk))],
        }
        for ban in person_bans.select_related("measure").distinct()
    ]
    if incident.location_id and not alerts:
        places = [
            incident.location_id,
            *([incident.location.parent_id] if incident.location.parent_id else []),
        ]
        bans = in_force.filter(pk__in=BanLocation.objects.filter(location_id__in=places).values("ban_id"))
        count = bans.count()
        if count:
            alerts.append(
                {
                    "level": "info",
                    "title": _("Op deze plek gold een toegangsverbod."),
                    "text": _(
                        "Voor %(count)s persoon of personen. Was de dader een van hen? Koppel de dader, "
                        "dan ziet u of het een overtreding was."
                    )
                    % {"count": count},
                    "links": [],
                }
            )
    return alerts


def dossier_alerts(incident, user) -> list[dict]:
    if not can_manage(user, incident):
        return []
    deadline = next(
        (
            d
            for d in Deadline.objects.of_incident(incident)
            if d.is_open and d.kind == DEADLINE_BREACH_AANGIFTE
        ),
        None,
    )
    if deadline is not None:
        return [_aangifte_alert(incident, deadline)]
    return _possible_breach_alerts(incident)
