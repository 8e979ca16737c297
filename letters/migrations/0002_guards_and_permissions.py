"""Who may do what with letters, and database guards that keep final letters, template
versions and dispatches unchangeable on PostgreSQL (the model layer guards SQLite too)."""

from django.db import migrations

from gir import roles

GRANTS = {
    roles.LEIDINGGEVENDE: ["letters.create_letters", "letters.dispatch_letters"],
    roles.GEMANDATEERDE: ["letters.create_letters", "letters.dispatch_letters"],
    roles.COORDINATOR: [
        "letters.create_letters",
        "letters.dispatch_letters",
        "letters.view_register",
        "letters.manage_templates",
    ],
}

GUARD_SQL = """
CREATE OR REPLACE FUNCTION letters_final_letter_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'definitief' THEN
        RAISE EXCEPTION 'letters_letter %: a final letter never changes', OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER letters_letter_final_guard
    BEFORE UPDATE OR DELETE ON letters_letter
    FOR EACH ROW EXECUTE FUNCTION letters_final_letter_guard();

CREATE OR REPLACE FUNCTION letters_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER letters_dispatch_append_only
    BEFORE UPDATE OR DELETE ON letters_dispatch
    FOR EACH ROW EXECUTE FUNCTION letters_append_only();
CREATE TRIGGER letters_templateversion_append_only
    BEFORE UPDATE OR DELETE ON letters_lettertemplateversion
    FOR EACH ROW EXECUTE FUNCTION letters_append_only();
"""
UNGUARD_SQL = """
DROP TRIGGER IF EXISTS letters_letter_final_guard ON letters_letter;
DROP TRIGGER IF EXISTS letters_dispatch_append_only ON letters_dispatch;
DROP TRIGGER IF EXISTS letters_templateversion_append_only ON letters_lettertemplateversion;
DROP FUNCTION IF EXISTS letters_final_letter_guard();
DROP FUNCTION IF EXISTS letters_append_only();
"""


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL, params=None)  # the SQL holds a literal %


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial"), ("gir", "0002_roles_and_audit_guard")]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(guard, unguard),
    ]
