"""An incident's status changes and events refuse UPDATE and DELETE on PostgreSQL (``gir.history``)."""

from django.db import migrations

from gir.history import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("incidents", "0004_damage_description")]

    operations = [AppendOnlyTrigger("statuschange"), AppendOnlyTrigger("incidentevent")]
