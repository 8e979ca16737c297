"""List filters. They narrow a queryset that is already scoped with ``visible_to``, so no
parameter can ever widen what a user sees."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from gir.deadlines.arithmetic import end_of_local_day, start_of_local_day
from gir.models import Department
from incidents import search
from incidents.constants import AggressionForm, LocationType, Status
from incidents.models import IncidentForm


class IncidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="filter_search",
        max_length=search.MAX_LENGTH,
        help_text=_("Kenmerk, woorden uit de beschrijving, plek of afdeling."),
    )
    occurred_from = django_filters.DateFilter(
        method="filter_occurred_from", label=_("Vanaf datum"), **dutch_date_kwargs()
    )
    occurred_until = django_filters.DateFilter(
        method="filter_occurred_until", label=_("Tot en met datum"), **dutch_date_kwargs()
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
    overdue = django_filters.BooleanFilter(
        label=_("Alleen met verlopen termijn"),
        method="filter_overdue",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.has_perm("incidents.search_aggressors"):
            self.filters["q"].extra["help_text"] = _(
                "Kenmerk, woorden uit de beschrijving, plek, afdeling of naam van de dader."
            )

    def filter_form(self, queryset, name, value):
        return queryset.filter(Exists(IncidentForm.objects.filter(incident=OuterRef("pk"), form=value)))

    # Local calendar days as instants: ``occurred_at__date`` converts every row's time to a
    # local date, which no index can answer (33 ms for a year's count at full benchmark size).
    def filter_occurred_from(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=start_of_local_day(value))

    def filter_occurred_until(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=end_of_local_day(value))

    def filter_search(self, queryset, name, value):
        return search.search(queryset, value, user=self.user)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.now()) if value else queryset
