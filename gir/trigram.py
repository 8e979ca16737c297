"""Trigram indexes for free-text search (``icontains``) on PostgreSQL.

Django's ``icontains`` is ``UPPER(column::text) LIKE UPPER('%word%')`` on PostgreSQL; a GIN index
on ``UPPER(column) gin_trgm_ops`` serves exactly that expression, so a search for a word of three
or more letters reads the index instead of every row. The indexes live only in migrations (this
operation), not in ``Meta.indexes``: other databases (the embedded SQLite default) get nothing and
search by scanning, which is fine at their size.
"""

from __future__ import annotations

from django.db.migrations.operations.base import Operation


class TrigramIndex(Operation):
    """Migration operation: on PostgreSQL, a trigram GIN index on ``UPPER(field)`` of ``model_name``.

    Creates the ``pg_trgm`` extension when it is missing (a trusted extension since PostgreSQL 13,
    so the database owner may create it). Idempotent both ways.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, field: str, name: str):
        self.model_name = model_name
        self.field = field
        self.name = name

    def deconstruct(self):
        return self.__class__.__qualname__, [self.model_name, self.field, self.name], {}

    def state_forwards(self, app_label, state):
        pass  # no change to the models

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        quote = schema_editor.quote_name
        column = model._meta.get_field(self.field).column
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(model._meta.db_table)} "
            f"USING gin (UPPER({quote(column)}) gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Trigram index {self.name} on UPPER({self.model_name}.{self.field}) (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return self.name
