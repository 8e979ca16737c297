"""The pieces of incident scoping (DESIGN.md "Need to know"; ADR 0010).

An employee's scope is a few incidents: ``personal_parts`` are simple indexed queries joined
with UNION inside ``pk IN (...)``; PostgreSQL plans every branch on its own index. A manager's
scope is mostly whole departments: ``managed_rows`` asks the row's own department and handler,
so a page of 25 walks the date index and stops, and ``manager_rows`` adds the personal parts as
one hashed list. No ``OR EXISTS`` of correlated subqueries anywhere: that made PostgreSQL
JIT-compile an inflated plan (146 of 169 ms in an outside measurement).
"""

from __future__ import annotations

from django.db.models import Q

from gir.deputies import principal_ids
from gir.models import Department
from gir.registry import extra_scopes


def union(parts: list):
    """One subquery: the parts joined with UNION (default orderings dropped, which SQL forbids there)."""
    first, *rest = (part.order_by() for part in parts)
    return first.union(*rest) if rest else first


def managed_department_ids(user) -> set[int]:
    """Departments managed by ``user`` or by a manager they stand in for now (cached per request)."""
    if not hasattr(user, "_scope_department_ids"):
        principals = principal_ids(user)
        if principals == {user.pk}:  # no deputy period: the user's own set, one query for both
            user._scope_department_ids = set(user.managed_department_ids())
        else:
            user._scope_department_ids = set(
                Department.objects.filter(managers__in=principals).values_list("pk", flat=True)
            )
    return user._scope_department_ids


def managed_rows(user) -> Q:
    """The cases a manager acts on, as a condition on the incident row: their departments' and
    the ones handed to them (or to whom they stand in for). ``managed_by`` filters with it.

    Also for a few rows that point at incidents (the open 48-hour reactions) checked one by one
    against the scope: ``Exists(Incident.objects.filter(managed_rows(user), pk=OuterRef(...)))``
    is a primary-key lookup per row, where ``IN (UNION ...)`` first lists every incident of the
    department (and the planner, misjudging the open rows, repeated that per row: 1.5 s).
    Only for users ``managed_by`` gives incidents at all (``view_all_incidents`` or
    ``manage_incidents``); the caller checks that.
    """
    if user.has_perm("incidents.view_all_incidents"):
        return Q()
    return Q(department_id__in=managed_department_ids(user)) | Q(handler_id__in=principal_ids(user))


def involved_incident_ids(user) -> set[int]:
    """The incidents ``user`` reported or was a victim or witness in (gir.registry.PersonalCases)."""
    from incidents.models import Incident, Involvement

    reported = Incident.objects.filter(reporter=user).values_list("pk", flat=True)
    return set(reported) | set(Involvement.objects.filter(user=user).values_list("incident_id", flat=True))


def personal_parts(user) -> list:
    """What a user may read for themselves: what they reported or were involved in, and what
    later apps open to them (a ban request addressed to a mandated manager)."""
    from incidents.models import Incident, Involvement

    return [
        Incident.objects.filter(reporter=user).values("pk"),
        Involvement.objects.filter(user=user).values("incident_id"),
        *extra_scopes("incidents.Incident", user),
    ]


def manager_rows(user) -> Q:
    """A manager's whole read scope as a condition on the incident row: what they manage,
    asked of the row's own department and handler, or one of their few personal incidents (a
    hashed list, not a correlated subquery).

    A department holds tens of thousands of incidents: ``pk IN (UNION ...)`` first lists them
    all (50-120 ms at full benchmark size for a page of 25 or a count of the overdue ones),
    where a condition on the row lets PostgreSQL walk the date index and stop at the page.
    """
    return managed_rows(user) | Q(pk__in=union(personal_parts(user)))


def manages(user, incident) -> bool:
    """Whether ``user`` acts on ``incident`` as its manager (no query beyond the cached sets)."""
    if not user.has_perm("incidents.manage_incidents"):
        return False
    if user.has_perm("incidents.view_all_incidents"):
        return True
    return incident.department_id in managed_department_ids(user) or incident.handler_id in principal_ids(
        user
    )
