"""``manage.py backup [--output FILE]``: the database and the private files in one archive
with SHA-256 hashes (docs/operations.md, "Backup")."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gir.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the private files into one .tar archive with a SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="archive to write (default: GIR_VAR_DIR/backups/)")

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = output or Path(settings.VAR_DIR) / "backups" / f"gir-{stamp}.tar"
        try:
            summary = backup_create(path=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written: {summary.path} ({summary.database}, {summary.files} files)")
