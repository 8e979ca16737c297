"""Final letters, dispatches and template versions guarded by the one append-only mechanism
(``gir.history``), replacing the letters-only triggers of 0002."""

from django.db import migrations

from gir.history import AppendOnlyTrigger, DropLegacyGuard


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_default_templates"), ("gir", "0005_history_guard")]

    operations = [
        AppendOnlyTrigger("dispatch"),  # replaces the trigger of the same name from 0002
        AppendOnlyTrigger("lettertemplateversion"),
        DropLegacyGuard("letters_lettertemplateversion", trigger="letters_templateversion_append_only"),
        AppendOnlyTrigger("letter", when="OLD.status = 'definitief'", name="letters_letter_final_guard"),
        DropLegacyGuard("letters_letter", function="letters_final_letter_guard"),
        DropLegacyGuard("letters_dispatch", function="letters_append_only"),
    ]
