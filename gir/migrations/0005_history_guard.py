"""The audit log's trigger through the one append-only mechanism (``gir.history``)."""

from django.db import migrations

from gir.history import AppendOnlyTrigger, DropLegacyGuard


class Migration(migrations.Migration):
    dependencies = [("gir", "0004_deadline_kind_incident_index")]

    operations = [
        AppendOnlyTrigger("auditentry"),  # replaces the trigger of the same name from 0002
        DropLegacyGuard("gir_auditentry", function="gir_audit_append_only"),
    ]
