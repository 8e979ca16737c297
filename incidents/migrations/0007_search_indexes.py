"""Trigram indexes for the incident list's search box (``incidents.search``; PostgreSQL only)."""

from django.db import migrations

from gir.trigram import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_incident_handler")]

    operations = [
        TrigramIndex("incident", "reference", "incident_reference_trgm"),
        TrigramIndex("incident", "description", "incident_description_trgm"),
        TrigramIndex("incident", "place", "incident_place_trgm"),
        TrigramIndex("aggressor", "last_name", "aggressor_last_name_trgm"),
        TrigramIndex("aggressor", "first_name", "aggressor_first_name_trgm"),
    ]
