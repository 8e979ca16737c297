"""A decision's history refuses UPDATE and DELETE on PostgreSQL (``gir.history``)."""

from django.db import migrations

from gir.history import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0005_submission_tokens")]

    operations = [AppendOnlyTrigger("measureevent")]
