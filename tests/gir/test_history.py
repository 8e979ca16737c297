"""Append-only history: one base for every history table, a model guard everywhere and a
PostgreSQL trigger, and one deliberate way past them (demo data)."""

import inspect

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from gir.history import AppendOnlyModel, AppendOnlyViolation, rewriting_history
from incidents.models import IncidentEvent, StatusChange
from tests.incidents.factories import file_incident

HISTORY = {
    "gir.AuditEntry",
    "incidents.StatusChange",
    "incidents.IncidentEvent",
    "sanctions.MeasureEvent",
    "aftercare.AftercareEvent",
    "letters.Dispatch",
    "letters.LetterTemplateVersion",
    "privacy.Erasure",
}


def _history_models():
    return [model for model in apps.get_models() if issubclass(model, AppendOnlyModel)]


def test_every_table_whose_docstring_says_append_only_is_guarded():
    said = {
        model._meta.label
        for model in apps.get_models()
        if "append-only" in (inspect.getdoc(model) or "").lower() and model.__doc__ is not None
    }
    guarded = {model._meta.label for model in _history_models()}
    assert said <= guarded
    assert guarded == HISTORY


@pytest.mark.parametrize("label", sorted(HISTORY))
def test_the_model_refuses_to_change_or_remove_a_row(db, label):
    model = apps.get_model(label)
    row = model(pk=1)
    row._state.adding = False  # as if loaded from the database; nothing is written below
    for action in (row.save, row.delete, model.objects.all().delete):
        with pytest.raises(AppendOnlyViolation):
            action()
    with pytest.raises(AppendOnlyViolation):
        model.objects.filter(pk=1).update(pk=2)


def test_new_rows_are_added_and_demo_data_may_backdate_them(world):
    incident = file_incident(world.employee)
    change = StatusChange.objects.filter(incident=incident).first()
    assert change is not None
    with pytest.raises(AppendOnlyViolation):
        StatusChange.objects.filter(pk=change.pk).update(note="x")
    with rewriting_history():
        StatusChange.objects.filter(pk=change.pk).update(note="backdated")
    assert StatusChange.objects.get(pk=change.pk).note == "backdated"
    with pytest.raises(AppendOnlyViolation):  # the escape ends with its block
        StatusChange.objects.filter(pk=change.pk).update(note="x")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_has_the_trigger_on_every_history_table(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'gir_refuse_change'"
        )
        guarded = {row[0] for row in cursor.fetchall()}
    assert {model._meta.db_table for model in _history_models()} <= guarded
    assert "letters_letter" in guarded  # final letters, with a condition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_sql_edits_of_history_and_lets_the_demo_escape_through(world):
    incident = file_incident(world.employee)
    change = StatusChange.objects.filter(incident=incident).first().pk
    event = IncidentEvent.objects.filter(incident=incident).first().pk
    for sql, pk in [
        ("UPDATE incidents_statuschange SET at = at WHERE id = %s", change),
        ("DELETE FROM incidents_statuschange WHERE id = %s", change),
        ("UPDATE incidents_incidentevent SET at = at WHERE id = %s", event),
        ("DELETE FROM incidents_incidentevent WHERE id = %s", event),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    with rewriting_history(), connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_statuschange SET note = 'demo' WHERE id = %s", [change])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_statuschange SET note = 'x' WHERE id = %s", [change])
