"""Aggressors as persons of their own: created once, linked to every incident they caused."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from gir.audit import audit_log
from gir.errors import RuleViolation
from gir.models import AuditEntry
from incidents.constants import EventKind
from incidents.models import Aggressor, Incident, IncidentAggressor
from incidents.services.common import add_event


@transaction.atomic
def aggressor_create(
    *, by, data: dict, photo=None, incident: Incident | None = None, request=None
) -> Aggressor:
    """Create a person (an unknown one can be described now and identified later)."""
    aggressor = Aggressor(created_by=by, **data)
    aggressor.is_identified = bool(aggressor.last_name and aggressor.date_of_birth)
    if photo is not None:
        aggressor.photo.save(photo.name, photo, save=False)
    aggressor.save()
    audit_log(request=request, actor=by, action=AuditEntry.Action.CREATE, obj=aggressor)
    if incident is not None:
        aggressor_link(incident=incident, aggressor=aggressor, by=by)
    return aggressor


@transaction.atomic
def aggressor_update(*, aggressor: Aggressor, by, data: dict, photo=None, request=None) -> Aggressor:
    for name, value in data.items():
        setattr(aggressor, name, value)
    aggressor.is_identified = bool(aggressor.last_name and aggressor.date_of_birth)
    if photo is not None:
        old = aggressor.photo.name
        aggressor.photo.save(photo.name, photo, save=False)
        if old:
            aggressor.photo.storage.delete(old)
    aggressor.save()
    audit_log(request=request, actor=by, action=AuditEntry.Action.UPDATE, obj=aggressor)
    return aggressor


@transaction.atomic
def aggressor_link(*, incident: Incident, aggressor: Aggressor, by) -> IncidentAggressor:
    """Link a person to an incident (repeat incidents link to the same person)."""
    link, created = IncidentAggressor.objects.get_or_create(
        incident=incident, aggressor=aggressor, defaults={"linked_by": by}
    )
    if created:
        # The timeline is seen by the reporter too: it names no aggressor, only the fact.
        add_event(incident, by, EventKind.AGGRESSOR_LINKED, _("Een dader is aan het incident gekoppeld"))
    return link


@transaction.atomic
def aggressor_unlink(*, incident: Incident, link_id: int, by) -> bool:
    """Unlink; False when already gone. Refused while measures of this incident hang on the link."""
    try:
        deleted, _rows = IncidentAggressor.objects.filter(incident=incident, pk=link_id).delete()
    except ProtectedError as exc:
        raise RuleViolation(
            _("Deze dader heeft al maatregelen bij dit incident en kan niet worden losgekoppeld.")
        ) from exc
    if deleted:
        add_event(incident, by, EventKind.AGGRESSOR_UNLINKED, _("Een dader is losgekoppeld van het incident"))
    return bool(deleted)
