"""The dossier and person peers show the rows a coordinator sees on the product pages (issue 13:
a peer that shows less flatters the page's ratio). Tiny scale, PostgreSQL only like the seed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.utils.html import escape

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark runs on PostgreSQL"),
]


def _pages(seeded, label: str):
    from benchmark.scenarios import main_pages
    from benchmark.twofactor import verified_login

    page = next(p for p in main_pages(seeded) if p.role == "coordinator" and p.label == label)
    client = Client(HTTP_HOST="127.0.0.1")
    verified_login(client, page.user)
    product = client.get(page.url)
    peer = client.get(page.peer_url)
    assert product.status_code == peer.status_code == 200
    return product.context, peer.content.decode()


def _missing(texts, html: str) -> list[str]:
    return [text for text in texts if text and escape(text) not in html]


@pytest.mark.parametrize("label", ["dossier (light)", "dossier (heavy)"])
def test_the_dossier_peer_shows_every_row_of_the_dossier(seeded, peer_urls, label):
    context, peer = _pages(seeded, label)
    timeline = [part for e in context["timeline"] for part in (e["when"], str(e["title"]), e.get("text"))]
    assert context["timeline"] and not _missing(timeline, peer)
    blocks = context["blocks"]
    rows = [str(row[key]) for row in blocks["measures"] + blocks["letters"] for key in ("title", "state")]
    people = [person["aggressor"].display_name for person in context["aggressors"]]
    assert not _missing(rows + people + [str(i) for i in context["involvements"]], peer)


def test_the_person_peer_shows_every_row_of_the_person_page(seeded, peer_urls):
    context, peer = _pages(seeded, "person page (recidivist)")
    references = [incident.reference for incident in context["incidents"]]
    entries = [str(entry["title"]) for entry in context["sections"]]
    assert references and not _missing(references + entries, peer)


@pytest.mark.parametrize("label", ["dossier (heavy)", "person page (recidivist)"])
def test_a_peer_writes_the_audit_entries_its_page_writes(seeded, peer_urls, label):
    """Logging a read of personal data is a legal duty, not an extra: a peer that skips it
    would flatter the page's ratio by an INSERT and a commit."""
    from benchmark.scenarios import main_pages
    from benchmark.twofactor import verified_login
    from gir.models import AuditEntry

    page = next(p for p in main_pages(seeded) if p.role == "coordinator" and p.label == label)
    client = Client(HTTP_HOST="127.0.0.1")
    verified_login(client, page.user)

    def written(url: str) -> list[tuple]:
        last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert client.get(url).status_code == 200
        entries = AuditEntry.objects.filter(pk__gt=last).order_by("object_id")
        return list(entries.values_list("action", "content_type_id", "object_id", "description"))

    product = written(page.url)
    assert product and written(page.peer_url) == product
