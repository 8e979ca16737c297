"""The one PDF helper of GIR's letters: HTML in, tagged A4 PDF out.

weasyprint is imported lazily (it is slow to import). The URL fetcher serves only the
project's own static files and ``data:`` URIs; anything else — http(s), file paths outside the
static folders, ftp — is refused, so a letter can never make the server fetch or read a file.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

# Page numbers and the copy mark live in @page margin boxes, which do not inherit the body
# font (STACK.md): the font is set there explicitly.
PAGE_CSS = """
@page {
  size: A4;
  margin: 18mm 20mm 20mm 25mm;
  @bottom-right {
    content: "Pagina " counter(page) " van " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #333;
  }
}
"""
COPY_CSS = """
@page {
  @top-right {
    content: "%s";
    font-family: "DejaVu Sans", sans-serif; font-size: 8pt; font-weight: bold; color: #000;
  }
}
"""
BASE_URL = "gir-pdf:///"  # relative URLs resolve against this and are refused unless static


class RefusedURL(ValueError):
    """A resource a letter tried to load that the renderer does not fetch."""


def _static_path(path: str) -> str | None:
    static_prefix = settings.STATIC_URL
    if not path.startswith(static_prefix):
        return None
    relative = unquote(path[len(static_prefix) :])
    if not relative or ".." in relative.split("/"):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return found if isinstance(found, str) else None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves ``data:`` URIs and the project's static files; refuses everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme in ("", "gir-pdf", "file") and not parts.netloc:
                found = _static_path(parts.path)
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
            raise RefusedURL(f"refused to fetch {scheme or 'relative'} URL")

    return StaticOnlyFetcher


def url_fetcher():
    """A fresh fetcher instance (weasyprint keeps per-request state on it)."""
    return _fetcher_class()(timeout=1, allow_redirects=False)


def _document(html: str, extra_css: str = ""):
    # weasyprint reports every rendering step at INFO (already while importing); only its
    # warnings belong in our logs.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import CSS, HTML

    fetcher = url_fetcher()
    stylesheets = [CSS(string=PAGE_CSS + extra_css, url_fetcher=fetcher)]
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(stylesheets=stylesheets)


def copy_mark(label: str) -> str:
    return "Exemplaar: " + label.replace("\\", "").replace('"', "")


def render_pdf(html: str, *, copies: Sequence[str] = ()) -> bytes:
    """Render a letter's HTML as a tagged A4 PDF (PDF/UA-1).

    ``copies`` are the labels of the copies wanted ("dossier", "politie", ...): each copy is
    the whole letter, marked "Exemplaar: <label>" at the top of every page, with its own page
    numbers; all copies come in one PDF. Without ``copies`` the letter is rendered once,
    unmarked.
    """
    if not copies:
        document = _document(html)
    else:
        documents = [_document(html, COPY_CSS % copy_mark(label)) for label in copies]
        pages = [page for doc in documents for page in doc.pages]
        document = documents[0].copy(pages)
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


__all__ = ["BASE_URL", "RefusedURL", "copy_mark", "render_pdf", "url_fetcher"]
