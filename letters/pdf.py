"""A letter as PDF: the letter's page layout and copy marks on the core's one PDF helper.

``gir.pdf.render_to_pdf`` does the rendering (tagged PDF/A, weasyprint imported lazily) with its
restrictive URL fetcher, so a letter can never make the server fetch a URL or read a file.
"""

from __future__ import annotations

from collections.abc import Sequence

from gir.pdf import render_to_pdf

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


def copy_mark(label: str) -> str:
    return "Exemplaar: " + label.replace("\\", "").replace('"', "")


def render_pdf(html: str, *, copies: Sequence[str] = ()) -> bytes:
    """Render a letter's HTML as a tagged A4 PDF/A.

    ``copies`` are the labels of the copies wanted ("dossier", "politie", ...): each copy is
    the whole letter, marked "Exemplaar: <label>" at the top of every page, with its own page
    numbers; all copies come in one PDF. Without ``copies`` the letter is rendered once,
    unmarked.
    """
    return render_to_pdf(html, css=PAGE_CSS, variants=[COPY_CSS % copy_mark(label) for label in copies])
