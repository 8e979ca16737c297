"""A report the coordinator can sign: foreword, commentary per section, signature, logo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from gir.models import Organisation
from reports.forms import COMMENT_MAX, FOREWORD_MAX
from reports.models import ReportRun
from reports.services.params import ReportParams
from reports.services.pdf import report_html
from reports.services.report import build_report
from reports.services.runs import report_run_render
from tests.reports import dataset
from tests.reports.dataset import AMS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)
PERIOD = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png">'


@pytest.fixture
def data():
    with time_machine.travel(NOW, tick=False):
        yield dataset.build()


def _pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _post_run(client, **texts):
    return client.post(reverse("reports:run-create"), {**PERIOD, **texts})


def _png(colour=(21, 66, 115)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_texts_are_stored_with_the_run_and_printed_in_the_pdf(client, data, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.force_login(data.coordinator)
    response = _post_run(
        client,
        foreword="Dit jaar was zwaar.\n\nWe hebben veel geleerd.",
        signer_name="Coby Oordt",
        signer_role="coördinator agressie",
        toelichting_per_department="Publiekszaken heeft de meeste balies.",
        toelichting_trend="De daling komt door de nieuwe balie.",
    )
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.foreword == "Dit jaar was zwaar.\n\nWe hebben veel geleerd."
    assert run.commentary == {
        "per_department": "Publiekszaken heeft de meeste balies.",
        "trend": "De daling komt door de nieuwe balie.",
    }
    assert (run.signer_name, run.signer_role) == ("Coby Oordt", "coördinator agressie")
    assert run.signed_on == dt.date.today()

    with time_machine.travel(NOW, tick=False):
        report_run_render(run.pk)
    run.refresh_from_db()
    pages = _pdf_pages(run.file.read())
    assert "Jaarverslag agressie en geweld 2025" in pages[0]
    assert "Vastgesteld door Coby Oordt, coördinator agressie" in pages[0]
    assert "Dit jaar was zwaar." not in pages[0], "the foreword comes after the title page"
    assert "Voorwoord" in pages[1] and "We hebben veel geleerd." in pages[1]
    text = "\n".join(pages)
    # Each commentary at the head of its own section: after its title, before the table.
    for title, comment, first_column in [
        ("Incidenten per afdeling", "Publiekszaken heeft de meeste balies.", "Afdeling"),
        ("Trend: dezelfde periode in eerdere jaren", "De daling komt door de nieuwe balie.", "Periode"),
    ]:
        at = text.index(comment)
        assert text.rindex(title, 0, at) < at < text.index(first_column, at)


def test_html_typed_in_a_commentary_is_printed_as_text(client, data):
    with time_machine.travel(NOW, tick=False):
        report = build_report(data.coordinator, ReportParams.for_year(2025))
    run = ReportRun(requested_by=data.coordinator, foreword=HOSTILE, commentary={"per_form": HOSTILE})
    run.signer_name = "<b>X</b>"
    html = report_html(report, run=run)
    assert "<script>" not in html and 'src="http://evil' not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 2
    assert "&lt;b&gt;X&lt;/b&gt;" in html
    from gir.pdf import render_to_pdf

    text = "\n".join(_pdf_pages(render_to_pdf(html)))
    assert '<script>alert("x")</script>' in text.replace("\n", "")


def test_too_long_text_is_refused_in_dutch_and_everything_typed_is_kept(client, data):
    client.force_login(data.coordinator)
    foreword = "Lang voorwoord. " * (FOREWORD_MAX // 16 + 1)
    response = _post_run(
        client, foreword=foreword, signer_name="Coby Oordt", toelichting_per_form="Kort en goed & waar."
    )
    assert response.status_code == 400
    page = response.content.decode()
    typed = len(foreword.strip())  # Django strips the text before counting
    assert f"Deze tekst is te lang: hoogstens {FOREWORD_MAX} tekens, het zijn er nu {typed}." in page
    assert foreword.strip() in page
    assert 'value="Coby Oordt"' in page
    assert "Kort en goed &amp; waar." in page
    assert 'name="date_from" value="2025-01-01"' in page
    assert not ReportRun.objects.exists()

    response = _post_run(client, toelichting_per_form="x" * (COMMENT_MAX + 1))
    assert response.status_code == 400
    assert f"hoogstens {COMMENT_MAX} tekens" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_a_new_run_starts_from_the_previous_runs_texts(client, data, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.force_login(data.coordinator)
    _post_run(client, foreword="Vorig voorwoord.", toelichting_deadlines="Termijnen gaan beter.")
    first = ReportRun.objects.get()
    page = client.get(reverse("reports:run-new") + "?year=2025").content.decode()
    assert "Vorig voorwoord." in page and "Termijnen gaan beter." in page
    detail = client.get(reverse("reports:run-detail", kwargs={"pk": first.pk})).content.decode()
    assert f"van={first.pk}" in detail
    page = client.get(reverse("reports:run-new") + f"?year=2024&amp;van={first.pk}".replace("&amp;", "&"))
    assert "Vorig voorwoord." in page.content.decode()


def test_a_manager_writes_only_for_their_own_scope_and_never_sees_others_texts(client, data, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.force_login(data.coordinator)
    _post_run(client, foreword="Alleen voor de coördinator.")
    coordinators_run = ReportRun.objects.get()
    client.force_login(data.manager)
    page = client.get(reverse("reports:run-new") + "?year=2025").content.decode()
    assert "Alleen voor de coördinator." not in page
    page = client.get(reverse("reports:run-new") + f"?year=2025&van={coordinators_run.pk}").content.decode()
    assert "Alleen voor de coördinator." not in page
    other = data.departments["a"].pk
    assert client.get(reverse("reports:run-new") + f"?year=2025&department={other}").status_code == 404
    response = client.post(reverse("reports:run-create"), {**PERIOD, "department": other, "foreword": "x"})
    assert response.status_code == 404
    assert ReportRun.objects.count() == 1


def test_an_employee_cannot_write_report_texts(client, data):
    client.force_login(data.people[0])
    assert client.get(reverse("reports:run-new") + "?year=2025").status_code == 403
    assert _post_run(client, foreword="Niet van mij.").status_code == 403
    assert not ReportRun.objects.exists()


def _title_page_images(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_the_organisations_logo_is_on_the_title_page_as_embedded_data(data):
    from gir.pdf import render_to_pdf

    with time_machine.travel(NOW, tick=False):
        report = build_report(data.coordinator, ReportParams.for_year(2025))
    organisation = Organisation.get()
    html = report_html(report)
    assert 'class="logo"' not in html, "no logo: no image, and no broken one"
    without = _title_page_images(render_to_pdf(html))

    organisation.logo.save("logo.png", ContentFile(_png()), save=True)
    html = report_html(report)
    assert '<img class="logo" src="data:image/png;base64,' in html
    assert organisation.logo.url not in html and organisation.logo.path not in html
    assert _title_page_images(render_to_pdf(html)) == without + 1


def test_an_unreadable_logo_leaves_the_title_page_without_an_image(data):
    with time_machine.travel(NOW, tick=False):
        report = build_report(data.coordinator, ReportParams.for_year(2025))
    organisation = Organisation.get()
    organisation.logo.save("logo.png", ContentFile(b"<svg onload=alert(1)></svg>"), save=True)
    assert 'class="logo"' not in report_html(report)


def _comment_boxes(page: str) -> dict[str, bool]:
    """Section title → whether its commentary box is open, from the texts page."""
    import re

    boxes = re.findall(r'<details class="gir-report-comment"( open)?>\s*<summary>([^<]+)', page)
    return {title.strip(): bool(is_open) for is_open, title in boxes}


def test_the_texts_page_folds_each_commentary_away_unless_it_has_text_or_an_error(client, data, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.force_login(data.coordinator)
    page = client.get(reverse("reports:run-new") + "?year=2025").content.decode()
    boxes = _comment_boxes(page)
    with time_machine.travel(NOW, tick=False):
        report = build_report(data.coordinator, ReportParams.for_year(2025))
    own = [t.title for t in report.tables if not t.key.startswith("compare_")]
    # The comparison with others is one part with one box, not one per comparison table.
    assert list(boxes) == ["Samenvatting", *own, "Vergelijking met anderen"]
    assert not any(boxes.values()), "nothing typed yet: every box closed"
    # Every box keeps its labelled text field, folded or not.
    assert page.count('<textarea name="toelichting_') == len(boxes)
    assert page.count('<label class="utrecht-form-label" for="id_toelichting_') == len(boxes)

    _post_run(client, toelichting_per_department="Publiekszaken heeft de meeste balies.")
    page = client.get(reverse("reports:run-new") + "?year=2025").content.decode()
    opened = [title for title, is_open in _comment_boxes(page).items() if is_open]
    assert opened == ["Incidenten per afdeling"]
    assert "Publiekszaken heeft de meeste balies." in page

    response = _post_run(client, toelichting_trend="x" * (COMMENT_MAX + 1), toelichting_per_form="Goed.")
    assert response.status_code == 400
    boxes = _comment_boxes(response.content.decode())
    assert [t for t, is_open in boxes.items() if is_open] == [
        "Trend: dezelfde periode in eerdere jaren",
        "Vorm van agressie",
    ]
    assert "(controleer de tekst)" in response.content.decode()


def test_a_signed_run_keeps_its_texts_and_pdf_when_a_new_run_starts_from_it(client, data, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.force_login(data.coordinator)
    _post_run(
        client,
        foreword="Vastgesteld voorwoord.",
        signer_name="Coby Oordt",
        signer_role="coördinator agressie",
        toelichting_trend="Vastgestelde toelichting.",
    )
    signed = ReportRun.objects.get()
    with time_machine.travel(NOW, tick=False):
        report_run_render(signed.pk)
    signed.refresh_from_db()
    before = {
        f: getattr(signed, f) for f in ("foreword", "commentary", "signer_name", "signer_role", "signed_on")
    }
    pdf_before = signed.file.read()

    # The new run starts from the signed texts ...
    page = client.get(reverse("reports:run-new") + f"?year=2025&van={signed.pk}").content.decode()
    assert "Vastgesteld voorwoord." in page and "Vastgestelde toelichting." in page
    # ... the coordinator changes them and makes the new PDF ...
    _post_run(
        client,
        foreword="Nieuw voorwoord.",
        signer_name="Dirk Directeur",
        toelichting_trend="",
        toelichting_per_form="Nieuwe toelichting.",
    )
    new = ReportRun.objects.exclude(pk=signed.pk).get()
    with time_machine.travel(NOW, tick=False):
        report_run_render(new.pk)
        report_run_render(signed.pk)  # a redelivered task for the signed run changes nothing either
    new.refresh_from_db()
    assert (new.foreword, new.commentary, new.signer_name) == (
        "Nieuw voorwoord.",
        {"per_form": "Nieuwe toelichting."},
        "Dirk Directeur",
    )
    # ... and the signed run, its texts and its PDF are as they were.
    signed.refresh_from_db()
    assert {f: getattr(signed, f) for f in before} == before
    signed.file.seek(0)
    assert signed.file.read() == pdf_before
    signed_text = "\n".join(_pdf_pages(pdf_before))
    assert "Vastgesteld voorwoord." in signed_text and "Nieuw voorwoord." not in signed_text
    new_text = "\n".join(_pdf_pages(new.file.read()))
    assert "Nieuw voorwoord." in new_text and "Vastgestelde toelichting." not in new_text
    # The signed run's page still says who set it, and offers to start a new one from it.
    detail = client.get(reverse("reports:run-detail", kwargs={"pk": signed.pk})).content.decode()
    assert "Vastgesteld door Coby Oordt" in detail
    title = detail[detail.index("<title>") : detail.index("</title>")]
    assert "<p" not in title and "van=" not in title, "the page title is only the run's title"
    assert detail.count(f"van={signed.pk}") == 1


def test_the_comparison_commentary_is_printed_at_the_head_of_the_comparison(client, data, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.force_login(data.coordinator)
    _post_run(client, toelichting_comparison="Wij zitten boven het regionale cijfer.")
    run = ReportRun.objects.get()
    assert run.commentary == {"comparison": "Wij zitten boven het regionale cijfer."}
    with time_machine.travel(NOW, tick=False):
        report = build_report(data.coordinator, ReportParams.for_year(2025))
    html = report_html(report, charts={}, run=run)
    heading = html.index("<h2>Vergelijking met anderen</h2>")
    assert (
        heading
        < html.index("Wij zitten boven het regionale cijfer.")
        < html.index("Er zijn nog geen", heading)
    )
