"""List filters. They narrow a queryset that is already scoped with ``visible_to``, so no
parameter can ever widen what a user sees."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from gir.models import Department
from incidents.constants import AggressionForm, LocationType, Status
from incidents.models import Aggressor, IncidentAggressor, IncidentForm


class IncidentFilter(django_filters.FilterSet):
    occurred_from = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__gte", label=_("Vanaf datum"), **dutch_date_kwargs()
    )
    occurred_until = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__lte", label=_("Tot en met datum"), **dutch_date_kwargs()
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.filter(is_active=True),
        label=_("Afdeling"),
        empty_label=_("Alle afdelingen"),
    )
    location_type = django_filters.ChoiceFilter(
        choices=LocationType.choices, label=_("Soort plek"), empty_label=_("Alle plekken")
    )
    form = django_filters.ChoiceFilter(
        choices=AggressionForm.choices, label=_("Vorm"), method="filter_form", empty_label=_("Alle vormen")
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, label=_("Status"), empty_label=_("Alle statussen")
    )
    aggressor = django_filters.CharFilter(label=_("Dader (naam)"), method="filter_aggressor", max_length=120)
    overdue = django_filters.BooleanFilter(
        label=_("Alleen met verlopen termijn"),
        method="filter_overdue",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is None or not user.has_perm("incidents.search_aggressors"):
            del self.filters["aggressor"]

    def filter_form(self, queryset, name, value):
        return queryset.filter(Exists(IncidentForm.objects.filter(incident=OuterRef("pk"), form=value)))

    def filter_aggressor(self, queryset, name, value):
        persons = Aggressor.objects.visible_to(self.user).active()
        value = value.strip()
        persons = (
            persons.filter(pk=int(value)) if value.isdigit() else persons.filter(last_name__icontains=value)
        )
        links = IncidentAggressor.objects.filter(incident=OuterRef("pk"), aggressor__in=persons)
        return queryset.filter(Exists(links))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.now()) if value else queryset
