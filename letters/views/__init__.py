"""Views of the letters app: thin — parse, check access, call one service, render or redirect.

Split by page group: ``letters`` (the letters of an incident), ``register`` (the dispatch
register) and ``templates`` (letter templates); ``common`` holds what they share.
"""

from letters.views.letters import (
    incident_letters,
    letter_correct,
    letter_create,
    letter_detail,
    letter_dispatch,
    letter_edit,
    letter_finalise,
    letter_list,
    letter_pdf,
)
from letters.views.register import register, register_export
from letters.views.templates import template_edit, template_list, template_version

__all__ = [
    "incident_letters",
    "letter_correct",
    "letter_create",
    "letter_detail",
    "letter_dispatch",
    "letter_edit",
    "letter_finalise",
    "letter_list",
    "letter_pdf",
    "register",
    "register_export",
    "template_edit",
    "template_list",
    "template_version",
]
