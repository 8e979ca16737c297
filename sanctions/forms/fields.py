"""Shared form pieces: a base form, a one-time token, a plausible-date field."""

from __future__ import annotations

import uuid
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gir.dateinput import DutchDateField
from gir.deadlines.arithmetic import LOCAL_TZ

MIN_YEAR, MAX_YEAR = 2000, 2100


def local_instant(day, time) -> datetime:
    """A date and a wall-clock time in Europe/Amsterdam as an aware instant."""
    return datetime.combine(day, time, tzinfo=LOCAL_TZ)


class Form(forms.Form):
    # No HTML ``required``: the Utrecht CSS paints every empty required textarea red
    # (``:invalid``) before anything was typed. ``aria-required`` still marks them.
    use_required_attribute = False


def new_token() -> str:
    return uuid.uuid4().hex


class TokenField(forms.CharField):
    """A hidden one-time token: the same submission sent twice is recognised by the service."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=40, initial=new_token, **kwargs)


class DayField(DutchDateField):
    """A calendar date typed as Dutch text (gir.dateinput), within a plausible range: far-away
    years would overflow the deadline arithmetic and are always typing errors here."""

    def validate(self, value):
        super().validate(value)
        if value and not (MIN_YEAR <= value.year <= MAX_YEAR):
            raise ValidationError(
                _("Kies een datum tussen %(min)d en %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
