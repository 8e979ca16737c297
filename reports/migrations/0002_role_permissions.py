from django.db import migrations

from gir import roles

# Coordinators get both: view_department_reports is the gate to the reports pages (nav item,
# start panel); view_reports widens the scope to the whole organisation.
GRANTS = {
    roles.LEIDINGGEVENDE: ["reports.view_department_reports"],
    roles.COORDINATOR: ["reports.view_reports", "reports.view_department_reports"],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_report_run"), ("gir", "0002_roles_and_audit_guard")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
