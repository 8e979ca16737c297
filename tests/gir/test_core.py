import io
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from PIL import Image

from gir.audit import audit_log
from gir.models import AuditEntry, Organisation, SystemStatus

ROOT = Path(__file__).resolve().parents[2]


def test_audit_log_refuses_edits_and_deletes_through_the_orm(world):
    entry = audit_log(actor=world.coordinator, action=AuditEntry.Action.VIEW, obj=world.employee)
    entry.description = "changed"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().update(description="x")
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).description == ""


def test_audit_log_refuses_raw_sql_edits_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL")
    entry = audit_log(actor=world.coordinator, action=AuditEntry.Action.VIEW, obj=world.employee)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE gir_auditentry SET description = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM gir_auditentry WHERE id = %s", [entry.pk])


def test_health_is_ok_after_a_recent_scan_and_stale_otherwise(db, client):
    assert client.get("/health/").status_code == 503
    SystemStatus.objects.create(name="deadline_scan", last_run_at=timezone.now() - timedelta(seconds=30))
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert 25 <= response.json()["checks"]["deadline_scan"]["seconds"] <= 60


def test_admin_sees_the_last_heartbeat(world, login):
    SystemStatus.objects.create(name="heartbeat", last_run_at=timezone.now())
    page = login(world.admin).get("/beheer/").content.decode()
    assert "laatste controle om" in page


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_beheerder_changes_norms_and_logo_without_metadata(world, login):
    client = login(world.admin)
    org = Organisation.get()
    data = {
        "name": "Gemeente Testdorp",
        "street": "Markt 1",
        "postal_code": "1111 AA",
        "city": "Testdorp",
        "po_box": "",
        "phone": "",
        "email": "",
        "website": "",
        "reaction_norm": "48",
        "ordegesprek_norm": "7",
        "aftercare_talk1_norm": "72",
        "aftercare_talk2_norm": "5",
        "aftercare_talk3_norm": "6",
        "police_report_norm": "24",
        "inspectorate_norm": "24",
        "minimum_ban_days": "91",
        "ban_review_lead": "14",
        "reminder_lead": "4",
        "escalation_after": "1",
        "aftercare_reoffer_after": "14",
        "ban_request_norm": "5",
        "logo": SimpleUploadedFile("logo.jpg", _jpeg_with_exif(), content_type="image/jpeg"),
    }
    response = client.post("/beheer/organisatie/", data)
    assert response.status_code == 302, re.findall(r"error-message.*?</div>", response.content.decode(), re.S)
    org.refresh_from_db()
    assert org.name == "Gemeente Testdorp"
    assert org.reaction_norm == timedelta(hours=48)
    assert org.aftercare_talk3_norm == timedelta(weeks=6)
    page = client.get("/beheer/organisatie/").content.decode()
    assert 'name="aftercare_talk3_norm" value="6"' in page
    stored = Image.open(org.logo.open("rb"))
    assert "exif" not in stored.info
    assert client.get("/logo/").status_code == 200


def test_an_invalid_setting_keeps_what_was_typed(world, login):
    response = login(world.admin).post(
        "/beheer/organisatie/", {"name": "Gemeente Nieuw", "minimum_ban_days": "drie"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Gemeente Nieuw"' in html
    assert "Controleer wat u heeft ingevuld" in html


def test_security_headers_are_sent(db, client):
    response = client.get("/account/inloggen/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_deploy_check_passes_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gir.settings",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "DATABASE_URL": "postgres://gir@db/gir",
        "CELERY_BROKER_URL": "redis://redis:6379/0",
        "DJANGO_ALLOWED_HOSTS": "gir.example.nl",
        "GIR_HTTPS": "true",
    }
    env.pop("DJANGO_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_fail_loudly_on_a_bad_value():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gir.settings",
        "DJANGO_SECRET_KEY": "x",
        "GIR_HTTPS": "misschien",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "GIR_HTTPS must be a boolean" in result.stderr


def test_password_reset_by_email(world, client, mailoutbox):
    response = client.post("/account/wachtwoord-vergeten/", {"email": world.employee.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/wachtwoord-herstellen/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    new = "nieuw-en-veilig-wachtwoord-9"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.check_password(new)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(db, client, mailoutbox):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.test"})
    assert response.status_code == 302
    assert mailoutbox == []
