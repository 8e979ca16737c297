"""Backup and restore of one GIR installation: the database and the private files, together.

One archive (``.tar``) holds ``database.dump`` (PostgreSQL: ``pg_dump`` custom format) or
``database.sqlite3`` (SQLite: the online backup API, a consistent copy while GIR runs), the
files under ``GIR_VAR_DIR/private`` in ``files/``, and ``manifest.json`` with the SHA-256 and size
of every member. The database is dumped first, then the files: a file is always written before
the row that refers to it, so every file the dump refers to is in the archive.

Restore checks every hash before it touches anything, and only restores into an empty database
and an empty files folder, so it can never mix two installations.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP, SQLITE_COPY = "database.dump", "database.sqlite3"


class BackupError(Exception):
    """Refused or failed: the message says why, in plain words for the operator."""


@dataclass(frozen=True)
class Summary:
    path: Path
    files: int
    database: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_env() -> dict:
    s = connection.settings_dict
    env = {**os.environ, "PGHOST": s["HOST"] or "127.0.0.1", "PGPORT": str(s["PORT"] or 5432)}
    env.update(PGUSER=s["USER"] or "", PGPASSWORD=s["PASSWORD"] or "", PGDATABASE=s["NAME"])
    return env


def _run(args: list[str]) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[:500]}")


def _dump_database(target: Path) -> str:
    if _is_postgres():
        if shutil.which("pg_dump") is None:
            raise BackupError("pg_dump is not installed (Debian: postgresql-client)")
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target / PG_DUMP}"])
        return PG_DUMP
    source = sqlite3.connect(connection.settings_dict["NAME"])
    with sqlite3.connect(target / SQLITE_COPY) as copy:
        source.backup(copy)
    source.close()
    return SQLITE_COPY


def _files_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _private_files() -> list[Path]:
    root = _files_root()
    if not root.exists():
        return []
    skip = {".health"}
    return sorted(p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] not in skip)


def backup_create(*, path: Path) -> Summary:
    """Write one archive with the database and every private file, with their hashes."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        database = _dump_database(work)
        members = {database: work / database}
        root = _files_root()
        for file in _private_files():
            members[f"files/{file.relative_to(root).as_posix()}"] = file
        manifest = {
            "gir_version": settings.GIR_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": database,
            "members": {
                name: {"sha256": _sha256(src), "size": src.stat().st_size} for name, src in members.items()
            },
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            for name, src in members.items():
                archive.add(src, name)
    return Summary(path=path, files=len(members) - 1, database=database)


def _verified(archive_path: Path, into: Path) -> dict:
    with tarfile.open(archive_path) as archive:
        archive.extractall(into, filter="data")
    manifest = json.loads((into / MANIFEST).read_text())
    for name, expected in manifest["members"].items():
        member = into / name
        if not member.is_file() or _sha256(member) != expected["sha256"]:
            raise BackupError(f"The archive is damaged: {name} does not match its SHA-256")
    return manifest


def _require_empty() -> None:
    if connection.introspection.table_names():
        raise BackupError("The database is not empty; restore only into a new, empty database")
    root = _files_root()
    if root.exists() and any(p.is_file() for p in root.rglob("*")):
        raise BackupError(f"The files folder {root} is not empty; restore only into an empty folder")


def _restore_database(work: Path, database: str) -> None:
    if database == PG_DUMP:
        if not _is_postgres():
            raise BackupError(
                "This backup is of a PostgreSQL database; DATABASE_URL must point at PostgreSQL"
            )
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(work / PG_DUMP),
            ]
        )
        return
    if _is_postgres():
        raise BackupError("This backup is of a SQLite database; DATABASE_URL must point at SQLite")
    connection.close()
    with (
        sqlite3.connect(work / SQLITE_COPY) as source,
        sqlite3.connect(connection.settings_dict["NAME"]) as target,
    ):
        source.backup(target)


def backup_restore(*, path: Path) -> Summary:
    """Restore an archive into an empty database and files folder, after checking every hash."""
    _require_empty()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest = _verified(path, work)
        _restore_database(work, manifest["database"])
        root = _files_root()
        files = [name for name in manifest["members"] if name.startswith("files/")]
        for name in files:
            target = root / name.removeprefix("files/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / name, target)
    # The shared cache holds what was derived from the data before (permissions by user id,
    # the organisation, reports, sessions): none of it belongs to the restored data.
    cache.clear()
    return Summary(path=path, files=len(files), database=manifest["database"])
