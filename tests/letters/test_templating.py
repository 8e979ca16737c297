"""The restricted template language: unknown and unsafe fields are refused with a Dutch
message naming them; rendering autoescapes and cleans; the editor form never crashes."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from letters.forms import TemplateVersionForm
from letters.merge_fields import ALLOWED_PATHS, sample_flat, to_context
from letters.sanitize import clean_html
from letters.templating import render_restricted, validate_template


def messages(source: str) -> list[str]:
    with pytest.raises(ValidationError) as info:
        validate_template(source)
    return info.value.messages


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("{{ dader.__class__ }}", "dader.__class__"),
        ("{{ dader.naam.__class__.__mro__ }}", "dader.naam.__class__.__mro__"),
        ("{{ settings.SECRET_KEY }}", "settings.SECRET_KEY"),
        ("{{ request.user.password }}", "request.user.password"),
        ("{{ dader.bsn }}", "dader.bsn"),
        ("{% load static %}", "load"),
        ("{% include 'base.html' %}", "include"),
        ("{% extends 'base.html' %}", "extends"),
        ("{% debug %}", "debug"),
        ("{% for x in dader %}{% endfor %}", "for"),
        ("{% with a=dader.naam %}{% endwith %}", "with"),
        ("{% url 'start' %}", "url"),
        ("{% csrf_token %}", "csrf_token"),
        ("{% if settings.DEBUG %}x{% endif %}", "settings.DEBUG"),
        ("{{ dader.naam|safe }}", "safe"),
        ("{{ dader.naam|upper }}", "upper"),
        ("{{ dader.naam|default:settings.SECRET_KEY }}", "settings.SECRET_KEY"),
        ("<script>alert(1)</script>", "script"),
        ("<img src=x>", "img"),
        ("<a href='http://example.com'>x</a>", "a"),
    ],
)
def test_unknown_or_unsafe_parts_are_refused_by_name(source, named):
    found = messages(source)
    assert any(named in m for m in found), found
    assert all(m[0].isupper() for m in found)  # a sentence, in Dutch


def test_the_error_for_an_unknown_field_is_dutch_and_clear():
    assert messages("Beste {{ dader.voornaam }},") == [
        "Het veld ‘dader.voornaam’ bestaat niet of mag niet in een brief."
    ]


def test_an_unclosed_if_is_explained():
    assert "{% endif %}" in messages("{% if dader.naam %}Beste")[0]


@pytest.mark.parametrize("source", ["Beste {{ dader.naam", "tekst }} meer", "{% if", "100%}"])
def test_a_stray_placeholder_mark_is_refused(source):
    assert messages(source)


def test_attributes_on_allowed_html_are_refused():
    assert "attributen" in messages("<p onclick='steal()'>Hallo</p>")[0]


@pytest.mark.parametrize(
    "source",
    [
        "Beste {{ dader.naam }},",
        '{{ incident.datum|date:"j F Y" }}',
        '{{ verbod.locaties|default:"alle gebouwen" }}',
        "{{ ordegesprek.afspraken|linebreaksbr }} {{ schade.omschrijving|linebreaks }}",
        "{% if dader.adres and not slachtoffer.naam %}a{% elif vandaag %}b{% else %}c{% endif %}",
        "<p><strong>Let op</strong></p><ul><li>een</li></ul>",
    ],
)
def test_allowed_templates_pass(source):
    validate_template(source)


def test_every_documented_field_is_accepted():
    validate_template(" ".join(f"{{{{ {path} }}}}" for path in sorted(ALLOWED_PATHS)))


def test_rendering_escapes_values_from_the_data():
    context = to_context(sample_flat())
    context["dader"]["naam"] = "<script>alert(1)</script>"
    out = render_restricted("<p>Beste {{ dader.naam }},</p>", context)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_dates_are_written_in_dutch():
    assert (
        render_restricted('{{ incident.datum|date:"l j F Y" }}', to_context(sample_flat()))
        == "maandag 16 november 2026"
    )


def test_the_cleaner_keeps_text_and_drops_code():
    dirty = (
        '<p class="x" onclick="y">Hallo <b>daar</b><script>bad()</script>'
        '<iframe src="x">z</iframe></p><img src=x>'
    )
    assert clean_html(dirty) == "<p>Hallo <b>daar</b></p>"


TEMPLATE_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "{{ dader.naam }}",
                "{{ ",
                " }}",
                "{% if ",
                "{% endif %}",
                "{% load x %}",
                "<p>",
                "</p>",
                "{{ x.__class__ }}",
                "|date:",
                '"j F Y"',
                "{# #}",
                "<script>",
                "dader.naam",
                "{%",
                "%}",
                "é€",
            ]
        ),
        max_size=12,
    ).map("".join),
)


class TemplateEditorFuzz(HypothesisTestCase):
    """Whatever the coordinator types: a valid form or errors, never an exception."""

    @settings(max_examples=150, deadline=None)
    @given(subject=TEMPLATE_TEXT, body=TEMPLATE_TEXT, note=st.text(max_size=250))
    def test_the_editor_form_never_crashes(self, subject, body, note):
        form = TemplateVersionForm(data={"subject": subject, "body": body, "note": note})
        if form.is_valid():
            out = render_restricted(form.cleaned_data["body"], to_context(sample_flat()))
            assert not [mark for mark in ("{{", "}}", "{%", "%}") if mark in out]
            assert "<script" not in out
        else:
            assert form.errors
