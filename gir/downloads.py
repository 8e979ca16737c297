"""One way to send a private file: as a download, never kept by a browser or proxy cache.

``X-Content-Type-Options: nosniff`` is on every response already (SECURE_CONTENT_TYPE_NOSNIFF).
"""

from django.http import HttpResponse


def attachment(content: bytes | str = b"", *, filename: str, content_type: str) -> HttpResponse:
    """A download response; write more into it (a CSV writer) or pass the content at once."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
