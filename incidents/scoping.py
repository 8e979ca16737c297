"""The pieces of incident scoping (DESIGN.md "Need to know"; ADR 0010).

Each piece is one simple indexed query returning incident ids; ``visible_to`` and
``managed_by`` combine them with UNION inside ``pk IN (...)``. No ``OR EXISTS``: PostgreSQL
plans every branch of a UNION on its own index, where an OR of correlated subqueries made it
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


def managed_parts(user) -> list:
    """Cases a manager acts on: their departments' and the ones handed to them (or to whom they
    stand in for)."""
    from incidents.models import Incident

    return [
        Incident.objects.filter(department_id__in=managed_department_ids(user)).values("pk"),
        Incident.objects.filter(handler_id__in=principal_ids(user)).values("pk"),
    ]


def managed_rows(user) -> Q:
    """The manager's scope as a condition on one incident row, the same as ``managed_parts``.

    For a few rows that point at incidents (the open 48-hour reactions) checked one by one
    against the scope: ``Exists(Incident.objects.filter(managed_rows(user), pk=OuterRef(...)))``
    is a primary-key lookup per row, where ``IN (UNION ...)`` first lists every incident of the
    department (and the planner, misjudging the open rows, repeated that per row: 1.5 s).
    Only for users ``managed_by`` gives incidents at all (``view_all_incidents`` or
    ``manage_incidents``); the caller checks that.
    """
    if user.has_perm("incidents.view_all_incidents"):
        return Q()
    return Q(department_id__in=managed_department_ids(user)) | Q(handler_id__in=principal_ids(user))


def read_parts(user) -> list:
    """Everything a user may read: what they reported or were involved in, what they manage,
    and what later apps open to them (a ban request addressed to a mandated manager)."""
    from incidents.models import Incident, Involvement

    parts = [
        Incident.objects.filter(reporter=user).values("pk"),
        Involvement.objects.filter(user=user).values("incident_id"),
    ]
    if user.has_perm("incidents.manage_incidents"):
        parts += managed_parts(user)
    return parts + extra_scopes("incidents.Incident", user)


def manages(user, incident) -> bool:
    """Whether ``user`` acts on ``incident`` as its manager (no query beyond the cached sets)."""
    if not user.has_perm("incidents.manage_incidents"):
        return False
    if user.has_perm("incidents.view_all_incidents"):
        return True
    return incident.department_id in managed_department_ids(user) or incident.handler_id in principal_ids(
        user
    )
