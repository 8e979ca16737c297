from django.db import migrations

from gir import roles

GRANTS = {
    roles.MEDEWERKER: ["incidents.report_incident"],
    roles.LEIDINGGEVENDE: ["incidents.report_incident", "incidents.manage_incidents", "incidents.search_aggressors"],
    roles.GEMANDATEERDE: ["incidents.report_incident", "incidents.manage_incidents", "incidents.search_aggressors"],
    roles.COORDINATOR: [
        "incidents.report_incident", "incidents.view_all_incidents", "incidents.search_aggressors",
        "incidents.manage_incidents",
    ],
    roles.BEDRIJFSOPVANG: ["incidents.report_incident"],
    roles.RECEPTIE: ["incidents.report_incident"],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial"), ("gir", "0002_roles_and_audit_guard")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
