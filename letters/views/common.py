"""Shared pieces of the letters views: the permissions they require and the page sheet."""

from __future__ import annotations

from django.utils.safestring import mark_safe

CREATE = "letters.create_letters"
DISPATCH = "letters.dispatch_letters"
REGISTER = "letters.view_register"
TEMPLATES = "letters.manage_templates"


def page_sheet(html: str) -> str:
    """The letter sheet for a page: its one h1 (the subject) becomes a paragraph there."""
    html = html.replace('<h1 class="letter__subject">', '<p class="letter__subject">', 1)
    return mark_safe(html.replace("</h1>", "</p>", 1))
