from django.db import migrations

from gir import roles

GRANTS = {
    roles.BEDRIJFSOPVANG: ["aftercare.handle_cases", "aftercare.view_notes"],
    roles.COORDINATOR: ["aftercare.view_report"],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("aftercare", "0001_initial"), ("gir", "0002_roles_and_audit_guard")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
