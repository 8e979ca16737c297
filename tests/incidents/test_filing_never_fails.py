"""Filing never fails for the machine's reasons (issue 15): a triple click answers with the one
incident, a full or unwritable upload folder files the report without the file and says so,
and the typed text survives every failure."""

import errno
import os
import threading
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from incidents.models import Incident, PendingUpload, ReportDraft
from incidents.services import drafts
from tests.conftest import build_world
from tests.incidents.factories import file_incident, png_upload
from tests.incidents.test_views import _report_data

REPORT = reverse("incidents:report")


def _token(client) -> str:
    return client.get(REPORT).context["form"].initial["submission_token"]


def _parallel(clients, make_data):
    """Every client posts at the same moment, each in its own thread with its own connection."""
    barrier = threading.Barrier(len(clients))
    answers, errors = [None] * len(clients), []

    def run(i, client):
        try:
            barrier.wait(timeout=20)
            answers[i] = client.post(REPORT, make_data(i))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers, errors


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_one_form_all_answer_with_the_one_incident():
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")
    world = build_world()
    first = Client()
    first.force_login(world.employee)
    token = _token(first)
    clients = [first]
    for _ in range(11):
        client = Client()
        client.force_login(world.employee)
        clients.append(client)

    def data(i):
        # Every third request is the autosave that was still on its way when "Versturen" was clicked.
        extra = {"autosave": "1"} if i % 3 == 2 else {}
        return _report_data(world, submission_token=token, **extra)

    answers, errors = _parallel(clients, data)
    assert errors == []
    incident = Incident.objects.get()
    submits = [a for i, a in enumerate(answers) if i % 3 != 2]
    assert {a.status_code for a in submits} == {302}
    assert {a["Location"] for a in submits} == {reverse("incidents:detail", args=[incident.pk])}
    assert {a.status_code for i, a in enumerate(answers) if i % 3 == 2} == {204}
    # A late autosave does not bring the filed report back as a draft.
    page = first.get(REPORT)
    assert page.context["form"].initial["submission_token"] != token
    assert "Klant werd boos" not in page.content.decode()


@pytest.fixture
def unwritable_storage(settings, tmp_path):
    """The files folder lies under a file: no one, not even root, can create it."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "private"), "base_url": None},
        },
    }
    return blocker


@pytest.fixture
def full_disk(settings, tmp_path, monkeypatch):
    """The disk fills up while the file is written: a partial file is left, then ENOSPC."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }

    def write_half_then_fail(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(FileSystemStorage, "_save", write_half_then_fail)
    return location


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize("trouble", ["unwritable_storage", "full_disk"])
def test_a_report_is_filed_without_the_file_the_storage_refused(request, trouble, world, login):
    folder = request.getfixturevalue(trouble)
    client = login(world.employee)
    data = _report_data(world, submission_token=_token(client), files=png_upload("foto-balie.png"))
    response = client.post(REPORT, data, follow=True)
    incident = Incident.objects.get()
    assert response.redirect_chain[-1][0] == reverse("incidents:detail", args=[incident.pk])
    assert incident.evidence.count() == 0 and not PendingUpload.objects.exists()
    html = response.content.decode()
    assert "foto-balie.png kon door een storing niet worden bewaard" in html
    assert "Bewijs toevoegen" in html and incident.reference in html
    assert _files_under(folder) == []  # no empty file left behind
    assert not ReportDraft.objects.filter(user=world.employee).exists()


@pytest.mark.django_db
def test_an_invalid_report_with_a_refused_file_keeps_the_text(unwritable_storage, world, login):
    client = login(world.employee)
    data = _report_data(world, forms=[], submission_token=_token(client), files=png_upload("foto.png"))
    response = client.post(REPORT, data)
    assert response.status_code == 200 and not Incident.objects.exists()
    html = response.content.decode()
    assert "Klant werd boos en dreigde terug te komen." in html
    assert "foto.png kon door een storing niet worden bewaard" in html
    draft = ReportDraft.objects.get(user=world.employee)
    assert draft.data["fields"]["description"] == [data["description"]]


@pytest.mark.django_db
def test_adding_evidence_to_a_full_disk_is_a_form_error_not_a_crash(full_disk, world, login):
    incident = file_incident(world.employee, world.dept_a)
    client = login(world.employee)
    url = reverse("incidents:evidence-add", args=[incident.pk])
    response = client.post(url, {"files": png_upload("later.png"), "description": "Foto"})
    assert response.status_code == 200
    assert "later.png: dit bestand kon door een storing niet worden bewaard" in response.content.decode()
    assert _files_under(full_disk) == []


@pytest.mark.django_db
def test_a_database_failure_while_filing_shows_the_form_with_everything_typed(
    world, login, monkeypatch, caplog
):
    client = login(world.employee)
    data = _report_data(world, submission_token=_token(client), description="Tekst die niet weg mag.")

    def lost_connection(**kwargs):
        raise OperationalError(f"value too long: {kwargs['description']}")

    monkeypatch.setattr(drafts, "incident_register", lost_connection)
    response = client.post(REPORT, data)
    assert response.status_code == 200 and not Incident.objects.exists()
    html = response.content.decode()
    assert "Tekst die niet weg mag." in html and 'value="Balie 3"' in html
    assert "kon door een storing nog niet worden opgeslagen" in html
    assert "OperationalError" in caplog.text and "Tekst die niet weg mag." not in caplog.text


@pytest.mark.django_db
def test_a_report_with_an_outdated_security_token_shows_everything_typed_again(world):
    """Logged in again in another tab: the form's CSRF token is refused. Nothing is saved from
    such a request, but the page shows the typed text again, without JavaScript."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.employee)
    data = _report_data(world, submission_token="form-token-1", description="Tekst die niet weg mag.")
    response = client.post(REPORT, data)
    assert response.status_code == 403 and not Incident.objects.exists()
    assert not ReportDraft.objects.filter(user=world.employee).exists()  # nothing written
    html = response.content.decode()
    assert "Tekst die niet weg mag." in html and 'value="Balie 3"' in html
    assert 'value="form-token-1"' in html and 'name="csrfmiddlewaretoken"' in html
    assert "Uw melding is nog niet verstuurd: de pagina was verlopen" in html


@pytest.mark.django_db
def test_other_refused_forms_get_a_plain_dutch_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager)
    response = client.post(reverse("incidents:list"), {"description": "Tekst"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Deze pagina was verlopen" in html and "CSRF" not in html and "Tekst" not in html
