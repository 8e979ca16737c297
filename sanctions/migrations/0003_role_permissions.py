from django.db import migrations

from gir import roles

# Only a mandated manager imposes a ban (a decision of the mayor under mandate); the
# coordinator keeps the ban register and sees every measure (DESIGN.md roles).
GRANTS = {
    roles.MEDEWERKER: ["sanctions.register_breach"],
    roles.LEIDINGGEVENDE: ["sanctions.decide_measure", "sanctions.register_breach"],
    roles.GEMANDATEERDE: [
        "sanctions.decide_measure", "sanctions.impose_ban", "sanctions.view_reception_list",
        "sanctions.register_breach",
    ],
    roles.COORDINATOR: [
        "sanctions.decide_measure", "sanctions.view_all_measures", "sanctions.view_ban_register",
        "sanctions.view_reception_list", "sanctions.register_breach",
    ],
    roles.RECEPTIE: ["sanctions.view_reception_list", "sanctions.register_breach"],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0002_ban_no_overlap")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
