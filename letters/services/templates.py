"""Template versions: every edit of a letter template is a new, validated version."""

from __future__ import annotations

from django.db import transaction

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.models import AuditEntry
from letters.models import LetterTemplate, LetterTemplateVersion
from letters.templating import validate_template


@transaction.atomic
def template_version_create(
    *, template: LetterTemplate, subject: str, body: str, note: str = "", by=None
) -> LetterTemplateVersion:
    """Add a new version of ``template`` after validating its restricted template language."""
    validate_template(subject)
    validate_template(body)
    locked = LetterTemplate.objects.select_for_update().get(pk=template.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = LetterTemplateVersion.objects.create(
        template=locked, number=last + 1, subject=subject, body=body, note=note, created_by=by
    )
    audit_log(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        description=texts.TEMPLATE_VERSION(number=version.number),
    )
    return version


def template_defaults_install() -> int:
    """Install GIR's default template for each kind that has none (as migration 0003 does).

    For a database whose migration data was flushed (transactional tests) and for the demo.
    Existing templates are left alone. Returns how many were installed.
    """
    from letters.defaults import DEFAULT_TEMPLATES

    installed = 0
    for default in DEFAULT_TEMPLATES:
        template, created = LetterTemplate.objects.get_or_create(
            code=str(default["code"]),
            defaults={"title": default["title"], "description": default["description"]},
        )
        if created or not template.versions.exists():
            template_version_create(
                template=template,
                subject=default["subject"],
                body=default["body"],
                note="Standaardtekst van GIR",
            )
            installed += 1
    return installed
