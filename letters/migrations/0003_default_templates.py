"""Install GIR's default letter templates (letters/defaults.py) as version 1 of each kind.

A kind that already has a template is left alone, so the coordinator's edits are never
overwritten."""

from django.db import migrations


def install(apps, schema_editor):
    from letters.defaults import DEFAULT_TEMPLATES

    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplateVersion = apps.get_model("letters", "LetterTemplateVersion")
    for default in DEFAULT_TEMPLATES:
        template, created = LetterTemplate.objects.get_or_create(
            code=str(default["code"]),
            defaults={"title": default["title"], "description": default["description"]},
        )
        if created:
            LetterTemplateVersion.objects.create(
                template=template,
                number=1,
                subject=default["subject"],
                body=default["body"],
                note="Standaardtekst van GIR",
            )


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_guards_and_permissions")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
