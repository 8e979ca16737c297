"""Roles as groups with the core's permissions, and a database guard that keeps the audit
log append-only on PostgreSQL (the ORM guard covers SQLite)."""

from django.db import migrations

from gir import roles

GRANTS = {
    roles.BEHEERDER: ["gir.manage_users", "gir.change_settings", "gir.view_health"],
    roles.COORDINATOR: ["gir.receive_escalations", "gir.view_auditlog"],
}

GUARD_SQL = """
CREATE OR REPLACE FUNCTION gir_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'gir_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER gir_auditentry_append_only
    BEFORE UPDATE OR DELETE ON gir_auditentry
    FOR EACH ROW EXECUTE FUNCTION gir_audit_append_only();
"""
UNGUARD_SQL = """
DROP TRIGGER IF EXISTS gir_auditentry_append_only ON gir_auditentry;
DROP FUNCTION IF EXISTS gir_audit_append_only();
"""


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in roles.ROLES:
        Group.objects.get_or_create(name=name)
    roles.grant(apps, GRANTS)


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("gir", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(guard, unguard),
    ]
