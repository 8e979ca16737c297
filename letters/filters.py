"""Filters of the dispatch register. They narrow a queryset that is already scoped, so no
parameter can widen what a user sees."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from gir.models import Department
from letters.constants import DispatchMethod, LetterKind


class DispatchFilter(django_filters.FilterSet):
    sent_from = django_filters.DateFilter(
        field_name="dispatched_at", lookup_expr="date__gte", label=_("Verzonden vanaf"), **dutch_date_kwargs()
    )
    sent_until = django_filters.DateFilter(
        field_name="dispatched_at",
        lookup_expr="date__lte",
        label=_("Verzonden tot en met"),
        **dutch_date_kwargs(),
    )
    kind = django_filters.ChoiceFilter(
        field_name="letter__kind",
        choices=LetterKind.choices,
        label=_("Soort brief"),
        empty_label=_("Alle brieven"),
    )
    method = django_filters.ChoiceFilter(
        choices=DispatchMethod.choices, label=_("Hoe verzonden"), empty_label=_("Alle manieren")
    )
    department = django_filters.ModelChoiceFilter(
        field_name="letter__incident__department",
        queryset=Department.objects.all(),
        label=_("Afdeling"),
        empty_label=_("Alle afdelingen"),
    )
    reference = django_filters.CharFilter(label=_("Kenmerk"), method="filter_reference", max_length=40)

    def filter_reference(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(letter__reference__icontains=value) | Q(letter__incident__reference__icontains=value)
        )
