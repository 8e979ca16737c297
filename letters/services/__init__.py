"""Writes of the letters app: template versions, letters (concept → final), dispatches.

Each service runs in one transaction. A final letter is never changed by any of them; a
correction is a new concept pointing at the old letter (``letter_correct``).
"""

from letters.services.dispatch import dispatch_record
from letters.services.documents import (
    aggressor_name,
    letter_document,
    letter_flat,
    organisation_flat,
    render_document,
    sample_document,
)
from letters.services.letters import (
    letter_concept_pdf,
    letter_copies_pdf,
    letter_correct,
    letter_create,
    letter_finalise,
    letter_update_concept,
)
from letters.services.templates import template_defaults_install, template_version_create

__all__ = [
    "aggressor_name",
    "dispatch_record",
    "letter_concept_pdf",
    "letter_copies_pdf",
    "letter_correct",
    "letter_create",
    "letter_document",
    "letter_finalise",
    "letter_flat",
    "letter_update_concept",
    "organisation_flat",
    "render_document",
    "sample_document",
    "template_defaults_install",
    "template_version_create",
]
