"""Evidence: allowlist by content, metadata removed, SHA-256 of the stored file, private
download with the right headers, every download logged, uploads kept across form errors."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gir.models import AuditEntry
from incidents.models import Evidence, PendingUpload
from incidents.services import upload_accept
from tests.incidents.factories import add_evidence, file_incident, png_bytes, png_upload

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>"


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_an_html_file_renamed_pdf_is_refused(world):
    upload = SimpleUploadedFile("rapport.pdf", HTML, content_type="application/pdf")
    with pytest.raises(ValidationError):
        upload_accept(user=world.employee, upload=upload)
    assert PendingUpload.objects.count() == 0


def test_a_real_pdf_and_audio_are_accepted(world):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    kept = upload_accept(user=world.employee, upload=SimpleUploadedFile("a.pdf", pdf))
    assert (kept.kind, kept.mime_type) == ("document", "application/pdf")
    wav = (
        b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00D\xac\x00\x00"
        b"\x88X\x01\x00\x02\x00\x10\x00data\x00\x00\x00\x00"
    )
    assert upload_accept(user=world.employee, upload=SimpleUploadedFile("a.wav", wav)).kind == "geluid"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "video"),  # mp4
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ", "video"),  # mov
        (bytes.fromhex("1A45DFA39F4286810142F7810142F2810442F381084282847765626D4287810242858102"), "video"),
        (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00M4A isommp42", "geluid"),  # m4a (phone recorder)
        (b"ID3\x03\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00", "geluid"),  # mp3
    ],
)
def test_recordings_are_accepted_by_content(world, head, kind):
    upload = SimpleUploadedFile("opname.bin", head + b"\x00" * 256)
    assert upload_accept(user=world.employee, upload=upload).kind == kind


def test_an_executable_named_like_a_video_is_refused(world):
    with pytest.raises(ValidationError):
        upload_accept(
            user=world.employee, upload=SimpleUploadedFile("film.mp4", b"MZ\x90\x00" + b"\x00" * 300)
        )


def test_images_lose_exif_and_gps_and_the_hash_is_that_of_the_stored_file(world):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()  # the test image really has metadata
    incident = file_incident(world.employee)
    evidence = add_evidence(incident, world.employee, SimpleUploadedFile("IMG_0001.jpg", original))
    stored = evidence.file.open("rb").read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert evidence.sha256 == hashlib.sha256(stored).hexdigest() != hashlib.sha256(original).hexdigest()
    assert evidence.size == len(stored)
    assert "IMG_0001" not in evidence.file.name  # server-generated name


def test_the_size_limit_is_enforced(world, settings):
    settings.GIR_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        upload_accept(user=world.employee, upload=png_upload())


def test_at_most_twenty_files_per_incident(world):
    incident = file_incident(world.employee)
    for _n in range(20):
        add_evidence(incident, world.employee)
    with pytest.raises(ValidationError):
        add_evidence(incident, world.employee)
    assert incident.evidence.count() == 20


def test_download_is_an_attachment_with_nosniff_and_is_logged(world, login):
    incident = file_incident(world.employee)
    evidence = add_evidence(incident, world.employee)
    response = login(world.manager).get(reverse("incidents:evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert incident.reference in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == evidence.sha256
    entry = AuditEntry.objects.get(action="download")
    assert (entry.actor, entry.object_id) == (world.manager, str(evidence.pk))


def test_the_dossier_shows_hash_and_upload_time(world, login):
    incident = file_incident(world.employee)
    evidence = add_evidence(incident, world.employee)
    page = login(world.employee).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert evidence.sha256 in page


def test_an_invalid_field_keeps_the_uploaded_file(world, login):
    incident = file_incident(world.employee)
    client = login(world.employee)
    url = reverse("incidents:evidence-add", args=[incident.pk])
    response = client.post(url, {"description": "x" * 300, "files": png_upload()})
    assert response.status_code == 200
    assert Evidence.objects.count() == 0
    pending = response.context["form"].data["pending"]
    assert pending and PendingUpload.objects.filter(pk=int(pending)).exists()
    assert 'value="' + pending + '"' in response.content.decode()
    response = client.post(url, {"description": "Foto van de balie", "pending": pending})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.description == "Foto van de balie"


def test_someone_elses_pending_upload_cannot_be_claimed(world, login):
    incident = file_incident(world.employee)
    theirs = upload_accept(user=world.manager, upload=png_upload())
    response = login(world.employee).post(
        reverse("incidents:evidence-add", args=[incident.pk]), {"pending": str(theirs.pk)}
    )
    assert response.status_code == 200
    assert Evidence.objects.count() == 0


def test_a_refused_file_gives_a_dutch_error_and_keeps_the_good_one(world, login):
    incident = file_incident(world.employee)
    response = login(world.employee).post(
        reverse("incidents:evidence-add", args=[incident.pk]),
        {"files": [SimpleUploadedFile("x.pdf", HTML), SimpleUploadedFile("ok.png", png_bytes())]},
    )
    assert response.status_code == 200
    assert "Dit soort bestand kan niet worden toegevoegd" in response.content.decode()
    assert PendingUpload.objects.count() == 1


def test_evidence_is_not_served_under_any_public_url(world, login, settings):
    evidence = add_evidence(file_incident(world.employee), world.employee)
    client = login(world.employee)
    for url in [evidence.file.url, f"/media/{evidence.file.name}", f"/static/{evidence.file.name}"]:
        assert client.get(url).status_code == 404, url
    assert str(settings.STATIC_ROOT) not in evidence.file.path
    assert client.get(reverse("incidents:evidence-download", args=[evidence.pk])).status_code == 200


def test_too_many_files_are_refused_with_the_number_that_still_fits(world, login):
    incident = file_incident(world.employee)
    for _n in range(19):
        add_evidence(incident, world.employee)
    response = login(world.employee).post(
        reverse("incidents:evidence-add", args=[incident.pk]), {"files": [png_upload(), png_upload()]}
    )
    assert response.status_code == 200 and incident.evidence.count() == 19
    assert "er kunnen er nog 1 bij" in response.content.decode()
