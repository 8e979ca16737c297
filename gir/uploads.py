"""Upload checks shared by every app: an allowlist by content (libmagic), size and pixel-count
limits, and images re-encoded without any metadata (EXIF/GPS, XMP, comments, ICC, text chunks)."""

from __future__ import annotations

import io
import uuid

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
DOCUMENT_TYPES = {"application/pdf": "pdf"}
AUDIO_TYPES = {
    "audio/mpeg": "mp3",
    "audio/x-wav": "wav",
    "audio/wav": "wav",
    "audio/ogg": "ogg",
    "audio/mp4": "m4a",
    "audio/x-m4a": "m4a",
}
VIDEO_TYPES = {"video/mp4": "mp4", "video/quicktime": "mov", "video/webm": "webm"}


def sniff(upload) -> str:
    """The MIME type by content, not by name or the browser's word."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    return magic.from_buffer(head, mime=True)


def check_size(upload, max_bytes: int | None = None) -> None:
    limit = max_bytes or settings.GIR_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (%(size)d MB). Het maximum is %(max)d MB.")
            % {"size": upload.size // (1024 * 1024), "max": limit // (1024 * 1024)}
        )


def check_pixels(image: Image.Image) -> None:
    """Refuse an image by its header before decoding: a small PNG can unpack to gigabytes."""
    if image.width * image.height > settings.GIR_UPLOAD_MAX_PIXELS:
        raise ValidationError(
            _(
                "Deze afbeelding is te groot (%(w)d × %(h)d beeldpunten). "
                "Maak hem kleiner en probeer het opnieuw."
            )
            % {"w": image.width, "h": image.height}
        )


# What a re-encoded image keeps from the original's metadata: only what changes how it looks.
KEEP_INFO = {"transparency"}


def _without_metadata(image: Image.Image) -> Image.Image:
    """The pixels only: colours converted to sRGB when the file had its own ICC profile, then every
    metadata segment (EXIF, XMP, comments, ICC, text chunks) left behind."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "L"):
        try:
            from PIL import ImageCms

            image = ImageCms.profileToProfile(image, io.BytesIO(icc), ImageCms.createProfile("sRGB"))
        except Exception:  # noqa: S110 - an unreadable profile: keep the pixels as they are
            pass
    clean = image.copy()
    clean.info = {k: v for k, v in image.info.items() if k in KEEP_INFO}
    return clean


def strip_image(upload, mime: str) -> InMemoryUploadedFile:
    """Re-encode an image without metadata; orientation is applied first so nothing turns."""
    upload.seek(0)
    try:
        image = Image.open(upload)
    except Exception as exc:
        raise ValidationError(_("Dit plaatje kan niet worden gelezen. Probeer een ander bestand.")) from exc
    check_pixels(image)
    try:
        image = _without_metadata(ImageOps.exif_transpose(image))
    except Exception as exc:
        raise ValidationError(_("Dit plaatje kan niet worden gelezen. Probeer een ander bestand.")) from exc
    out = io.BytesIO()
    fmt = "PNG" if mime == "image/png" else "JPEG"
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(out, format=fmt, quality=90)
    out.seek(0)
    ext = IMAGE_TYPES[mime]
    return InMemoryUploadedFile(out, None, f"{uuid.uuid4().hex}.{ext}", mime, out.getbuffer().nbytes, None)


def validate_image_upload(upload) -> InMemoryUploadedFile:
    check_size(upload, 10 * 1024 * 1024)
    mime = sniff(upload)
    if mime not in IMAGE_TYPES:
        raise ValidationError(_("Kies een foto als JPEG- of PNG-bestand."))
    return strip_image(upload, mime)


def server_name(mime: str, allowed: dict[str, str]) -> str:
    """A server-generated file name: the user's name never reaches the file system."""
    return f"{uuid.uuid4().hex}.{allowed[mime]}"
