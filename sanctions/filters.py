"""Filters of the measure list and the coordinator's ban register (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from gir.models import Location
from sanctions.constants import BanPhase, MeasureStatus, MeasureType
from sanctions.models import Ban, Measure


class MeasureFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label=_("Soort"), choices=MeasureType.choices, empty_label=_("Alle soorten")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MeasureStatus.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Measure
        fields = ["type", "status"]


class BanRegisterFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(
        label=_("Stand"), choices=BanPhase.choices, method="filter_phase", empty_label=_("Alle verboden")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Locatie"),
        queryset=Location.objects.filter(is_active=True).select_related("parent"),
        method="filter_location",
        empty_label=_("Alle locaties"),
    )
    name = django_filters.CharFilter(label=_("Naam bevat"), method="filter_name")
    ends_after = django_filters.DateFilter(
        label=_("Eindigt op of na"),
        field_name="measure__ends_on",
        lookup_expr="gte",
        **dutch_date_kwargs(),
    )

    class Meta:
        model = Ban
        fields = ["phase", "location", "name", "ends_after"]

    def filter_phase(self, queryset, name, value):
        if value == BanPhase.IN_FORCE:
            return queryset.in_force()
        if value == BanPhase.NOT_SERVED:
            return queryset.filter(served_on__isnull=True).exclude(measure__status=MeasureStatus.REVOKED)
        if value == BanPhase.UPCOMING:
            return queryset.upcoming().filter(served_on__isnull=False)
        if value == BanPhase.ENDED:
            return queryset.ended()
        if value == BanPhase.REVOKED:
            return queryset.revoked()
        return queryset

    def filter_location(self, queryset, name, value):
        return queryset.filter(Q(all_locations=True) | Q(location_links__location=value)).distinct()

    def filter_name(self, queryset, name, value):
        words = value.split()[:4]
        for word in words:
            queryset = queryset.filter(
                Q(measure__aggressor__last_name__icontains=word)
                | Q(measure__aggressor__first_name__icontains=word)
            )
        return queryset
