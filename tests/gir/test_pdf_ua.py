"""The PDF helper's own user-agent stylesheet, its in-memory pictures and its reuse of a
document's head stylesheet: the speed-ups keep what weasyprint's defaults gave."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from gir import pdf
from gir.pdf import RefusedURL, render_to_pdf, resource_url, url_fetcher

ROOT = Path(__file__).resolve().parents[2]
PDF_TEMPLATES = [
    "letters/templates/letters/document.html",
    "reports/templates/reports/report_pdf.html",
    "reports/templates/reports/_comparison_pdf.html",
    "reports/templates/reports/_comparison_text.html",
    "privacy/templates/privacy/subject_access_letter.html",
]
# Inline elements need no rule of their own; everything else a PDF template or a letter text
# uses must have one in pdf_ua.css (weasyprint's HTML5 sheet no longer applies).
INLINE = {"span", "img", "a", "br", "abbr", "time", "data"}


def _ua_elements() -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", pdf.UA_CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    return set(re.findall(r"(?<![\w@.:#-])([a-z][a-z0-9]*)(?=[\s,{:\[])", css.split("@page")[0]))


def test_the_ua_sheet_styles_every_element_of_the_pdf_templates_and_letter_texts():
    from gir.richtext import _EDITOR_TAGS

    used = set(_EDITOR_TAGS)
    for name in PDF_TEMPLATES:
        text = (ROOT / name).read_text(encoding="utf-8")
        used |= {tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", text)}
    missing = used - INLINE - _ua_elements()
    assert not missing, f"add rules for {sorted(missing)} to gir/pdf_ua.css"


def _render(html: str, **kwargs) -> PdfReader:
    return PdfReader(io.BytesIO(render_to_pdf(html, **kwargs)))


def test_weasyprints_hook_for_the_ua_sheet_is_what_the_helper_replaces():
    """``_ua_stylesheets`` is not public API: when weasyprint stops calling it, this says so."""
    import inspect

    from weasyprint import css
    from weasyprint.html import UA_STYLESHEET

    assert "html._ua_stylesheets(" in inspect.getsource(css.get_all_computed_styles)
    sheets = pdf._html_class()(string="<p>x</p>")._ua_stylesheets()
    assert len(sheets) == 1 and sheets[0] is not UA_STYLESHEET


def test_headings_keep_their_bookmarks_hidden_head_and_list_markers():
    reader = _render(
        '<!DOCTYPE html><html lang="nl"><head><title>Titel</title></head><body>'
        "<h1>Eerste kop</h1><h2>Tweede kop</h2><ul><li>punt</li></ul><ol><li>stap</li></ol>"
        "<p>Tekst<br>regel twee</p></body></html>"
    )
    assert [o.title for o in reader.outline if not isinstance(o, list)] == ["Eerste kop"]
    text = reader.pages[0].extract_text()
    assert "Titel" not in text  # the head is not drawn
    assert "•" in text and "1." in text  # list markers
    assert "Tekst\nregel twee" in text


def test_the_head_stylesheet_keeps_its_precedence_over_the_extra_css():
    html = (
        '<!DOCTYPE html><html lang="nl"><head><style>p { font-size: 30pt }</style></head>'
        '<body><p>groot</p><p style="font-size: 6pt">klein</p></body></html>'
    )
    body, styles = pdf._head_styles(html)
    assert styles == ["p { font-size: 30pt }"] and "<style>" not in body
    reader = _render(html, css="p { font-size: 8pt }")
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    reader.pages[0].extract_text(visitor_text=visit)
    # 30 pt and 6 pt (weasyprint writes CSS pixels): neither the extra 8 pt
    assert sizes == {"groot": pytest.approx(30 * 4 / 3), "klein": pytest.approx(6 * 4 / 3)}


def test_a_style_element_in_the_body_is_left_to_weasyprint():
    html = "<html><head></head><body><style>p { color: red }</style><p>x</p></body></html>"
    assert pdf._head_styles(html) == (html, [])


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(buffer, format="JPEG")
    return buffer.getvalue()


def _images(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def test_pictures_handed_over_in_memory_are_drawn():
    html = f'<html><body><img src="{resource_url("chart-x")}" alt="grafiek"></body></html>'
    assert _images(_render(html, resources={"chart-x": _jpeg()})) == 1


def test_only_the_pictures_of_this_render_are_served():
    fetcher = url_fetcher({"chart-x": _jpeg()})
    assert fetcher.fetch(resource_url("chart-x")).headers["Content-Type"] == "image/jpeg"
    with pytest.raises(RefusedURL):
        fetcher.fetch(resource_url("chart-y"))
    with pytest.raises(RefusedURL):
        url_fetcher().fetch(resource_url("chart-x"))
    html = f'<html><body><img src="{resource_url("chart-x")}" alt="grafiek"></body></html>'
    assert _images(_render(html)) == 0  # not handed over: not drawn, nothing fetched


MARGIN_BOX_SOURCES = [
    "letters/pdf.py",
    "reports/templates/reports/report_pdf.html",
    "privacy/subject_access/letter.py",
]
MARGIN_BOX = re.compile(r"@((?:top|bottom|left|right)-[a-z-]+)")


def test_the_ua_sheet_aligns_every_margin_box_the_pdfs_fill():
    """The UA sheet only has rules for the margin boxes GIR uses (a rule costs a style per page)."""
    used = set()
    for name in MARGIN_BOX_SOURCES:
        used |= set(MARGIN_BOX.findall((ROOT / name).read_text(encoding="utf-8")))
    styled = set(MARGIN_BOX.findall(pdf.UA_CSS.read_text(encoding="utf-8").split("@page")[-1]))
    assert used and used <= styled, f"add rules for {sorted(used - styled)} to gir/pdf_ua.css"


def test_the_pydyf_costs_the_helper_takes_away_are_still_pydyfs():
    """Not public API either: when pydyf changes how it deflates or lists its pages, this says so."""
    import inspect

    import pydyf

    pdf._html_class()
    assert pydyf.PDF.page_references.fget is pdf._page_references
    assert "zlib.compressobj(level=9)" in inspect.getsource(pydyf.Stream.data.fget)
    assert pydyf.zlib.compressobj(level=9).compress(b"x" * 100)  # deflates at FLATE_LEVEL


def test_page_references_follow_the_pages_added():
    import pydyf

    pdf._html_class()
    document = pydyf.PDF()
    first = document.page_references
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(document.page_references) == len(first) + 1
    assert document.page_references[-1] == f"{document.objects[-1].number} 0 R".encode()


def _tagged_pages(node, found: set[int]) -> set[int]:
    node = node.get_object()
    if hasattr(node, "get"):
        if "/Pg" in node:
            found.add(node.raw_get("/Pg").idnum)
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int):
                _tagged_pages(kid, found)
    return found


def test_the_tags_of_a_long_document_name_each_of_its_pages():
    rows = "".join(f"<p>regel {n}</p>" for n in range(120))
    reader = _render(f'<!DOCTYPE html><html lang="nl"><body>{rows}</body></html>')
    pages = {page.indirect_reference.idnum for page in reader.pages}
    assert len(pages) > 1
    assert _tagged_pages(reader.trailer["/Root"]["/StructTreeRoot"], set()) == pages


def test_rendering_raises_the_collectors_thresholds_and_restores_them():
    import gc

    before = gc.get_threshold()
    with pdf.rendering():
        with pdf.rendering():
            assert gc.get_threshold() == pdf.RENDER_GC_THRESHOLD
        assert gc.get_threshold() == pdf.RENDER_GC_THRESHOLD  # the outer render still runs
    assert gc.get_threshold() == before


def test_the_warm_up_renders_a_small_document_with_a_page_number():
    pdf.warm_up()
    text = _render(pdf.WARM_UP_HTML, css=pdf.WARM_UP_CSS).pages[0].extract_text()
    assert "vet" in text and "Pagina 1 van 1" in text
