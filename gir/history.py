"""Append-only history: rows that are added and never changed or removed.

Every history table derives from ``AppendOnlyModel`` and gets the PostgreSQL trigger from the
migration operation ``AppendOnlyTrigger``; the two together are the guard:

- the model refuses ``save()`` of a stored row and ``delete()``; its querysets refuse ``update()``
  and ``delete()`` (this is what holds on SQLite);
- on PostgreSQL a row trigger refuses UPDATE and DELETE from any client, raw SQL included.

The tables: the audit log (``gir.AuditEntry``), an incident's status changes and events
(``incidents.StatusChange``, ``incidents.IncidentEvent``), a decision's history
(``sanctions.MeasureEvent``), an aftercare case's history (``aftercare.AftercareEvent``), letter
dispatches and template versions (``letters.Dispatch``, ``letters.LetterTemplateVersion``), the
retention sweep's ledger of erasures (``privacy.Erasure``). A final letter uses the same trigger
with a condition (``when="OLD.status = 'definitief'"``).

The deliberate way past the guard is ``rewriting_history()``, and it has two users: demo data
backdates the history it has just created, so a demo incident of last month reads as last month's;
the retention sweep removes audit entries older than the audit log's own period through
``gir.audit.purge_audit_before`` (which refuses anything younger than a year). Nothing else uses
it: the sweep erases the incident's texts and files, aggressors' data and notes, never other
history rows.

``TRUNCATE`` (the test runner's flush) is not a row change and passes.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.migrations.operations.base import Operation
from django.utils.translation import gettext_lazy as _

NOT_CHANGED = _("Deze gegevens worden alleen aangevuld, nooit gewijzigd.")
NOT_REMOVED = _("Deze gegevens worden alleen aangevuld, nooit verwijderd.")

_rewriting: ContextVar[bool] = ContextVar("gir_rewriting_history", default=False)

# The PostgreSQL session setting that the trigger reads; set only inside ``rewriting_history``.
REWRITE_SETTING = "gir.rewrite_history"


class AppendOnlyViolation(ValidationError):
    """Code tried to change or remove a history row (a programming error, not a user's)."""


def _refuse(message) -> None:
    if not _rewriting.get():
        raise AppendOnlyViolation(message)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse(NOT_CHANGED)
        return super().update(**kwargs)

    def delete(self):
        _refuse(NOT_REMOVED)
        return super().delete()


class AppendOnlyModel(models.Model):
    """A history row: created once, then never saved again nor deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Guard, not business logic: history is appended, never edited.
        if self.pk is not None and not self._state.adding:
            _refuse(NOT_CHANGED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(NOT_REMOVED)
        return super().delete(*args, **kwargs)


@contextmanager
def rewriting_history():
    """Let the code inside change history rows: demo data only (see the module docstring).

    Opens a transaction; on PostgreSQL the trigger lets this transaction through until the block
    ends.
    """
    with transaction.atomic():
        _set_rewrite("on")
        token = _rewriting.set(True)
        try:
            yield
        finally:
            _rewriting.reset(token)
            _set_rewrite("off")


def _set_rewrite(value: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [REWRITE_SETTING, value])


FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION gir_refuse_change() RETURNS trigger AS $$
BEGIN
    IF current_setting('{REWRITE_SETTING}', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% of a row in % refused: the table is append-only', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


class AppendOnlyTrigger(Operation):
    """Migration operation: on PostgreSQL, refuse UPDATE and DELETE of ``model_name``'s rows.

    ``when`` limits the guard to some rows (a SQL condition on ``OLD``); ``name`` defaults to
    ``<table>_append_only``. Installing is idempotent: a trigger of that name is replaced. Other
    databases get nothing (the model guard holds there).
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, *, when: str = "", name: str = ""):
        self.model_name = model_name
        self.when = when
        self.name = name

    def deconstruct(self):
        kwargs = {key: getattr(self, key) for key in ("when", "name") if getattr(self, key)}
        return self.__class__.__qualname__, [self.model_name], kwargs

    def state_forwards(self, app_label, state):
        pass  # no change to the models

    def _table_and_name(self, app_label, state) -> tuple[str, str]:
        table = state.apps.get_model(app_label, self.model_name)._meta.db_table
        return table, self.name or f"{table}_append_only"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, name = self._table_and_name(app_label, to_state)
        quote = schema_editor.quote_name
        when = f"WHEN ({self.when}) " if self.when else ""
        schema_editor.execute(FUNCTION_SQL, params=None)  # the SQL holds literal % signs
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(name)} ON {quote(table)}")
        schema_editor.execute(
            f"CREATE TRIGGER {quote(name)} BEFORE UPDATE OR DELETE ON {quote(table)} "
            f"FOR EACH ROW {when}EXECUTE FUNCTION gir_refuse_change()"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, name = self._table_and_name(app_label, from_state)
        quote = schema_editor.quote_name
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(name)} ON {quote(table)}")

    def describe(self):
        return f"Refuse UPDATE and DELETE of {self.model_name} rows (PostgreSQL trigger)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_append_only"


class DropLegacyGuard(Operation):
    """Migration operation: drop a trigger and its function from before ``AppendOnlyTrigger``."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, table: str, trigger: str = "", function: str = ""):
        self.table, self.trigger, self.function = table, trigger, function

    def deconstruct(self):
        return self.__class__.__qualname__, [self.table, self.trigger, self.function], {}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        if self.trigger:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.trigger} ON {self.table}")
        if self.function:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {self.function}()")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass  # the AppendOnlyTrigger reversed before this keeps nothing unguarded for long

    def describe(self):
        return f"Drop the legacy guard {self.trigger or self.function} (replaced by AppendOnlyTrigger)"
