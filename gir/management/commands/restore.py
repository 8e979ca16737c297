"""``manage.py restore FILE``: restore a backup into an EMPTY database and files folder
(docs/operations.md, "Restore"). Every hash is checked before anything is written."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gir.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and an empty files folder."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            summary = backup_restore(path=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {summary.database} and {summary.files} files from {summary.path}")
