"""Liveness and readiness (issue 15): each dependency against its own limit, JSON always,
"starting" rather than 503 right after a start, the same checks on the beheerder's page."""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from gir import health
from gir.models import Notification, SystemStatus

ROOT = Path(__file__).resolve().parents[2]


def _scanned(seconds_ago=30):
    SystemStatus.objects.update_or_create(
        name="deadline_scan", defaults={"last_run_at": timezone.now() - timedelta(seconds=seconds_ago)}
    )


@pytest.mark.django_db
def test_liveness_answers_without_looking_at_anything_else(client):
    response = client.get("/health/live/")
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.django_db
def test_readiness_is_ok_when_every_check_is_within_its_limit(client):
    _scanned()
    body = client.get("/health/ready/").json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {
        "database",
        "broker",
        "storage",
        "deadline_scan",
        "unsent_email",
        "overdue_notice",
    }
    assert {check["status"] for check in body["checks"].values()} == {"ok"}


@pytest.mark.django_db
def test_a_fresh_start_without_a_scan_is_starting_not_unavailable(client, settings, monkeypatch):
    settings.GIR_HEALTH_STARTING_SECONDS = 60
    monkeypatch.setattr(health, "STARTED", time.monotonic())  # this process has just started
    response = client.get("/health/")
    assert response.status_code == 200 and response.json()["status"] == "starting"
    monkeypatch.setattr(health, "STARTED", time.monotonic() - 61)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["deadline_scan"] == {
        "status": "fail",
        "seconds": None,
        "limit": settings.GIR_HEALTH_MAX_SCAN_AGE,
        "error": "",
    }


@pytest.mark.django_db
def test_an_e_mail_backlog_older_than_its_limit_makes_it_unready(client, settings, world):
    _scanned()
    settings.GIR_HEALTH_MAX_MAIL_AGE = 600
    note = Notification.objects.create(recipient=world.manager, subject="Nieuwe melding", body="-")
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    response = client.get("/health/ready/")
    assert response.status_code == 503
    mail = response.json()["checks"]["unsent_email"]
    assert mail["status"] == "fail" and mail["seconds"] >= 660 and mail["limit"] == 600
    assert "Nieuwe melding" not in response.content.decode()


@pytest.mark.django_db
def test_an_unwritable_files_folder_makes_it_unready(client, settings, tmp_path):
    _scanned()
    (tmp_path / "file").write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "file" / "private")},
        },
    }
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {
        "status": "fail",
        "seconds": None,
        "limit": None,
        "error": "NotADirectoryError",
    }


def test_with_the_database_unreachable_readiness_is_json_503_and_liveness_200(tmp_path):
    """Production settings (HTTPS redirect, strict hosts) and a database on a closed port."""
    script = (
        "import json, django; django.setup(); from django.test import Client; c = Client();"
        "r = c.get('/health/ready/'); l = c.get('/health/live/');"
        "print(json.dumps([r.status_code, r['Content-Type'], r.json(), l.status_code]))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "PYTEST_"))},
        "DJANGO_SETTINGS_MODULE": "gir.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "gir.example.nl",
        "GIR_HTTPS": "true",
        "GIR_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://gir:x@127.0.0.1:9/gir",
        "GIR_HEALTH_STARTING_SECONDS": "0",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    status, content_type, body, live = json.loads(done.stdout.strip().splitlines()[-1])
    assert (status, content_type, live) == (503, "application/json", 200)
    assert body["checks"]["database"] == {
        "status": "fail",
        "seconds": None,
        "limit": None,
        "error": "OperationalError",
    }
    assert body["checks"]["storage"]["status"] == "ok"
    assert "127.0.0.1:9" not in json.dumps(body)  # no connection details in the answer


def test_the_beheerder_sees_the_version_and_every_check(world, login, settings):
    _scanned()
    page = login(world.admin).get("/beheer/").content.decode()
    assert f"GIR versie {settings.GIR_VERSION}" in page
    for label in health.LABELS.values():
        assert str(label) in page
    assert "In orde" in page


@pytest.mark.django_db
def test_the_beat_health_check_fails_on_an_old_scan(settings):
    from django.core.management import CommandError, call_command

    _scanned(seconds_ago=settings.GIR_HEALTH_MAX_SCAN_AGE + 5)
    with pytest.raises(CommandError):
        call_command("healthcheck", "beat")
    _scanned(seconds_ago=20)
    call_command("healthcheck", "beat")
