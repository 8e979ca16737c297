from django.db import migrations

from gir import roles

GRANTS = {
    roles.BEHEERDER: ["privacy.manage_retention"],
    roles.COORDINATOR: ["privacy.subject_access"],
}
DEFAULT_DAYS = {"incident_details": 1825, "aggressor": 1825, "aftercare_notes": 730, "notifications": 365}


def setup(apps, schema_editor):
    RetentionPolicy = apps.get_model("privacy", "RetentionPolicy")
    for data_class, days in DEFAULT_DAYS.items():
        RetentionPolicy.objects.get_or_create(data_class=data_class, defaults={"days": days})
    roles.grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial"), ("gir", "0002_roles_and_audit_guard")]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
