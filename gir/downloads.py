"""One way to send a private file: as a download, never kept by a browser or proxy cache.

``attachment`` sends bytes made now (a PDF, an export, a calendar invitation); ``stored_file``
streams a stored file (evidence, a photo, a report run); ``inline_image`` sends an image made now
for a page (an evidence thumbnail). ``X-Content-Type-Options: nosniff`` is
on every response already (SECURE_CONTENT_TYPE_NOSNIFF). Tables go out through
``gir.exports.table_download``, which uses ``attachment``.
"""

from django.http import FileResponse, HttpResponse

NO_STORE = "private, no-store"


def attachment(content: bytes | str = b"", *, filename: str, content_type: str) -> HttpResponse:
    """A download response; write more into it (a CSV writer) or pass the content at once."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = NO_STORE
    return response


def inline_image(content: bytes, *, content_type: str) -> HttpResponse:
    """Image bytes made now and shown on a page (a thumbnail): not a download, never cached."""
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = NO_STORE
    return response


def stored_file(file, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """A stored file (a ``FieldFile``), streamed; ``inline`` only for an image shown on a page."""
    response = FileResponse(
        file.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = NO_STORE
    return response
