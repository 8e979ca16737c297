from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from gir import formatting

register = template.Library()

# Cheap stand-ins for the date filter and {% url %} in the rows of long lists (gir/formatting.py).
register.filter("short_date", formatting.short_date)
register.filter("short_datetime", formatting.short_datetime)
register.filter("long_datetime", formatting.long_datetime)  # |long_datetime:" " for "j F Y H:i"
register.simple_tag(formatting.pk_url, name="pk_url")


@register.filter
def attr(obj, name: str):
    """A column value for generic tables; callables are called, booleans said in Dutch."""
    value = getattr(obj, name, "")
    if callable(value):
        value = value()
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return "" if value is None else value


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (keeps filters while paging)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def dossier_actions(context, incident) -> list[dict]:
    """Links other apps offer on an incident's dossier (see ``register_dossier_action``)."""
    from gir.registry import dossier_links

    return dossier_links(incident, context["request"].user)


@register.simple_tag(takes_context=True)
def dossier_alerts(context, incident) -> list[dict]:
    """Banners other apps put on an incident's dossier (see ``register_dossier_alert``)."""
    from gir.registry import dossier_alerts as alerts

    return alerts(incident, context["request"].user)


@register.filter
def nowrap(value):
    """Keep a reference such as GIR-2026-0012 on one line: a phone breaks a heading at its hyphen."""
    return format_html('<span class="gir-nowrap">{}</span>', value)
