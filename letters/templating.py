"""The restricted template language of letter templates: validation and rendering.

A template is Django template syntax, but only this part of it:

- ``{{ field }}`` where ``field`` is on the documented allowlist (``letters.merge_fields``),
  optionally with the filters ``date``, ``default``, ``linebreaks`` and ``linebreaksbr``
  whose arguments are literal text;
- ``{% if field %}`` … ``{% elif field %}`` … ``{% else %}`` … ``{% endif %}`` on allowlisted
  fields (with ``and``, ``or``, ``not`` and comparisons with literal text);
- a few HTML text elements without attributes (``letters.sanitize.ALLOWED_TAGS``).

Everything else (``{% load %}``, ``{% include %}``, unknown fields, ``__class__``…) is refused
with a Dutch message naming what is wrong. Rendering uses a separate engine with autoescape,
a context of plain values, and the result is cleaned by the HTML allowlist once more.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import FilterExpression, Lexer, Parser, TextNode, TokenType, VariableNode
from django.template.defaulttags import IfNode
from django.utils import translation
from django.utils.translation import gettext as _

from letters.merge_fields import ALLOWED_PATHS
from letters.sanitize import ALLOWED_TAGS, clean_html

ALLOWED_FILTERS = frozenset({"date", "default", "linebreaks", "linebreaksbr"})
ALLOWED_BLOCK_TAGS = frozenset({"if", "elif", "else", "endif"})
IF_OPERATORS = frozenset({"and", "or", "not", "in", "==", "!=", "<", ">", "<=", ">=", "is"})
MAX_LENGTH = 20_000

_engine = Engine(
    dirs=[],
    app_dirs=False,
    context_processors=[],
    debug=False,
    libraries={},
    autoescape=True,
    string_if_invalid="",
)
_FILTER_NAMES = {func: name for lib in _engine.template_builtins for name, func in lib.filters.items()}
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_LITERAL_RE = re.compile(r"""^(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?)$""")


def _parser() -> Parser:
    return Parser([], builtins=_engine.template_builtins)


def _check_expression(text: str, errors: list[str]) -> None:
    """One ``field|filter:"arg"`` expression, as in ``{{ }}`` or an ``if`` condition."""
    text = text.strip()
    head = re.split(r"[|\s]", text, maxsplit=1)[0]
    if not head:
        errors.append(_("Er staat een leeg veld {{ }} in het sjabloon."))
        return
    if not _LITERAL_RE.match(head) and head not in ALLOWED_PATHS:
        errors.append(_("Het veld ‘%(field)s’ bestaat niet of mag niet in een brief.") % {"field": head})
        return
    try:
        expression = FilterExpression(text, _parser())
    except TemplateSyntaxError:
        errors.append(
            _("Het veld ‘%(text)s’ is niet goed geschreven of gebruikt een filter dat niet mag.")
            % {"text": text}
        )
        return
    for func, args in expression.filters:
        name = _FILTER_NAMES.get(func, "?")
        if name not in ALLOWED_FILTERS:
            errors.append(_("Het filter ‘%(name)s’ mag niet in een brief.") % {"name": name})
        for is_lookup, arg in args:
            if is_lookup and ".".join(arg.lookups or ()) not in ALLOWED_PATHS:
                errors.append(
                    _("Een filter mag alleen vaste tekst krijgen, niet ‘%(arg)s’.") % {"arg": arg.var}
                )


def _check_block(token, errors: list[str]) -> None:
    bits = token.split_contents()
    name = bits[0] if bits else ""
    if name not in ALLOWED_BLOCK_TAGS:
        errors.append(
            _("De opdracht {%% %(name)s %%} mag niet in een brief; alleen {%% if %%} … {%% endif %%}.")
            % {"name": name}
        )
        return
    if name in ("if", "elif"):
        if len(bits) < 2:
            errors.append(_("Na {% if %} moet een veld staan."))
        for bit in bits[1:]:
            if bit not in IF_OPERATORS:
                _check_expression(bit, errors)


def _check_html(text: str, errors: list[str]) -> None:
    if any(mark in text for mark in ("{{", "}}", "{%", "%}")):
        errors.append(_("Er staat een losse {{, }}, {% of %} in het sjabloon. Controleer de velden."))
    for _closing, tag, rest in _TAG_RE.findall(text):
        tag = tag.lower()
        if tag not in ALLOWED_TAGS:
            errors.append(_("Het HTML-element <%(tag)s> mag niet in een brief.") % {"tag": tag})
        elif rest.strip(" /"):
            errors.append(
                _("HTML-elementen in een brief mogen geen attributen hebben (<%(tag)s>).") % {"tag": tag}
            )
    if "<!" in text:
        errors.append(_("HTML-commentaar en andere <!…>-code mogen niet in een brief."))


def _check_nodes(nodelist, errors: list[str]) -> None:
    """Defence in depth on the compiled template: only text, fields and if-blocks."""
    for node in nodelist:
        if isinstance(node, IfNode):
            for _condition, children in node.conditions_nodelists:
                _check_nodes(children, errors)
        elif isinstance(node, VariableNode):
            var = node.filter_expression.var
            lookups = getattr(var, "lookups", None)
            if lookups and ".".join(lookups) not in ALLOWED_PATHS:
                errors.append(
                    _("Het veld ‘%(field)s’ bestaat niet of mag niet in een brief.") % {"field": var}
                )
        elif not isinstance(node, TextNode):
            errors.append(_("Dit sjabloon bevat code die niet mag in een brief."))


def validate_template(source: str) -> None:
    """Raise ``ValidationError`` with every problem found (Dutch, naming the field)."""
    if len(source) > MAX_LENGTH:
        raise ValidationError(_("Het sjabloon is te lang (meer dan %(n)s tekens).") % {"n": MAX_LENGTH})
    if "\x00" in source:
        raise ValidationError(
            _("Het sjabloon bevat een onzichtbaar, ongeldig teken. Plak de tekst opnieuw als gewone tekst.")
        )
    errors: list[str] = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.VAR:
            _check_expression(token.contents, errors)
        elif token.token_type == TokenType.BLOCK:
            _check_block(token, errors)
        elif token.token_type == TokenType.TEXT:
            _check_html(token.contents, errors)
    if not errors:
        try:
            compiled = _engine.from_string(source)
        except TemplateSyntaxError:
            errors.append(
                _("De opbouw van het sjabloon klopt niet. Controleer of elke {% if %} een {% endif %} heeft.")
            )
        else:
            _check_nodes(compiled.nodelist, errors)
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))


def render_restricted(source: str, context: dict, *, html: bool = True) -> str:
    """Render a validated template with a plain-value context, autoescaped, in Dutch.

    ``html=False`` is for one-line texts such as the subject: the result is plain text.
    """
    validate_template(source)
    with translation.override("nl"):
        rendered = _engine.from_string(source).render(Context(context, autoescape=True))
    if not html:
        return _unescape_plain(clean_html(rendered))
    return clean_html(rendered)


def _unescape_plain(text: str) -> str:
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", text)).split())
