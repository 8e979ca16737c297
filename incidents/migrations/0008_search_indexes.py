"""Trigram indexes for the incident list's search box (``incidents.search``; PostgreSQL only)."""

from django.db import migrations

from gir.trigram import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("incidents", "0007_aggressor_name_from_report")]

    operations = [
        TrigramIndex("incident", "reference", "incident_reference_trgm"),
        TrigramIndex("incident", "description", "incident_description_trgm"),
        TrigramIndex("incident", "place", "incident_place_trgm"),
        TrigramIndex("incident", "aggressor_name", "incident_aggressor_name_trgm"),
        TrigramIndex("aggressor", "last_name", "aggressor_last_name_trgm"),
        TrigramIndex("aggressor", "first_name", "aggressor_first_name_trgm"),
    ]
