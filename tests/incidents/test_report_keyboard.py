"""Browser: the phone report by keyboard only, at 360 px. Every field is reached with Tab in
order, fields that do not apply are skipped, options are chosen with Space and the arrow keys,
a part of a colleague's name narrows their list, and Enter sends the report; the confirmation
for another department appears only on a mismatch.
axe-core finds nothing on the empty, the revealed and the filed page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from incidents.models import Incident
from tests.browser.conftest import (  # noqa: F401 - fixtures shared with tests/browser
    PHONE,
    _static_served,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.name || ''")


def _tab(page, expected: str) -> None:
    page.keyboard.press("Tab")
    assert _focused(page) == expected


def _arrow_until(page, value: str, key: str = "ArrowDown", tries: int = 30) -> None:
    """Move through a focused select's options with the arrow key until ``value`` is chosen."""
    for _ in range(tries):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press(key)
    raise AssertionError(f"option {value} not reached with {key}")


def _forms_checkboxes(page) -> list[str]:
    return page.locator("input[name=forms]").evaluate_all("(els) => els.map((el) => el.id)")


def _fill_when_where_and_what(page) -> None:
    """From the top of the page to the first field, then each field of the first part in order."""
    for _ in range(60):  # through the menu to the first field
        page.keyboard.press("Tab")
        if _focused(page) == "id_occurred_at":
            break
    assert _focused(page) == "id_occurred_at"
    when = timezone.localtime() - timedelta(hours=1)
    page.keyboard.press("Control+a")
    page.keyboard.type(when.strftime("%d-%m-%Y %H:%M"))
    _tab(page, "id_location_type")
    page.keyboard.press("ArrowDown")  # the first kind of place
    assert page.evaluate("document.activeElement.value") != ""
    _tab(page, "id_location")
    _tab(page, "id_place")
    page.keyboard.type("Balie 3")
    boxes = _forms_checkboxes(page)
    _tab(page, boxes[0])
    page.keyboard.press("Space")
    for box in boxes[1:]:
        _tab(page, box)
    _tab(page, "id_description")
    page.keyboard.type("Een klant schold mijn collega uit en gooide met een stoel.")
    _tab(page, "id_aggressor_name")
    page.keyboard.type("Jan de Vries")


def test_the_phone_report_by_keyboard_only(page, live_server, log_in):  # noqa: F811
    world = build_world()
    page.set_viewport_size(PHONE)
    log_in(world.employee, target="/incidenten/melden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Incident melden")
    expect(page.locator("[data-department-confirm]")).to_be_hidden()  # no mismatch yet
    assert_accessible(page, "report-keyboard-empty")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    _fill_when_where_and_what(page)
    _tab(page, "id_target_0")  # a radio group is one tab stop
    page.keyboard.press("ArrowDown")  # "Tegen een collega": its fields appear
    expect(page.locator("#id_colleague")).to_be_visible()
    _tab(page, "id_colleague_search")  # narrow the list by a part of the name...
    page.keyboard.type(world.colleague.last_name[:4])
    page.keyboard.press("Enter")  # ...and Enter moves to the list instead of sending the report
    assert _focused(page) == "id_colleague"
    _arrow_until(page, str(world.colleague.pk))
    _tab(page, "id_reporter_role_0")
    page.keyboard.press("Space")  # "Ik was getuige"
    _tab(page, "id_department")  # the office holder's fields stay hidden
    expect(page.locator("[data-department-confirm]")).to_be_hidden()
    _arrow_until(page, str(world.dept_a.pk))  # not the colleague's department
    expect(page.locator("[data-department-confirm]")).to_be_visible()
    assert_accessible(page, "report-keyboard-filled")
    _tab(page, "id_department_confirmed")
    page.keyboard.press("Space")
    _tab(page, "id_camera")
    _tab(page, "id_files")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Melding versturen")
    page.keyboard.press("Enter")

    # Generous: filing on a busy machine can take a few seconds.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier GIR-", timeout=60_000)
    assert_accessible(page, "report-keyboard-dossier")
    incident = Incident.objects.get()
    assert incident.aggressor_name == "Jan de Vries"
    assert incident.department == world.dept_a
    assert incident.place == "Balie 3"
    assert incident.involvements.get(role="slachtoffer").user == world.colleague


def test_a_name_narrows_the_colleague_list_and_the_chosen_one_stays(page, live_server, log_in):  # noqa: F811
    world = build_world()
    page.set_viewport_size(PHONE)
    log_in(world.employee, target="/incidenten/melden/")
    page.get_by_label("Tegen een collega").check()
    search, colleague = page.get_by_label("Zoek de collega op naam"), page.locator("#id_colleague")
    everyone = colleague.locator("option").count()
    assert everyone > 3

    search.fill(world.colleague.last_name.upper())  # capitals and accents do not matter
    values = colleague.locator("option").evaluate_all("(els) => els.map((el) => el.value)")
    assert values[0] == "" and str(world.colleague.pk) in values and len(values) < everyone
    expect(page.locator("#id_colleague_search_status")).to_contain_text("past")
    colleague.select_option(str(world.colleague.pk))
    assert_accessible(page, "report-colleague-search")

    search.fill("zzzz")  # nobody: the status says so, the chosen colleague stays
    expect(page.locator("#id_colleague_search_status")).to_have_text(
        "Geen collega met deze naam. Controleer de spelling."
    )
    assert colleague.input_value() == str(world.colleague.pk)
    search.fill("")
    assert colleague.locator("option").count() == everyone
    assert colleague.input_value() == str(world.colleague.pk)


def test_without_javascript_the_search_box_stays_hidden_and_the_full_list_shows(client):
    world = build_world()
    client.force_login(world.employee)
    html = client.get("/incidenten/melden/").content.decode()
    assert 'data-option-filter="id_colleague" hidden' in html
    assert f'<option value="{world.colleague.pk}">' in html
