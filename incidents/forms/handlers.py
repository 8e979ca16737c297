"""Handing a case to another manager."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from incidents.forms.fields import UserChoiceField


class HandOverForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    to = UserChoiceField(
        label=_("Aan wie draagt u de melding over?"),
        queryset=None,
        error_messages={"required": _("Kies de leidinggevende die de melding overneemt.")},
        help_text=_("Alleen leidinggevenden die zelf niet bij het incident betrokken zijn."),
        empty_label=_("Kies een leidinggevende"),
    )
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort waarom u de melding overdraagt.")},
        help_text=_("Dit komt in de geschiedenis van het dossier."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = candidates.select_related("department").order_by(
            "last_name", "first_name"
        )
