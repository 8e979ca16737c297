"""An aftercare case's history refuses UPDATE and DELETE on PostgreSQL (``gir.history``)."""

from django.db import migrations

from gir.history import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("aftercare", "0002_role_permissions")]

    operations = [AppendOnlyTrigger("aftercareevent")]
