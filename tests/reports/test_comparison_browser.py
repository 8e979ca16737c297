"""The coordinator imports another organisation's key figures, sees a refusal, the list and the
report's comparison section, and deletes the set; axe-core clean on each page, at 1280 and 360 px."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from reports.models import ComparisonSet
from tests.browser.conftest import (  # noqa: F401 - the browser fixtures, shared with tests/browser
    PHONE,
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.reports import dataset
from tests.reports.test_comparison_report import OTHER

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_coordinator_imports_compares_and_deletes(live_server, page, log_in, tmp_path):  # noqa: F811
    data = dataset.build()
    good, bad = tmp_path / "regio-oost.json", tmp_path / "vijandig.json"
    good.write_text(json.dumps(OTHER))
    bad.write_text(json.dumps({**OTHER, "organisation": "<script>alert(1)</script>"}))
    log_in(data.coordinator, target="/rapportages/vergelijking/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergelijken met anderen")
    assert_accessible(page, "comparison-empty")

    _upload(page, "Regio Oost 2025", bad)
    expect(page.get_by_text("Controleer wat u heeft ingevuld")).to_be_visible()
    expect(page.get_by_label("Naam van de vergelijking")).to_have_value("Regio Oost 2025")
    assert_accessible(page, "comparison-refused")
    assert not ComparisonSet.objects.exists()

    _upload(page, "Regio Oost 2025", good)
    expect(page.get_by_text("“Regio Oost 2025” is ingelezen.")).to_be_visible()
    assert_accessible(page, "comparison-list")
    page.set_viewport_size(PHONE)
    assert_accessible(page, "comparison-list-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Jaarverslag 2025").click()
    section = page.locator("section[aria-labelledby=h-comparison]")
    expect(section.get_by_role("heading", name="Vergelijking met anderen")).to_be_visible()
    expect(section.get_by_role("table", name="Vergelijking: alle incidenten")).to_contain_text("200")
    assert_accessible(page, "comparison-report")

    page.goto(f"{live_server.url}/rapportages/vergelijking/")
    page.get_by_role("link", name="Verwijder Regio Oost 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergelijking verwijderen")
    assert_accessible(page, "comparison-delete")
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_text("“Regio Oost 2025” is verwijderd.")).to_be_visible()
    assert not ComparisonSet.objects.exists()


def _upload(page, label: str, path) -> None:
    page.get_by_label("Naam van de vergelijking").fill(label)
    page.get_by_label("Bestand met kerncijfers").set_input_files(str(path))
    page.get_by_role("button", name="Inlezen").click()
