"""The audit log gets a retention period, but stays append-only for everything else: PostgreSQL
refuses every UPDATE, and every DELETE of an entry younger than a year (the retention sweep's
``purge_before`` deletes only older ones)."""

from django.db import migrations

GUARD_SQL = """
CREATE OR REPLACE FUNCTION gir_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '365 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'gir_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
"""
PREVIOUS_SQL = """
CREATE OR REPLACE FUNCTION gir_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'gir_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS_SQL)


class Migration(migrations.Migration):
    dependencies = [("gir", "0005_trust")]

    operations = [migrations.RunPython(guard, unguard)]
