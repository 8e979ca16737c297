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


class Dashed(forms.Form):
    must = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    may = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    named = forms.ChoiceField(choices=[("", "Alle afdelingen"), ("a", "A")], required=False)


def test_django_dashes_become_dutch_and_a_filters_own_empty_label_stays():
    form = Dashed({})
    assert ">Maak een keuze</option>" in _render(form, "must")
    assert ">Geen</option>" in _render(form, "may")
    assert ">Alle afdelingen</option>" in _render(form, "named")
    assert "---------" not in "".join(_render(form, name) for name in ("must", "may", "named"))
