"""Formatted text typed by people (letter concepts and templates): clean it, and convert it.

The editor (Trix, from npm) sends HTML; without JavaScript the same field is a plain textarea with
a few simple conventions (an empty line starts a paragraph, "- " a bullet, "1. " a numbered item,
"## " a heading, **bold**). Either way the server keeps only a handful of text elements without
attributes (nh3, a maintained sanitiser): no script, style, attributes or links.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import nh3
from django import forms

# What a cleaned text may contain; the editor's own "div" and "h1" are accepted and converted.
ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "blockquote"}
)
_EDITOR_TAGS = ALLOWED_TAGS | {"div", "h1"}
# Elements whose content is never text for the reader.
_DROP_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)
_BREAKS = re.compile(r"(?:<br>\s*){2,}")


def clean_html(html: str) -> str:
    """Keep the allowed elements (without attributes) and their text; drop everything else.

    The editor's blocks (``div`` with line breaks) become paragraphs, its heading an ``h2``.
    """
    html = nh3.clean(
        html or "",
        tags=set(_EDITOR_TAGS),
        attributes={},
        link_rel=None,
        clean_content_tags=set(_DROP_CONTENT),
    )
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    html = html.replace("<div>", "<p>").replace("</div>", "</p>")
    html = _BREAKS.sub("</p><p>", html)
    return html.replace("<p></p>", "").replace("<p><br></p>", "")


_LOOKS_LIKE_HTML = re.compile(r"\s*<(p|div|h[1-3]|ul|ol|blockquote)[\s>]", re.IGNORECASE)
_INLINE_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NUMBERED = re.compile(r"^\d+[.)]\s+")


def _inline(text: str) -> str:
    return _INLINE_BOLD.sub(r"<strong>\1</strong>", escape(text, quote=False))


def _block(lines: list[str]) -> str:
    if all(line.startswith(("- ", "* ")) for line in lines):
        return "<ul>" + "".join(f"<li>{_inline(line[2:].strip())}</li>" for line in lines) + "</ul>"
    if all(_NUMBERED.match(line) for line in lines):
        return "<ol>" + "".join(f"<li>{_inline(_NUMBERED.sub('', line))}</li>" for line in lines) + "</ol>"
    if len(lines) == 1 and lines[0].startswith("#"):
        level = "h3" if lines[0].startswith("###") else "h2"
        return f"<{level}>{_inline(lines[0].lstrip('#').strip())}</{level}>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def text_to_html(text: str) -> str:
    """The plain-text conventions of the fallback textarea, as clean HTML."""
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return clean_html("".join(_block(lines) for lines in blocks))


class _ToText(HTMLParser):
    PREFIX = {"h2": "## ", "h3": "### "}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
            self.out.append("\n")
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            kind, number = self.lists[-1]
            self.out.append("\n- " if kind == "ul" else f"\n{number}. ")
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("p", "div", "h2", "h3", "blockquote"):
            self.out.append("\n\n" + self.PREFIX.get(tag, ""))

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.out.append("\n")
        elif tag in ("strong", "b"):
            self.out.append("**")

    def handle_data(self, data):
        self.out.append(data if self.lists or data.strip() else data.strip())


def html_to_text(html: str) -> str:
    """Clean HTML as the fallback textarea shows it (the reverse of ``text_to_html``)."""
    parser = _ToText()
    parser.feed(clean_html(html))
    parser.close()
    text = re.sub(r"\n{3,}", "\n\n", "".join(parser.out))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


class RichTextarea(forms.Textarea):
    """A textarea of plain text that the editor script turns into a formatting editor.

    Without JavaScript the person types plain text (see ``text_to_html``); with it the editor sends
    its HTML in ``<name>_html``. Either way the form field receives clean HTML.
    """

    template_name = "gir/widgets/richtext.html"

    def __init__(self, attrs=None, merge_fields=()):
        super().__init__(attrs)
        self.merge_fields = merge_fields

    def value_from_datadict(self, data, files, name):
        if f"{name}_html" in data:
            return clean_html(data[f"{name}_html"])
        if name in data:
            text = data[name]
            # Already formatted text (a form posted by a script, or pasted HTML): clean it as HTML.
            return clean_html(text) if _LOOKS_LIKE_HTML.match(text or "") else text_to_html(text)
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["html"] = clean_html(value or "")
        context["widget"]["text"] = html_to_text(value or "")
        context["widget"]["merge_fields"] = self.merge_fields
        return context
