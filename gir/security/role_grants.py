"""Segregation of duties for roles (issue 12, finding 1).

The beheerder manages accounts but never its own roles. A role that lets its holder see personal
data is not given at once: it becomes a pending ``RoleGrant`` that a second person holding
``gir.confirm_role_grant`` (the coordinator) confirms or refuses. That person may be neither the
one who asked nor the one who gets the role. Taking a role away needs nobody's confirmation.
Every step is in the audit log with the roles before and after.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.audit import audit_log, log_change
from gir.errors import RuleViolation
from gir.models import AuditEntry
from gir.notifications import notify, users_with_perm
from gir.roles import needs_confirmation
from gir.security.models import RoleGrant

CONFIRM_PERM = "gir.confirm_role_grant"


def _role_names(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


@transaction.atomic
def roles_change(*, actor, user, wanted: list[Group], request=None) -> list[RoleGrant]:
    """Apply the roles the beheerder ticked: removals and direct roles now, the rest as requests."""
    if actor.pk == user.pk:
        raise RuleViolation(_("U kunt uw eigen rollen niet wijzigen. Vraag een andere beheerder."))
    before = _role_names(user)
    current = set(user.groups.all())
    wanted_set = set(wanted)
    user.groups.remove(*(current - wanted_set))
    direct = [g for g in wanted_set - current if not needs_confirmation(g.name)]
    user.groups.add(*direct)
    requested = [g for g in wanted_set - current if needs_confirmation(g.name)]
    RoleGrant.objects.filter(user=user, status=RoleGrant.Status.PENDING).exclude(role__in=requested).delete()
    grants = [_request(actor=actor, user=user, role=role, request=request) for role in requested]
    log_change(
        request=request, actor=actor, obj=user, before={"roles": before}, after={"roles": _role_names(user)}
    )
    return grants


def _request(*, actor, user, role, request) -> RoleGrant:
    grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, status=RoleGrant.Status.PENDING, defaults={"requested_by": actor}
    )
    if created:
        audit_log(
            request=request,
            actor=actor,
            action=AuditEntry.Action.GRANT,
            obj=grant,
            description=texts.ROLE_REQUESTED(role=role.pk, user=user.pk),
        )
        confirmers = users_with_perm(CONFIRM_PERM).exclude(pk__in=[actor.pk, user.pk])
        notify(
            recipients=confirmers,
            subject=_("Een rol wacht op uw bevestiging"),
            body=_("De beheerder vraagt een rol met toegang tot persoonsgegevens aan. Bevestig of weiger."),
            url=reverse("role-grants"),
        )
    return grant


@transaction.atomic
def role_grant_decide(*, actor, grant: RoleGrant, confirm: bool, request=None) -> RoleGrant:
    """Confirm or refuse a pending request; the decider is a second person."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.status != RoleGrant.Status.PENDING:
        raise RuleViolation(_("Over deze aanvraag is al beslist."))
    if actor.pk in (grant.requested_by_id, grant.user_id):
        raise RuleViolation(_("Een ander moet deze aanvraag beoordelen: u vroeg hem aan of hij gaat over u."))
    before = _role_names(grant.user)
    grant.status = RoleGrant.Status.CONFIRMED if confirm else RoleGrant.Status.REFUSED
    grant.decided_by, grant.decided_at = actor, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    if confirm:
        grant.user.groups.add(grant.role)
    audit_log(
        request=request,
        actor=actor,
        action=AuditEntry.Action.GRANT,
        obj=grant,
        description=(texts.ROLE_CONFIRMED if confirm else texts.ROLE_REFUSED)(
            role=grant.role_id, user=grant.user_id
        ),
        changes={"roles": [before, _role_names(grant.user)]},
    )
    return grant
