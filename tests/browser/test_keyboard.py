"""Keyboard only: the letter editor (type, bold, list, save)."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.conftest import build_world
from tests.letters.helpers import concept, incident_with_aggressor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, predicate: str, *, back: bool = False, limit: int = 25) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches the JavaScript predicate."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"not reached with the keyboard: {predicate}")


def _type(page, text: str) -> None:
    """Type into the editor and wait until Trix has taken it in: it applies input on its own
    schedule, and text still pending when the focus moves on was lost under load."""
    page.keyboard.type(text)
    page.wait_for_function(
        "text => document.querySelector('trix-editor').editor.getDocument().toString().includes(text)",
        arg=text,
    )


def _bold(page) -> None:
    """Bold on or off with the toolbar's "Vet" button, reached and pressed with the keyboard;
    the button gives the focus back to the text, where typing goes on."""
    active = page.evaluate("document.querySelector('trix-editor').editor.attributeIsActive('bold')")
    _tab_to(page, "el.textContent.trim() === 'Vet'", back=True)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "TRIX-EDITOR"
    want = "true" if not active else "false"
    page.wait_for_function(
        f"document.querySelector('trix-editor').editor.attributeIsActive('bold') === {want}"
    )


def test_manager_writes_a_letter_with_the_keyboard_only(live_server, page, log_in):
    world = build_world()
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = concept(incident, aggressor, world.manager)
    log_in(world.manager, target=f"/brieven/{letter.pk}/bewerken/")
    page.wait_for_selector("trix-editor")
    assert_accessible(page, "letters-editor")

    page.get_by_label("Onderwerp").focus()
    _tab_to(page, "el.tagName === 'TRIX-EDITOR'")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    _type(page, "Beste heer Kramer, ")
    _bold(page)
    _type(page, "dit is vet")
    _bold(page)
    caret = "document.querySelector('trix-editor').editor.getSelectedRange()[0]"
    before = page.evaluate(caret)
    page.keyboard.press("Enter")
    # Trix applies typed input on its own schedule: wait for the new line (the caret moves on)
    # before the focus leaves the editor (under load the Enter was lost and the list took the
    # first line).
    page.wait_for_function(f"{caret} > {before}")
    _tab_to(page, "el.textContent.trim() === 'Opsomming'", back=True)
    page.keyboard.press("Enter")  # the button returns the person to where they were typing
    assert page.evaluate("document.activeElement.tagName") == "TRIX-EDITOR"
    _type(page, "eerste punt")
    _tab_to(page, "el.textContent.trim() === 'Opslaan'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/brieven/{letter.pk}/")

    letter.refresh_from_db()
    assert "<strong>dit is vet</strong>" in letter.body_html
    assert "<ul><li>eerste punt</li></ul>" in letter.body_html
    assert "Beste heer Kramer" in page.locator(".gir-letter-preview").inner_text()
