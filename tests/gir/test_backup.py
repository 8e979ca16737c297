"""Backup and restore (issue 15): a backup restored into an EMPTY database and files folder
holds every incident, letter PDF and evidence file, byte for byte (SHA-256 compared)."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from incidents.models import Evidence, Incident
from letters.models import Letter
from letters.services import template_defaults_install
from tests.conftest import build_world
from tests.incidents.factories import add_evidence, png_upload
from tests.letters.helpers import final, incident_with_aggressor

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)

VERIFY = """
import hashlib, json, django
django.setup()
from incidents.models import Evidence, Incident
from letters.models import Letter
from letters.services import template_defaults_install
def sha(f):
    with f.open("rb") as h:
        return hashlib.sha256(h.read()).hexdigest()
print(json.dumps({
    "incidents": sorted(Incident.objects.values_list("reference", "description")),
    "evidence": {e.file.name: [e.sha256, sha(e.file)] for e in Evidence.objects.all()},
    "letters": {x.pdf.name: [x.sha256, sha(x.pdf)] for x in Letter.objects.exclude(pdf="")},
}))
"""


def _sha(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _state() -> dict:
    return {
        "incidents": sorted([list(row) for row in Incident.objects.values_list("reference", "description")]),
        "evidence": {e.file.name: [e.sha256, _sha(e.file)] for e in Evidence.objects.all()},
        "letters": {x.pdf.name: [x.sha256, _sha(x.pdf)] for x in Letter.objects.exclude(pdf="")},
    }


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same kind as the test database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    try:
        yield f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _in_restored(database_url: str, var_dir: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "CELERY_"))},
        "DJANGO_SETTINGS_MODULE": "gir.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "GIR_HTTPS": "false",
        "DATABASE_URL": database_url,
        "GIR_VAR_DIR": str(var_dir),
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_backup_restores_into_an_empty_database_with_every_file_intact(tmp_path, empty_database):
    world = build_world()
    template_defaults_install()  # a data migration's rows; an earlier transactional test flushed them
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    add_evidence(incident, world.employee, png_upload("foto.png"))
    final(incident, aggressor, world.manager)
    before = _state()
    assert before["incidents"] and before["evidence"] and before["letters"]

    archive = tmp_path / "gir-backup.tar"
    call_command("backup", output=archive)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == (
        "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    )
    assert all(f"files/{name}" in manifest["members"] for name in before["evidence"])

    var_dir = tmp_path / "restored-var"
    restored = _in_restored(empty_database, var_dir, ["manage.py", "restore", str(archive)])
    assert restored.returncode == 0, restored.stderr
    verified = _in_restored(empty_database, var_dir, ["-c", VERIFY])
    assert verified.returncode == 0, verified.stderr
    after = json.loads(verified.stdout.strip().splitlines()[-1])
    assert after == before
    for stored, on_disk in [*after["evidence"].values(), *after["letters"].values()]:
        assert stored == on_disk  # the hash recorded at upload/finalising matches the restored file

    again = _in_restored(empty_database, var_dir, ["manage.py", "restore", str(archive)])
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_damaged_archive_is_refused_before_anything_is_restored(tmp_path, empty_database):
    build_world()
    archive = tmp_path / "gir-backup.tar"
    call_command("backup", output=archive)
    broken = tmp_path / "broken.tar"
    with tarfile.open(archive) as source, tarfile.open(broken, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(member, io.BytesIO(data))
    var_dir = tmp_path / "restored-var"
    refused = _in_restored(empty_database, var_dir, ["manage.py", "restore", str(broken)])
    assert refused.returncode != 0 and "damaged" in refused.stderr
    check = _in_restored(
        empty_database,
        var_dir,
        [
            "-c",
            "import django; django.setup(); "
            "from django.db import connection; print(len(connection.introspection.table_names()))",
        ],
    )
    assert check.stdout.strip().splitlines()[-1] == "0"
