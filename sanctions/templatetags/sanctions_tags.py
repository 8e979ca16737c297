"""``{% contact_conditions aggressor %}``: the person's contact conditions wherever they appear."""

from django import template

from sanctions.history import contact_conditions_for

register = template.Library()


@register.inclusion_tag("sanctions/includes/contact_conditions.html")
def contact_conditions(aggressor):
    return {"conditions": contact_conditions_for(aggressor) if aggressor is not None else []}
