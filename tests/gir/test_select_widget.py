"""The crispy pack writes a plain <select> itself (no template per option), with the same meaning."""

from django import forms
from django.template import Context, Template

TAG = Template('{% load gir_forms %}{% render_utrecht_widget field "select" %}')


class Choice(forms.Form):
    colour = forms.ChoiceField(choices=[("", "Alle"), ("r", "Rood & <b>"), ("g", "Groen")], required=False)
    size = forms.ChoiceField(choices=[("s", "Klein"), ("l", "Groot")], help_text="Maat")
    grouped = forms.ChoiceField(choices=[("Warm", [("r", "Rood")]), ("Koud", [("b", "Blauw")])])


def _render(form, name) -> str:
    return TAG.render(Context({"field": form[name]}))


def test_the_chosen_option_is_selected_and_labels_are_escaped():
    html = _render(Choice({"colour": "g"}), "colour")
    assert html.startswith(
        '<select class="utrecht-select utrecht-select--html-select" id="id_colour" name="colour">'
    )
    assert '<option value="g" selected>Groen</option>' in html
    assert "Rood &amp; &lt;b&gt;" in html
    assert html.count("selected") == 1


def test_required_and_described_selects_keep_their_aria_wiring():
    html = _render(Choice({}), "size")
    assert 'aria-describedby="id_size_help' in html and 'aria-invalid="true"' in html
    assert "required" in html and 'aria-required="true"' in html


def test_grouped_choices_are_left_to_django():
    html = _render(Choice({"grouped": "b"}), "grouped")
    assert '<optgroup label="Koud">' in html
