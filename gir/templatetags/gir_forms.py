"""Template helpers of the Utrecht crispy-forms pack: widget classes and ARIA wiring."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "file": "gir-file-input",
    "text": "utrecht-textbox utrecht-textbox--html-input",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
}

# Each Utrecht component has its own invalid state (red border from the theme's tokens).
_INVALID = {
    "textarea": " utrecht-textarea--invalid",
    "select": " utrecht-select--invalid",
    "checkbox": " utrecht-checkbox--invalid",
    "text": " utrecht-textbox--invalid",
    "file": " utrecht-textbox--invalid",
}


@register.filter
def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "text"


@register.filter
def is_multiple(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)


@register.simple_tag
def translate_required() -> str:
    return _("verplicht")


@register.simple_tag
def render_utrecht_widget(field, kind: str):
    """Render the widget with Utrecht classes, ``aria-invalid`` and ``aria-describedby``."""
    attrs = dict(field.field.widget.attrs)
    css = _CLASSES.get(kind, _CLASSES["text"])
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        css += _INVALID.get(kind, _INVALID["text"])
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required:
        attrs["aria-required"] = "true"
    attrs["class"] = f"{css} {attrs.get('class', '')}".strip()
    if kind == "select" and (html := _plain_select(field, attrs)) is not None:
        return html
    return field.as_widget(attrs=attrs)


# Django's own empty choice; a filter names its own ("Alle afdelingen"), any other select says this.
DASH = "---------"


def _empty_label(field) -> str:
    return _("Maak een keuze") if field.field.required else _("Geen")


def _plain_select(field, attrs: dict):
    """A single ``<select>`` written out directly: Django renders every option through its own
    template (43 options of the incident filter cost ~19 ms). Grouped choices, multiple
    selects and other widgets are left to Django (None)."""
    widget = field.field.widget
    if type(widget) is not forms.Select:
        return None
    choices = [("" if value is None else str(value), label) for value, label in field.field.choices]
    choices = [
        (value, _empty_label(field) if value == "" and label == DASH else label) for value, label in choices
    ]
    if any(isinstance(label, list | tuple) for _value, label in choices):
        return None
    current = field.value()
    selected = "" if current is None else str(current)
    final = {**widget.attrs, **attrs, "name": field.html_name}
    if field.auto_id:
        final.setdefault("id", field.auto_id)
    if field.field.required and field.form.use_required_attribute:
        final["required"] = True
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )
    return format_html("<select{}>{}</select>", flatatt(final), options)
