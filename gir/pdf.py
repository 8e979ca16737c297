"""The one PDF helper: HTML in, a tagged A4 PDF/A out, fetching nothing it should not.

weasyprint is imported lazily (it is slow to import). The URL fetcher serves ``data:`` URIs and
the project's own static files and refuses everything else — http(s), ftp, file paths outside
the static folders, ``..`` tricks — so rendering never makes the server fetch a URL or read a
file. Uploaded files (a logo) go in as data URIs.

The output is PDF/A-3a: archivable (the archive rules ask it of durable records such as letters
and the annual report) and, as level "a", tagged — the logical structure a screen reader
follows (headings, paragraphs, tables, alternative text) is kept.
"""

from __future__ import annotations

import base64
import copy
import gc
import logging
import mimetypes
import re
import threading
import zlib
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

PDF_VARIANT = "pdf/a-3a"  # PDF/A-3, conformance level A: archivable and tagged
BASE_URL = "gir-pdf:///"  # relative URLs resolve against this and are refused unless static
RESOURCE_SCHEME = "gir-resource"  # pictures handed to render_to_pdf in memory (the charts)
UA_CSS = Path(__file__).with_name("pdf_ua.css")  # our user-agent sheet, in place of weasyprint's


class RefusedURL(ValueError):
    """A resource a document tried to load that the renderer does not fetch."""


def static_path(path: str) -> str | None:
    """The file behind a path under STATIC_URL (found by the static-files finders), or None."""
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


IMAGE_MAX_BYTES = 512 * 1024
_IMAGE_MAGIC = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def image_data_uri(field_file, max_bytes: int = IMAGE_MAX_BYTES) -> str:
    """An uploaded image (the organisation's logo) as a ``data:`` URI, or "" when it is missing,
    unreadable, too large or not PNG/JPEG. The file is read here, from local storage; the
    renderer itself never opens a file path or URL for it."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, ValueError):
        return ""
    mime = next((m for magic, m in _IMAGE_MAGIC.items() if data.startswith(magic)), "")
    if not mime or len(data) > max_bytes:
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def resource_url(name: str) -> str:
    """The URL by which a document refers to the picture ``name`` of ``render_to_pdf``'s
    ``resources`` (only the pictures handed to that render are served under it)."""
    return f"{RESOURCE_SCHEME}:{name}"


def _mime(data: bytes) -> str:
    return next((m for magic, m in _IMAGE_MAGIC.items() if data.startswith(magic)), "image/svg+xml")


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves ``data:`` URIs, the pictures handed to this render and the project's static
        files; refuses everything else."""

        resources: Mapping[str, bytes] = {}

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == RESOURCE_SCHEME and parts.path in self.resources:
                body = self.resources[parts.path]
                return URLFetcherResponse(url, body, {"Content-Type": _mime(body)})
            if scheme in ("", "gir-pdf", "file") and not parts.netloc:
                found = static_path(parts.path)
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
            raise RefusedURL(f"refused to fetch {scheme or 'relative'} URL")

    return StaticOnlyFetcher


def url_fetcher(resources: Mapping[str, bytes] | None = None):
    """A fresh fetcher instance (weasyprint keeps per-request state on it), serving
    ``resources`` (name: PNG, JPEG or SVG bytes) under ``resource_url(name)``."""
    fetcher = _fetcher_class()(timeout=1, allow_redirects=False)
    fetcher.resources = dict(resources or {})
    return fetcher


# What one thread reuses between renders: weasyprint's font configuration (building it
# loads the system's font set) and the parsed extra stylesheets (the same few strings every
# time). Per thread, because neither is documented as safe to share between threads.
_reused = threading.local()
STYLESHEETS_KEPT = 16


def _font_config():
    config = getattr(_reused, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _reused.font_config = FontConfiguration()
    return config


def _stylesheet(css: str):
    """``css`` parsed once per thread (it holds no URL: the fetcher only sees it here)."""
    from weasyprint import CSS

    sheets = _reused.__dict__.setdefault("sheets", {})
    if css not in sheets:
        if len(sheets) >= STYLESHEETS_KEPT:
            sheets.clear()
        sheets[css] = CSS(string=css, url_fetcher=url_fetcher(), font_config=_font_config())
    return sheets[css]


_ua = {}  # the parsed UA_CSS, once per process: weasyprint shares its own sheet the same way


def _html_class():
    """weasyprint's HTML with our user-agent sheet (``pdf_ua.css``) in place of the HTML5 one.

    weasyprint tries every rule of its HTML5 sheet ([dir] and [hidden] rules, forms, :is()
    lists) on every element; with ours, which only has rules found by element name, the style
    cascade of the annual report takes a sixth of the time. ``_ua_stylesheets`` is weasyprint's
    own hook for this (not public API: tests/gir/test_pdf_ua.py notices when it changes)."""
    if "html" not in _ua:
        from weasyprint import CSS, HTML
        from weasyprint.html import UA_COUNTER_STYLE

        sheet = CSS(string=UA_CSS.read_text(encoding="utf-8"), counter_style=UA_COUNTER_STYLE)

        class GirHTML(HTML):
            def _ua_stylesheets(self, forms=False):
                return [sheet]

        _tune_pydyf()
        _ua["html"] = GirHTML
    return _ua["html"]


FLATE_LEVEL = 6  # zlib's own default; pydyf asks for 9


def _compressobj(level: int = FLATE_LEVEL, *args, **kwargs):
    return zlib.compressobj(min(level, FLATE_LEVEL), *args, **kwargs)


def _page_references(pdf) -> tuple[bytes, ...]:
    """pydyf's ``PDF.page_references``, built again only when a page was added."""
    kids = pdf.pages["Kids"]
    known = pdf.__dict__.get("_gir_page_references")
    if known is None or known[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        known = pdf.__dict__["_gir_page_references"] = (len(kids), references)
    return known[1]


def _tune_pydyf() -> None:
    """Two costs of pydyf, weasyprint's PDF writer, that GIR's PDFs need not pay.

    It deflates every stream at zlib's level 9, twice for a PDF/A (once more for the file
    identifier's hash): at level 6 the files grow by a fraction of a per cent and the annual
    report's deflating takes a third of the time (~50 ms). And ``PDF.page_references`` lists
    every page again for each tagged element that names its page (the annual report's tables:
    some 2,000 times). Neither is public API: tests/gir/test_pdf_ua.py notices when pydyf
    changes them."""
    import pydyf

    pydyf.zlib = SimpleNamespace(**{**vars(zlib), "compressobj": _compressobj})  # zlib, but the level
    pydyf.PDF.page_references = property(_page_references)


_HEAD_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _head_styles(html: str) -> tuple[str, list[str]]:
    """``html`` without the ``<style>`` elements of its head, and their texts.

    weasyprint parses a document's own stylesheet again for every render (a letter's: a fifth
    of its time); handed over as extra stylesheets they are parsed once (``_stylesheet``). They
    come after ``css`` and before any style attribute, so they keep their precedence. Only the
    head is searched: a letter's body is typed text (cleaned, it has no ``<style>``)."""
    head_end = html.find("<body")
    if head_end < 0:
        return html, []
    head = html[:head_end]
    styles = _HEAD_STYLE.findall(head)
    return (_HEAD_STYLE.sub("", head) + html[head_end:], styles) if styles else (html, [])


def _document(html: str, css: str, fetcher):
    html, styles = _head_styles(html)
    sheets = [_stylesheet(sheet) for sheet in (css, *styles) if sheet]
    return _html_class()(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=sheets, font_config=_font_config()
    )


def _blank_pages(count: int) -> str:
    """An empty document of ``count`` pages: it carries only the page's margin boxes."""
    breaks = '<p style="break-before: page"></p>' * (count - 1)
    return f'<!DOCTYPE html><html lang="nl"><body><p></p>{breaks}</body></html>'


def _copies(document, css: str, variants: Sequence[str], fetcher):
    """The pages of ``document`` once per variant, each page with the variant's margin boxes.

    The letter is laid out once; per copy only an empty document of as many pages is laid out
    with that copy's stylesheet, and its margin boxes (the copy mark, "Pagina 1 van 2") take the
    place of the letter's own. None when the blank pages do not line up with the letter's.
    """
    from weasyprint.document import Page
    from weasyprint.formatting_structure.boxes import MarginBox

    count = len(document.pages)
    pages = []
    for extra in variants:
        marks = _document(_blank_pages(count), css + extra, fetcher)
        if len(marks.pages) != count:
            return None
        for page, mark in zip(document.pages, marks.pages, strict=True):
            content, margins = page._page_box, mark._page_box
            if (content.margin_width(), content.margin_height()) != (
                margins.margin_width(),
                margins.margin_height(),
            ):
                return None
            box = copy.copy(content)
            box.children = [c for c in content.children if not isinstance(c, MarginBox)] + [
                c for c in margins.children if isinstance(c, MarginBox)
            ]
            pages.append(Page(box))
    return document.copy(pages)


# How often the garbage collector runs while a PDF is made: a first-generation collection every
# 10,000 new objects instead of every 700, the older generations 20 times rarer instead of 10.
RENDER_GC_THRESHOLD = (10_000, 20, 20)
_collector = {"renders": 0, "threshold": gc.get_threshold()}
_collector_lock = threading.Lock()


@contextmanager
def rendering():
    """For the duration: the garbage collector runs less often (``RENDER_GC_THRESHOLD``).

    A render makes hundreds of thousands of objects that live until it ends (weasyprint's boxes,
    matplotlib's artists), and at Python's default thresholds the collector walks them again and
    again: a tenth of the annual report's CPU. Few of them are cyclic garbage, so collecting
    later frees the same memory. The thresholds are the process's, so nested and concurrent
    renders share the setting: the first to start raises it, the last to end restores it."""
    with _collector_lock:
        if _collector["renders"] == 0:
            _collector["threshold"] = gc.get_threshold()
            gc.set_threshold(*RENDER_GC_THRESHOLD)
        _collector["renders"] += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector["renders"] -= 1
            if _collector["renders"] == 0:
                gc.set_threshold(*_collector["threshold"])


def render_to_pdf(
    html: str, *, css: str = "", variants: Sequence[str] = (), resources: Mapping[str, bytes] | None = None
) -> bytes:
    """Render ``html`` (with the extra stylesheet ``css``) as one tagged PDF/A document.

    ``resources`` are pictures (name: PNG, JPEG or SVG bytes) the document shows by
    ``resource_url(name)``: a chart of a megabyte as a ``data:`` URI costs the HTML parser
    more than weasyprint's whole style cascade.

    With ``variants`` the document comes once per extra stylesheet in that list (after
    ``css``), and all of them are joined in one PDF: the copies of a letter, each with its own
    mark and page numbers. The variants may only change the page's margin boxes: the document
    is laid out once and each copy takes the margin boxes of its variant. A document with
    ``@page`` rules of its own is rendered in full once per variant instead.
    """
    # weasyprint reports every rendering step at INFO (already while importing); only its
    # warnings belong in our logs.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    fetcher = url_fetcher(resources)
    with rendering():
        if not variants:
            document = _document(html, css, fetcher)
        else:
            document = None
            if "@page" not in html:
                document = _copies(_document(html, css, fetcher), css, variants, fetcher)
            if document is None:
                documents = [_document(html, css + extra, fetcher) for extra in variants]
                document = documents[0].copy([page for doc in documents for page in doc.pages])
        return document.write_pdf(pdf_variant=PDF_VARIANT)


# What the letters and the report use most: headings, bold and italic text, a line break, a
# list, a table and a page number in a margin box.
WARM_UP_HTML = (
    '<!DOCTYPE html><html lang="nl"><head><title>GIR</title></head>'
    "<body style=\"font-family: 'DejaVu Sans', sans-serif\"><h1>Kop</h1>"
    "<p>Tekst, <strong>vet</strong> en <em>schuin</em>.<br>Regel</p><ul><li>Punt</li></ul>"
    '<table><thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead>'
    '<tbody><tr><th scope="row">c</th><td>1</td></tr></tbody></table></body></html>'
)
WARM_UP_CSS = """@page { size: A4; @bottom-right { content: "Pagina " counter(page) " van " counter(pages);
  font-family: "DejaVu Sans", sans-serif; font-size: 8pt } }"""


def warm_up() -> None:
    """Load the renderer now (weasyprint's import, our UA sheet, the fonts) and render a small
    document (``WARM_UP_HTML``): ~1 s of CPU that a worker process pays at start instead of in
    the first PDF someone waits for. Without the small document the first letter after the
    load still took twice as long as the next (fonts and code paths met for the first time)."""
    _html_class()
    _font_config()
    render_to_pdf(WARM_UP_HTML, css=WARM_UP_CSS)


def warm_up_worker(load=warm_up) -> None:
    """For a worker process as it starts (gunicorn's ``post_worker_init``, Celery's
    ``worker_process_init``): ``load()`` the renderer, then tell the garbage collector to leave
    everything loaded by now alone (``gc.freeze``). Django, the apps and the renderer live as
    long as the process; a full collection no longer walks them during a request or a render."""
    load()
    gc.collect()
    gc.freeze()
