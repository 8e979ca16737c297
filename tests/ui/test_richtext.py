"""The letter editor's text is cleaned on the server, whatever the browser sends."""

import pytest

from gir.richtext import RichTextarea, clean_html, html_to_text, text_to_html


def test_script_style_and_their_content_are_removed():
    assert clean_html("<p>Hallo<script>alert(1)</script><style>p{}</style></p>") == "<p>Hallo</p>"


def test_attributes_are_removed():
    assert clean_html('<p class="x" style="color:red" onclick="y()">Tekst</p>') == "<p>Tekst</p>"


@pytest.mark.parametrize(
    "link", ['<a href="https://evil.example/">hier</a>', '<a href="javascript:alert(1)">hier</a>']
)
def test_links_are_removed_and_their_text_kept(link):
    assert clean_html(f"<p>Klik {link}</p>") == "<p>Klik hier</p>"


def test_images_and_frames_go():
    assert clean_html('<p>a<img src="https://x.example/t.png"><iframe src="x">b</iframe></p>') == "<p>a</p>"


def test_the_editors_blocks_become_paragraphs_and_its_heading_an_h2():
    html = "<div>Beste heer,<br><br>Tweede alinea met <strong>vet</strong></div>"
    html += "<h1>Kop</h1><ul><li>een</li></ul>"
    assert (
        clean_html(html)
        == "<p>Beste heer,</p><p>Tweede alinea met <strong>vet</strong></p><h2>Kop</h2><ul><li>een</li></ul>"
    )


def test_template_fields_survive_cleaning():
    assert clean_html('<p>{{ dader.naam }} {{ incident.datum|date:"j F Y" }}</p>') == (
        '<p>{{ dader.naam }} {{ incident.datum|date:"j F Y" }}</p>'
    )


def test_plain_text_without_javascript_becomes_the_same_formatting():
    text = "Geachte heer,\n\nU heeft **gescholden**.\n\n## Wat nu\n\n- stoppen\n- excuses\n\n1. een\n2. twee"
    html = text_to_html(text)
    assert html == (
        "<p>Geachte heer,</p><p>U heeft <strong>gescholden</strong>.</p><h2>Wat nu</h2>"
        "<ul><li>stoppen</li><li>excuses</li></ul><ol><li>een</li><li>twee</li></ol>"
    )
    assert text_to_html(html_to_text(html)) == html


def test_plain_text_is_escaped_not_run():
    assert text_to_html("<script>x</script> & <b>") == "<p>&lt;script&gt;x&lt;/script&gt; &amp; &lt;b&gt;</p>"


def test_the_widget_prefers_the_editors_html_and_cleans_it():
    widget = RichTextarea()
    data = {"body": "ignored", "body_html": '<div onclick="x">Hoi<script>y</script></div>'}
    assert widget.value_from_datadict(data, {}, "body") == "<p>Hoi</p>"
    assert widget.value_from_datadict({"body": "Hoi\n\n- a"}, {}, "body") == "<p>Hoi</p><ul><li>a</li></ul>"


def test_html_posted_in_the_plain_field_is_cleaned_as_html():
    widget = RichTextarea()
    assert widget.value_from_datadict({"body": "<p>Hoi <script>x</script></p>"}, {}, "body") == "<p>Hoi </p>"
