"""No two overlapping bans for one person and location (QUALITY.md "Business rules ... in the
database"). PostgreSQL: an exclusion constraint over the ban's copied period; it needs the
btree_gist extension for the equality parts. SQLite has no exclusion constraints: the service
checks under a row lock there (sanctions.services.bans)."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = (
    "ALTER TABLE sanctions_banlocation ADD CONSTRAINT ban_no_overlap_per_person_and_location "
    "EXCLUDE USING gist (aggressor_id WITH =, location_id WITH =, "
    "daterange(start_date, end_date, '[]') WITH &&) WHERE (NOT is_revoked)"
)
DROP = "ALTER TABLE sanctions_banlocation DROP CONSTRAINT IF EXISTS ban_no_overlap_per_person_and_location"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CONSTRAINT)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0001_initial")]
    operations = [BtreeGistExtension(), migrations.RunPython(add_constraint, drop_constraint)]
