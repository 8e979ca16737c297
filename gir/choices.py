"""Choice labels translated once per language and process, not on every ``get_FOO_display``.

Django's ``get_FOO_display`` builds a dict of the field's choices on each call, and hashing the
lazy labels translates every one of them: a list of 25 incidents cost ~1,200 ``gettext`` calls.
The labels of a field only change with the language, so they are kept per (field, language).
"""

from __future__ import annotations

from django.utils.translation import get_language

_LABELS: dict[tuple[int, str | None], dict] = {}


def choice_label(field, value):
    """The translated label of ``value`` among ``field``'s choices (the value itself if unknown)."""
    key = (id(field), get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {choice: str(label) for choice, label in field.flatchoices}
    try:
        return labels.get(value, value)
    except TypeError:  # an unhashable value cannot be a choice
        return value


class ChoiceLabels:
    """Model mixin: ``get_FOO_display`` through ``choice_label``."""

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))
