from django import forms
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from privacy.constants import DEFAULT_DAYS, HELP, MIN_DAYS, DataClass


class RetentionForm(forms.Form):
    """One whole number of days per data class."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for data_class in DataClass:
            self.fields[data_class.value] = forms.IntegerField(
                label=_("%(label)s (dagen)") % {"label": data_class.label},
                min_value=MIN_DAYS.get(data_class, 30),
                max_value=36500,
                initial=current.get(data_class.value, DEFAULT_DAYS[data_class]),
                help_text=HELP[data_class],
            )


class SubjectSearchForm(forms.Form):
    q = forms.CharField(label=_("Naam"), max_length=100, required=False)
    date_of_birth = forms.DateField(label=_("Geboortedatum"), required=False, **dutch_date_kwargs())
