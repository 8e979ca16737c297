"""The one error a service raises when a business rule refuses an action, and how a view shows it.

Services raise ``RuleViolation`` (or a subclass named after the rule) with a Dutch message that
says what to do next. Views never build their own refusal messages: they catch ``RuleViolation``
and call ``show_on_form`` (the form is rendered again with everything the user typed and the
message above it, or at the field the rule concerns) or ``show_as_message`` (for a bare button).

It subclasses Django's ``ValidationError`` so a form's ``clean()`` can let the service's own rule
check raise it unchanged: each rule is written once, in the service, and the form shows the
service's message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError


class RuleViolation(ValidationError):
    """A business rule refused the action; ``str()``/``messages`` are shown to the user as they are.

    ``field`` names the form field the rule concerns, or None for the form as a whole.
    """

    def __init__(self, message, *, field: str | None = None, code: str | None = None, params=None):
        super().__init__(message, code=code, params=params)
        self.field = field


def show_on_form(form, exc: ValidationError) -> None:
    """Put a refusal on ``form`` so the page is rendered again with the user's input kept."""
    field = getattr(exc, "field", None)
    if field is not None and field not in form.fields:
        field = None
    for message in exc.messages:
        form.add_error(field, message)


def show_as_message(request, exc: ValidationError) -> None:
    """Show a refusal of a form-less action (a button) as an error message on the next page."""
    for message in exc.messages:
        messages.error(request, message)
