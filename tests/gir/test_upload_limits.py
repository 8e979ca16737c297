"""Uploaded images: a pixel limit before decoding, and no metadata segment survives (issue 12, finding 7)."""

import io
import struct
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from gir.uploads import validate_image_upload

SECRET = b"Geheime-opmerking-Jansen"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _huge_png(side=12_500) -> bytes:
    """A valid PNG header announcing side × side pixels, with a tiny (compressed) body."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def test_a_huge_image_is_refused_before_it_is_decoded():
    upload = SimpleUploadedFile("groot.png", _huge_png(), content_type="image/png")
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="te groot"):
            validate_image_upload(upload)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_a_phone_photo_is_still_accepted():
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(out, "JPEG")
    assert validate_image_upload(SimpleUploadedFile("foto.jpg", out.getvalue())).size > 0


def _srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _jpeg_full_of_metadata() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()  # ImageDescription
    exif[0x8825] = {2: (52.0, 5.0, 1.0)}  # GPS
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + SECRET + b"</x:xmpmeta>"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=SECRET, icc_profile=_srgb_icc(), xmp=xmp)
    data = out.getvalue()
    assert SECRET in data and b"ICC_PROFILE" in data
    return data


def test_every_jpeg_metadata_segment_is_removed():
    cleaned = validate_image_upload(SimpleUploadedFile("foto.jpg", _jpeg_full_of_metadata())).read()
    assert SECRET not in cleaned
    for marker in (b"Exif", b"ICC_PROFILE", b"http://ns.adobe.com/xap", b"xmpmeta"):
        assert marker not in cleaned
    reopened = Image.open(io.BytesIO(cleaned))
    assert "comment" not in reopened.info and "icc_profile" not in reopened.info
    assert not reopened.getexif()


def test_every_png_metadata_chunk_is_removed():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode())
    info.add_itxt("XML:com.adobe.xmp", SECRET.decode())
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()
    Image.new("RGBA", (40, 30), (0, 0, 255, 128)).save(
        out, "PNG", pnginfo=info, icc_profile=_srgb_icc(), exif=exif
    )
    cleaned = validate_image_upload(SimpleUploadedFile("plaatje.png", out.getvalue())).read()
    assert SECRET not in cleaned
    for chunk in (b"iCCP", b"tEXt", b"iTXt", b"zTXt", b"eXIf"):
        assert chunk not in cleaned
    assert Image.open(io.BytesIO(cleaned)).getpixel((1, 1)) == (0, 0, 255, 128)
