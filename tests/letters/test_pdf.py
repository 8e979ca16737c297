"""The PDF helper: nothing is fetched from the network or the file system; copies are marked
on every page and numbered per copy; the output is a tagged A4 PDF."""

import base64
import io
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from PIL import Image

from gir.pdf import RefusedURL, url_fetcher
from letters.pdf import render_pdf
from tests.letters.helpers import pdf_info, pdf_text


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 30), (10, 120, 10)).save(out, format="PNG")
    return out.getvalue()


def _html(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>'
        f'<style>body {{ font-family: "DejaVu Sans"; }}</style>{head}</head><body>{body}</body></html>'
    )


def _image_count(pdf: bytes) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
        ).stdout
    return len(out.splitlines()) - 2  # two header lines


@pytest.fixture
def http_server():
    """A real HTTP server on loopback that counts the requests it receives."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_png())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "file:///etc/passwd",
        "file:///work/main/gir/settings.py",
        "ftp://example.com/x",
        "/static/../../../etc/passwd",
        "gir-pdf:///static/../gir/settings.py",
        "/etc/passwd",
        "//example.com/x.png",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files_and_data(url):
    with pytest.raises(RefusedURL):
        url_fetcher().fetch(url)


def test_the_fetcher_serves_the_projects_static_files_and_data_uris():
    css = url_fetcher().fetch("gir-pdf:///static/letters/letter.css")
    assert b".letter" in css.read()
    data = url_fetcher().fetch("data:text/plain;base64," + base64.b64encode(b"hallo").decode())
    assert data.read() == b"hallo"


def test_rendering_a_letter_fetches_nothing_from_the_network(http_server):
    base, hits = http_server
    html = _html(
        f'<p>Hallo</p><img src="{base}/img.png" alt="x"><img src="file:///etc/passwd" alt="y">',
        head=f'<link rel="stylesheet" href="{base}/style.css"><style>@import url("{base}/imp.css");'
        f' p {{ background: url("{base}/bg.png"); }}</style>',
    )
    pdf = render_pdf(html)
    assert hits == []
    assert "Hallo" in pdf_text(pdf)
    assert _image_count(pdf) == 0


def test_the_network_check_above_can_fail(http_server):
    """Control: weasyprint's own default fetcher does fetch, so the server would have seen it."""
    from weasyprint import HTML

    base, hits = http_server
    HTML(string=_html(f'<img src="{base}/img.png" alt="x">')).write_pdf()
    assert hits == ["/img.png"]


def test_a_local_file_is_not_read_but_a_data_uri_is_used(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(_png())
    assert _image_count(render_pdf(_html(f'<img src="file://{image}" alt="x">'))) == 0
    data_uri = "data:image/png;base64," + base64.b64encode(_png()).decode()
    assert _image_count(render_pdf(_html(f'<img src="{data_uri}" alt="x">'))) == 1


def test_copies_are_one_pdf_each_copy_marked_on_every_page_and_numbered_on_its_own():
    long_letter = _html(
        "".join(f"<p>Alinea {i} met wat tekst om de pagina te vullen.</p>" for i in range(90))
    )
    single = render_pdf(long_letter)
    pages_per_copy = int(pdf_info(single)["Pages"])
    assert pages_per_copy >= 2
    labels = ["ontvanger", "dossier", "politie", "register coördinator", "aangetekende zending"]
    pdf = render_pdf(long_letter, copies=labels)
    assert int(pdf_info(pdf)["Pages"]) == 5 * pages_per_copy
    pages = pdf_text(pdf).split("\f")
    for index, label in enumerate(labels):
        for page_number in range(pages_per_copy):
            text = pages[index * pages_per_copy + page_number]
            assert f"Exemplaar: {label}" in text
            assert f"Pagina {page_number + 1} van {pages_per_copy}" in text


def test_the_pdf_is_tagged_for_accessibility_and_a4():
    info = pdf_info(render_pdf(_html("<h1>Kop</h1><p>Tekst</p>")))
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89")
