"""The ledger of erasures refuses UPDATE and DELETE on PostgreSQL (``gir.history``)."""

from django.db import migrations

from gir.history import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_audit_log_retention")]

    operations = [AppendOnlyTrigger("erasure")]
