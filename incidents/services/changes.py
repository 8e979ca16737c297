"""Changes to a filed incident: completing it, status, first talk, the 48-hour reaction."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import events
from gir.deadlines import deadline_close
from gir.errors import RuleViolation
from gir.registry import run_hooks
from incidents.constants import (
    DEADLINE_INSPECTORATE,
    DEADLINE_POLICE,
    DEADLINE_REACTION,
    TRANSITIONS,
    EventKind,
    PolicePlan,
    Status,
)
from incidents.models import Incident, IncidentForm, Involvement, StatusChange
from incidents.services.common import (
    add_event,
    notify_closed,
    open_deadlines,
    reschedule_deadlines,
)
from incidents.services.handlers import handler_route, reroute_if_involved


class IncidentChangeError(RuleViolation):
    """A change that the rules do not allow (shown to the user in Dutch)."""


class StaleEdit(IncidentChangeError):
    """Someone else saved the incident after this form was opened (optimistic locking)."""

    def __init__(self, current_version: int):
        super().__init__(
            _(
                "Iemand anders heeft dit incident net opgeslagen. Uw wijzigingen zijn nog niet "
                "bewaard en staan hieronder. Bekijk het dossier in een ander tabblad en klik "
                "opnieuw op Opslaan als u uw versie wilt bewaren."
            )
        )
        self.current_version = current_version


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


@transaction.atomic
def incident_update(
    *, incident: Incident, by, version: int, changes: dict, forms: list[str] | None = None
) -> Incident:
    """Save the full registration. Refused with StaleEdit when ``version`` is not current.

    ``changes`` maps Incident field names to new values. A corrected incident time moves the
    open deadlines; new forms or a hospital admission open the norms that now apply.
    """
    current = _locked(incident)
    if current.version != version:
        raise StaleEdit(current.version)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    time_changed = "occurred_at" in changed
    for name in changed:
        setattr(current, name, changes[name])
    if forms is not None and set(forms) != set(current.form_codes):
        current.forms.all().delete()
        IncidentForm.objects.bulk_create(
            [IncidentForm(incident=current, form=code) for code in sorted(set(forms))]
        )
        changed.append("forms")
    if not changed:
        return current
    current.version += 1
    current.save()
    labels = [str(Incident._meta.get_field(name).verbose_name) for name in changed if name != "forms"]
    if "forms" in changed:
        labels.append(_("vormen van agressie"))
    add_event(current, by, EventKind.UPDATED, _("Aangevuld: %(fields)s") % {"fields": ", ".join(labels)})
    if time_changed:
        _after_time_change(current, by)
    if "department" in changed:
        handler_route(incident=current, by=by, why=_("de melding is naar een andere afdeling gegaan"))
    if "inspectorate_reported_at" in changed and current.inspectorate_reported_at:
        deadline_close(
            kind=DEADLINE_INSPECTORATE,
            subject=current,
            by=by,
            note=current.inspectorate_reference or _("gemeld"),
        )
        add_event(current, by, EventKind.INSPECTORATE)
    open_deadlines(current, set(current.form_codes))
    return current


def _after_time_change(incident: Incident, by) -> None:
    reschedule_deadlines(incident)
    add_event(
        incident,
        by,
        EventKind.TIME_CORRECTED,
        _("Tijdstip gecorrigeerd naar %(at)s")
        % {"at": timezone.localtime(incident.occurred_at).strftime("%d-%m-%Y %H:%M")},
    )
    run_hooks(events.INCIDENT_TIME_CHANGED, incident=incident, by=by)


@transaction.atomic
def incident_time_correct(*, incident: Incident, by, occurred_at: datetime) -> Incident:
    """Correct only the incident time: deadlines move with it, other apps are told."""
    current = _locked(incident)
    if occurred_at > current.reported_at:
        raise IncidentChangeError(_("Het incident kan niet na het moment van melden zijn gebeurd."))
    if occurred_at == current.occurred_at:
        return current
    current.occurred_at = occurred_at
    current.version += 1
    current.save()
    _after_time_change(current, by)
    return current


@transaction.atomic
def incident_transition(*, incident: Incident, to_status: str, by, note: str = "") -> Incident:
    """Move the status along the TRANSITIONS table and append a StatusChange row."""
    current = _locked(incident)
    from_status = current.status
    if to_status not in TRANSITIONS.get(Status(from_status), set()):
        raise IncidentChangeError(
            _(
                "Een incident met status %(from)s kan niet naar %(to)s. Misschien heeft iemand "
                "anders de status net gewijzigd: bekijk de status hierboven en kies opnieuw."
            )
            % {
                "from": Status(from_status).label,
                "to": Status(to_status).label if to_status in Status else to_status,
            }
        )
    current.status = to_status
    current.save(update_fields=["status", "updated_at"])
    StatusChange.objects.create(
        incident=current, from_status=from_status, to_status=to_status, by=by, note=note
    )
    if to_status == Status.CLOSED:
        notify_closed(current, by)
    return current


@transaction.atomic
def incident_record_first_talk(
    *, incident: Incident, by, at: datetime, summary: str, police_plan: str
) -> Incident:
    """The manager's first talk with the employee (eerste opvang) and the police decision.

    "No melding or aangifte" is a recorded decision: it fulfils the police-report norm.
    A first talk also means the incident is being handled.
    """
    current = _locked(incident)
    current.first_talk_at = at
    current.first_talk_by = by
    current.first_talk_summary = summary
    current.police_report_planned = police_plan
    current.version += 1
    current.save()
    text = _("Eerste opvang vastgelegd. Politie: %(plan)s") % {"plan": PolicePlan(police_plan).label}
    add_event(current, by, EventKind.FIRST_TALK, text)
    if police_plan == PolicePlan.NONE:
        deadline_close(
            kind=DEADLINE_POLICE, subject=current, by=by, note=_("Besloten: geen melding of aangifte")
        )
    if current.status == Status.REPORTED:
        incident_transition(
            incident=current, to_status=Status.IN_PROGRESS, by=by, note=str(EventKind.FIRST_TALK.label)
        )
        current.refresh_from_db()
    return current


@transaction.atomic
def incident_waive_reaction(*, incident: Incident, by, reason: str) -> Incident:
    """Record why no reaction to the aggressor is possible; this fulfils the 48-hour norm."""
    current = _locked(incident)
    current.reaction_waived_reason = reason
    current.reaction_waived_at = timezone.now()
    current.reaction_waived_by = by
    current.version += 1
    current.save()
    deadline_close(kind=DEADLINE_REACTION, subject=current, by=by, note=reason)
    add_event(current, by, EventKind.REACTION_WAIVED)
    return current


@transaction.atomic
def involvement_add(*, incident: Incident, by, role: str, user=None, name: str = "", **fields) -> Involvement:
    """Add a victim or witness later; other apps (aftercare) are told through a hook."""
    if user is not None and Involvement.objects.filter(incident=incident, user=user, role=role).exists():
        raise IncidentChangeError(_("Deze persoon staat al met deze rol bij het incident."))
    involvement = Involvement.objects.create(incident=incident, role=role, user=user, name=name, **fields)
    add_event(
        incident,
        by,
        EventKind.INVOLVEMENT,
        _("%(role)s toegevoegd") % {"role": involvement.get_role_display()},
    )
    reroute_if_involved(incident=incident, by=by)
    run_hooks(events.INVOLVEMENT_ADDED, involvement=involvement, by=by)
    return involvement
