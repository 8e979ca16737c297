"""The one PDF helper: letters and the annual report come out as tagged PDF/A (archivable and
accessible), their text extracts, and the fetcher refuses what is not a static file."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from gir.pdf import RefusedURL, render_to_pdf, url_fetcher
from letters.pdf import render_pdf as letter_pdf

HTML = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title></head>'
    "<body><h1>Kop</h1><p>Een alinea met tekst.</p><table><tr><th>A</th></tr><tr><td>1</td></tr>"
    "</table></body></html>"
)


def assert_tagged_pdf_a(pdf: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and ('pdfaid:part="3"' in xmp or "<pdfaid:part>3<" in xmp)
    assert 'pdfaid:conformance="A"' in xmp or "<pdfaid:conformance>A<" in xmp
    assert "/OutputIntents" in catalog  # the sRGB profile PDF/A asks for
    assert "/StructTreeRoot" in catalog  # tagged: the logical structure is kept
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "nl"
    intent = catalog["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert "/ID" in reader.trailer and "/Encrypt" not in reader.trailer  # PDF/A: an id, no encryption
    assert _fonts_not_embedded(reader) == []  # PDF/A: every font is in the file
    return reader


def _fonts_not_embedded(reader: PdfReader) -> list[str]:
    missing = []
    for page in reader.pages:
        for name, font in ((page.get("/Resources") or {}).get("/Font") or {}).items():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            files = descriptor.get_object().keys() if descriptor else ()
            if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(files):
                missing.append(name)
    return missing


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_helper_renders_tagged_pdf_a_whose_text_extracts():
    reader = assert_tagged_pdf_a(render_to_pdf(HTML))
    assert "Een alinea met tekst." in _text(reader)


def test_a_letter_with_copies_is_tagged_pdf_a():
    reader = assert_tagged_pdf_a(letter_pdf(HTML, copies=["dossier", "politie"]))
    text = _text(reader)
    assert "Exemplaar: dossier" in text and "Exemplaar: politie" in text


def test_the_annual_report_is_tagged_pdf_a(db):
    from reports.services.params import ReportParams
    from reports.services.pdf import render_pdf as report_pdf
    from reports.services.report import build_report
    from tests.conftest import build_world

    world = build_world()
    now = datetime(2026, 2, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    report = build_report(world.coordinator, ReportParams.for_year(2025), now=now)
    reader = assert_tagged_pdf_a(report_pdf(report))
    assert "2025" in _text(reader)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "file:///etc/passwd",
        "/static/../../etc/passwd",
        "//evil/x",
        "/media/a.png",
    ],
)
def test_the_one_fetcher_refuses_anything_but_static_files_and_data(url):
    with pytest.raises(RefusedURL):
        url_fetcher().fetch(url)


def test_a_suspicious_static_path_is_refused_not_an_error():
    # A path the static finders consider outside their folders raises SuspiciousFileOperation
    # inside Django; the fetcher turns it into a plain refusal.
    with pytest.raises(RefusedURL):
        url_fetcher().fetch("/static//etc/passwd")
