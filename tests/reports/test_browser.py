"""The coordinator opens the annual report, downloads the PDF and the spreadsheet; axe-core clean."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from reports.models import ReportRun
from reports.services.runs import report_run_render
from tests.browser.conftest import (  # noqa: F401 - the browser fixtures, shared with tests/browser
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.reports import dataset

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_coordinator_opens_the_report_and_downloads_pdf_and_xlsx(live_server, page, log_in, tmp_path):  # noqa: F811
    data = dataset.build()
    log_in(data.coordinator, target="/rapportages/")
    assert (
        page.get_by_role("navigation", name="Rapportages")
        .get_by_role("link", name="Rapportages")
        .get_attribute("aria-current")
        == "page"
    )
    assert page.get_by_role("heading", level=1).inner_text() == "Rapportages"
    assert_accessible(page, "reports-dashboard")

    _open_the_annual_report(page)
    _download_the_spreadsheet(page, tmp_path)
    text = _make_and_download_the_pdf(page, tmp_path)
    assert "Jaarverslag agressie en geweld 2025" in text
    assert "Een jaar met <b>minder</b> incidenten." in text
    assert "Vastgesteld door C. Oördinator" in text
    assert "Publiekszaken heeft de drukste balie." in text
    for person in data.people:
        assert person.last_name not in text


def _open_the_annual_report(page) -> None:
    """Choose 2025; small departments are hidden ("< 5") together with a neighbour ("×")."""
    page.get_by_role("link", name="Jaarverslag bekijken").click()
    page.get_by_text("Ander jaar, andere periode of één afdeling kiezen").click()
    page.get_by_role("spinbutton", name="Jaar").fill("2025")
    page.get_by_role("button", name="Rapportage tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaarverslag agressie en geweld 2025")
    assert page.get_by_role("img", name="Warmtekaart").count() == 1
    departments = page.get_by_role("table", name="Incidenten per afdeling")
    # One small department ("< 5") and the neighbour hidden with it ("×"), so the total gives nothing away.
    assert departments.get_by_role("cell", name="< 5", exact=True).count() == 1
    assert departments.get_by_role("cell", name="×", exact=True).count() == 1
    assert_accessible(page, "reports-annual")


def _download_the_spreadsheet(page, tmp_path) -> None:
    """The Excel download holds every table, one per sheet."""
    from openpyxl import load_workbook

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als Excel (alle tabellen)").click()
    xlsx = download_info.value
    assert xlsx.suggested_filename.endswith(".xlsx")
    xlsx.save_as(tmp_path / "report.xlsx")
    book = load_workbook(tmp_path / "report.xlsx")
    assert "Incidenten per afdeling" in book.sheetnames


def _make_and_download_the_pdf(page, tmp_path) -> str:
    """Queue the PDF, render it as the worker would, download it; returns its text."""
    page.get_by_role("link", name="Maak een PDF").click()
    expect(page.get_by_label("Voorwoord")).to_be_visible()
    assert_accessible(page, "reports-run-texts")
    page.get_by_label("Voorwoord").fill("Een jaar met <b>minder</b> incidenten.")
    page.get_by_label("Vastgesteld door (naam)").fill("C. Oördinator")
    # Each section's commentary is folded away until opened, with the keyboard too.
    comment = page.get_by_label("Toelichting bij “Incidenten per afdeling”")
    expect(comment).to_be_hidden()
    page.locator("summary", has_text="Incidenten per afdeling").focus()
    page.keyboard.press("Enter")
    expect(comment).to_be_visible()
    comment.fill("Publiekszaken heeft de drukste balie.")
    page.get_by_role("button", name="Maak de PDF").click()
    expect(page.get_by_text("Deze pagina laat vanzelf zien wanneer hij klaar is")).to_be_visible()
    assert_accessible(page, "reports-run-queued")
    # No worker in the test: run the task's function, as the worker would.
    report_run_render(ReportRun.objects.get().pk)
    # The page's poller (static JS) shows the download link without a reload.
    page.get_by_role("link", name="Download de PDF").wait_for(state="visible", timeout=60_000)
    assert not page.get_by_text("Het maken van de PDF is mislukt").is_visible()
    assert_accessible(page, "reports-run-done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de PDF").click()
    pdf = download_info.value
    path = tmp_path / "report.pdf"
    pdf.save_as(path)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
