"""The shared rule-violation error and how views show it."""

from django import forms

from gir.errors import RuleViolation, show_on_form


class _Form(forms.Form):
    name = forms.CharField()


def test_a_violation_is_shown_at_its_field_and_the_input_is_kept():
    form = _Form(data={"name": "Jan"})
    assert form.is_valid()
    show_on_form(form, RuleViolation("Kies een andere naam.", field="name"))
    assert form.errors == {"name": ["Kies een andere naam."]}
    assert form["name"].value() == "Jan"


def test_a_violation_for_an_unknown_field_goes_above_the_form():
    form = _Form(data={"name": "Jan"})
    form.is_valid()
    show_on_form(form, RuleViolation("Dit mag niet.", field="bestaat_niet"))
    assert form.non_field_errors() == ["Dit mag niet."]
