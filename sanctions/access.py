"""Access helpers: one per model, returning the object in the user's scope or raising 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from sanctions.models import Ban, Measure


def measure_for(user, pk: int) -> Measure:
    queryset = Measure.objects.visible_to(user).select_related("aggressor", "decided_by")
    return get_object_or_404(queryset, pk=pk)


def ban_for(user, pk: int) -> Ban:
    queryset = Ban.objects.visible_to(user).select_related("measure", "measure__aggressor")
    return get_object_or_404(queryset, pk=pk)


def _in_force_or_scope(user, pk: int, perm: str, now) -> Ban:
    if user.has_perm(perm):
        ban = Ban.objects.in_force(now).select_related("measure", "measure__aggressor").filter(pk=pk).first()
        if ban is not None:
            return ban
    return ban_for(user, pk)


def ban_for_reception(user, pk: int, now=None) -> Ban:
    """A ban as reception may see it: only while it is in force (or in the user's scope)."""
    return _in_force_or_scope(user, pk, "sanctions.view_reception_list", now)


def ban_for_breach(user, pk: int, now=None) -> Ban:
    """Roles that see the reception list reach the bans in force to register a breach."""
    return _in_force_or_scope(user, pk, "sanctions.view_reception_list", now)
