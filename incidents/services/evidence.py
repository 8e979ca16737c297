"""Evidence: uploads checked by content, images stripped of metadata, SHA-256 of what is stored.

An accepted upload first becomes a PendingUpload owned by the uploader, so a form that fails
on another field keeps the file; saving the form turns it into Evidence of the incident.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gir import uploads
from gir.errors import RuleViolation
from incidents.constants import MAX_EVIDENCE_PER_INCIDENT, EventKind, EvidenceKind
from incidents.models import Evidence, Incident, PendingUpload
from incidents.services.common import add_event

# libmagic names some Ogg files (voice messages) "application/ogg" rather than "audio/ogg".
EXTRA_AUDIO = {"application/ogg": "ogg"}
ALLOWED = {
    **{mime: EvidenceKind.PHOTO for mime in uploads.IMAGE_TYPES},
    **{mime: EvidenceKind.DOCUMENT for mime in uploads.DOCUMENT_TYPES},
    **{mime: EvidenceKind.AUDIO for mime in {**uploads.AUDIO_TYPES, **EXTRA_AUDIO}},
    **{mime: EvidenceKind.VIDEO for mime in uploads.VIDEO_TYPES},
}
EXTENSIONS = {
    **uploads.IMAGE_TYPES,
    **uploads.DOCUMENT_TYPES,
    **uploads.AUDIO_TYPES,
    **EXTRA_AUDIO,
    **uploads.VIDEO_TYPES,
}
PENDING_KEEP = timedelta(days=1)


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def upload_accept(*, user, upload) -> PendingUpload:
    """Check one uploaded file and keep it for ``user``; raises RuleViolation in Dutch.

    Allowlist by content (libmagic), never by name; images are re-encoded without EXIF/GPS
    first, so the SHA-256 is that of the file as stored and handed to the police.
    """
    uploads.check_size(upload, settings.GIR_UPLOAD_MAX_BYTES)
    mime = uploads.sniff(upload)
    if mime not in ALLOWED:
        raise RuleViolation(
            _(
                "Dit soort bestand kan niet worden toegevoegd. Kies een foto (JPEG of PNG), een PDF, "
                "een geluidsopname (mp3, wav, ogg, m4a) of een video (mp4, mov, webm)."
            )
        )
    if mime in uploads.IMAGE_TYPES:
        upload = uploads.strip_image(upload, mime)
    upload.seek(0)
    content = ContentFile(upload.read())
    pending = PendingUpload(
        user=user, kind=ALLOWED[mime], mime_type=mime, size=content.size, sha256=_sha256(content)
    )
    pending.file.save(f"{uploads.server_name(mime, EXTENSIONS)}", content, save=False)
    pending.save()
    _forget_old(user)
    return pending


def _forget_old(user) -> None:
    for old in PendingUpload.objects.filter(user=user, created_at__lt=timezone.now() - PENDING_KEEP):
        old.file.delete(save=False)
        old.delete()


def pending_for(user, ids) -> list[PendingUpload]:
    """The user's own pending uploads among ``ids`` (crafted ids of others are ignored)."""
    clean = [int(i) for i in ids if str(i).isdigit()]
    return list(PendingUpload.objects.filter(user=user, pk__in=clean).order_by("pk"))


def _too_many(existing: int, room: int) -> str:
    if room <= 0:
        return _("Dit incident heeft al %(max)d bestanden. Meer bestanden kunnen er niet bij.") % {
            "max": MAX_EVIDENCE_PER_INCIDENT
        }
    return _(
        "Dit incident heeft al %(n)d bestanden; er kunnen er nog %(room)d bij. Open deze pagina "
        "opnieuw en kies ten hoogste %(room)d bestanden."
    ) % {"n": existing, "room": room}


def attach_pending(*, incident: Incident, by, pending_ids, description: str = "") -> list[Evidence]:
    """Turn pending uploads into evidence of ``incident``; at most MAX_EVIDENCE_PER_INCIDENT files."""
    pending = pending_for(by, pending_ids)
    if not pending:
        return []
    existing = Evidence.objects.filter(incident=incident).count()
    room = MAX_EVIDENCE_PER_INCIDENT - existing
    if len(pending) > room:
        raise RuleViolation(_too_many(existing, room), field="files")
    now = timezone.now()
    rows = [
        Evidence(
            incident=incident,
            file=item.file.name,
            kind=item.kind,
            mime_type=item.mime_type,
            size=item.size,
            sha256=item.sha256,
            description=description[:200],
            uploaded_at=now,
            uploaded_by=by,
        )
        for item in pending
    ]
    Evidence.objects.bulk_create(rows)
    PendingUpload.objects.filter(pk__in=[item.pk for item in pending]).delete()  # the file stays
    add_event(
        incident,
        by,
        EventKind.EVIDENCE,
        ngettext("%(n)d bewijsstuk toegevoegd", "%(n)d bewijsstukken toegevoegd", len(rows))
        % {"n": len(rows)},
    )
    return rows


@transaction.atomic
def evidence_add(*, incident: Incident, by, pending_ids, description: str = "") -> list[Evidence]:
    """Add evidence to an existing incident (the count check runs under the incident's lock)."""
    Incident.objects.select_for_update().filter(pk=incident.pk).first()
    return attach_pending(incident=incident, by=by, pending_ids=pending_ids, description=description)
