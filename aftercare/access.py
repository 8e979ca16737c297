"""Access helpers: one per model, returning the object in the user's scope or raising 404."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from aftercare.models import AftercareCase, AftercareTalk


def cases_for(user):
    """The cases ``user`` may see, with what the list and the case page show."""
    return (
        AftercareCase.objects.visible_to(user)
        .select_related("incident", "involvement", "assigned_to", "person")
        .prefetch_related(Prefetch("talks", queryset=AftercareTalk.objects.order_by("number")))
    )


def case_for(user, pk: int) -> AftercareCase:
    """The case if ``user`` may see it, else 404."""
    return get_object_or_404(cases_for(user), pk=pk)


def case_for_worker(user, pk: int) -> AftercareCase:
    """The case if ``user`` handles it as aftercare worker, else 404."""
    return get_object_or_404(
        AftercareCase.objects.handled_by(user).select_related("incident", "involvement", "assigned_to"), pk=pk
    )


def talk_for(user, pk: int) -> AftercareTalk:
    """A talk of a case ``user`` may see (the worker and the employee), else 404."""
    talk = get_object_or_404(AftercareTalk, pk=pk)
    talk.case = case_for(user, talk.case_id)
    return talk


def talk_for_worker(user, pk: int) -> AftercareTalk:
    """A talk of a case ``user`` handles as aftercare worker, else 404."""
    talk = get_object_or_404(AftercareTalk, pk=pk)
    talk.case = case_for_worker(user, talk.case_id)
    return talk
