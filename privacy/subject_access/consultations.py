"""The consultations AVG art. 15 asks for: when the person's data were read or used, for what, and
by which role, never by whom (the employee's name is not the subject's data)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.models import AuditEntry
from gir.roles import MEDEWERKER
from privacy.auditlog import about_person

# What each kind of record says about the purpose of the consultation.
PURPOSES = {
    "aggressor": _("afhandeling van een incident: uw persoonsgegevens"),
    "incident": _("afhandeling van een incident"),
    "measure": _("besluit of uitvoering van een maatregel"),
    "ban": _("toegangsverbod"),
    "banbreach": _("overtreding van een toegangsverbod"),
    "letter": _("brief aan u"),
}


def _roles_of(actor_ids) -> dict[int, str]:
    roles: dict[int, list[str]] = {}
    for user_id, name in Group.objects.filter(user__in=actor_ids).values_list("user", "name"):
        if name != MEDEWERKER:
            roles.setdefault(user_id, []).append(name)
    return {user_id: ", ".join(sorted(names)) for user_id, names in roles.items()}


def consultations(aggressor) -> list[dict]:
    """Every audit entry about this person: date, action, purpose, role."""
    entries = list(
        AuditEntry.objects.filter(about_person(aggressor.pk))
        .select_related("content_type")
        .order_by("at")
        .only("at", "action", "content_type__model", "actor_id")
    )
    roles = _roles_of({e.actor_id for e in entries if e.actor_id})
    return [
        {
            "datum": timezone.localtime(entry.at).isoformat(),
            "handeling": entry.get_action_display(),
            "doel": str(
                PURPOSES.get(entry.content_type.model if entry.content_type_id else "", _("registratie"))
            ),
            "rol": str(roles.get(entry.actor_id, _("medewerker") if entry.actor_id else _("systeem"))),
        }
        for entry in entries
    ]
