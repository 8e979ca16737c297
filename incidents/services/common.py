"""Helpers shared by the incident services: history rows, deadline upkeep, notifications."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.deadlines import deadline_open, deadline_reschedule
from gir.deputies import stand_in_for_case
from gir.models import Deadline, Organisation
from gir.notifications import notify, users_with_perm
from incidents.constants import (
    DEADLINE_INSPECTORATE,
    DEADLINE_POLICE,
    DEADLINE_REACTION,
    POLICE_FORMS,
    SERIOUS_FORMS,
    EventKind,
    PolicePlan,
)
from incidents.models import Incident, IncidentEvent


def add_event(incident: Incident, by, kind: EventKind, text: str = "", at=None) -> IncidentEvent:
    return IncidentEvent.objects.create(
        incident=incident, by=by, kind=kind, text=(text or kind.label)[:300], at=at or timezone.now()
    )


def deadline_owner(incident: Incident):
    """Who owns the incident's deadlines: its handler (see ``incidents.services.handlers``)."""
    if incident.handler_id is not None:
        return incident.handler
    return incident.department.managers.filter(is_active=True).order_by("pk").first()


def _ever_opened(incident: Incident, kind: str) -> bool:
    return Deadline.objects.for_object(incident).filter(kind=kind).exists()


def open_deadlines(incident: Incident, form_codes: set[str]) -> None:
    """Open the norms that apply and were never opened before (a closed one stays closed).

    All start at the incident time, so a report filed late starts (partly) overdue.
    """
    org = Organisation.get()
    owner = deadline_owner(incident)
    wanted = [(DEADLINE_REACTION, org.reaction_norm, True)]
    police_needed = bool(form_codes & set(POLICE_FORMS)) and incident.police_report_planned != PolicePlan.NONE
    wanted.append((DEADLINE_POLICE, org.police_report_norm, police_needed))
    inspectorate_needed = incident.hospital_admission and incident.inspectorate_reported_at is None
    wanted.append((DEADLINE_INSPECTORATE, org.inspectorate_norm, inspectorate_needed))
    for kind, norm, needed in wanted:
        if needed and not _ever_opened(incident, kind):
            deadline_open(
                kind=kind,
                subject=incident,
                starts_at=incident.occurred_at,
                norm=norm,
                owner=owner,
                incident_id=incident.pk,
            )


def reschedule_deadlines(incident: Incident) -> None:
    org = Organisation.get()
    norms = {
        DEADLINE_REACTION: org.reaction_norm,
        DEADLINE_POLICE: org.police_report_norm,
        DEADLINE_INSPECTORATE: org.inspectorate_norm,
    }
    for kind, norm in norms.items():
        deadline_reschedule(kind=kind, subject=incident, starts_at=incident.occurred_at, norm=norm)


def notify_new_incident(incident: Incident, form_codes: set[str], reporter) -> None:
    """Tell the handler and the department's managers (their deputies during leave), and the
    coordinator for serious forms; never someone involved, who gets the message below instead.

    The rows are written now; e-mail follows after commit and never fails the request.
    Subject and body carry the reference only, no personal data.
    """
    managers = incident.department.managers.filter(is_active=True)
    recipients = [stand_in_for_case(manager, incident.pk) for manager in managers]
    if incident.handler_id:
        recipients.append(stand_in_for_case(incident.handler, incident.pk))
    if form_codes & set(SERIOUS_FORMS):
        recipients += list(users_with_perm("incidents.view_all_incidents"))
    url = reverse("incidents:detail", args=[incident.pk])
    involved = {
        reporter.pk,
        *incident.involvements.filter(user__isnull=False).values_list("user_id", flat=True),
    }
    recipients = [user for user in recipients if user.pk not in involved]
    if recipients:
        notify(
            recipients=recipients,
            subject=_("Nieuwe melding %(ref)s") % {"ref": incident.reference},
            body=_("Er is een nieuw incident gemeld. Neem vandaag contact op met de medewerker."),
            url=url,
        )
    # A colleague reported on someone's behalf: that person hears it from GIR too.
    involved = [
        i.user for i in incident.involvements.select_related("user") if i.user_id and i.user_id != reporter.pk
    ]
    if involved:
        notify(
            recipients=involved,
            subject=_("Melding %(ref)s over een incident waarbij u betrokken was")
            % {"ref": incident.reference},
            body=_(
                "Een collega heeft een incident gemeld waarbij u betrokken was. U kunt de melding bekijken."
            ),
            url=url,
        )


def notify_closed(incident: Incident, by) -> None:
    """The reporter follows what happened with their report."""
    if incident.reporter_id == getattr(by, "pk", None) or not incident.reporter.is_active:
        return
    notify(
        recipients=[incident.reporter],
        subject=_("Uw melding %(ref)s is afgehandeld") % {"ref": incident.reference},
        body=_("De afhandeling van uw melding is klaar. In het dossier ziet u wat er is gebeurd."),
        url=reverse("incidents:detail", args=[incident.pk]),
    )
