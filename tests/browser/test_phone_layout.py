"""What a phone's 360 px screen does to GIR's own CSS, without a server: a page made of the
stylesheet and the markup the templates write."""

from pathlib import Path

from tests.browser.conftest import PHONE

CSS = Path(__file__).resolve().parents[2] / "static" / "gir" / "css" / "app.css"


def test_a_long_state_badge_wraps_inside_a_phone_screen(page):
    """A letter's dispatch state on the dossier ("Verzonden: aangetekende post, 1 december
    2026") ran off the screen at 360 px; short states stay on one line."""
    page.set_viewport_size(PHONE)
    page.set_content(
        f"<style>{CSS.read_text()}</style><main class='gir-main'><table><tr><td>"
        "<span id='long' class='utrecht-badge-status gir-badge--ok'>"
        "Verzonden: aangetekende post, 1 december 2026</span>"
        " <span id='short' class='utrecht-badge-status'>Uitgevoerd</span></td></tr></table></main>"
    )
    long, short = page.locator("#long").bounding_box(), page.locator("#short").bounding_box()
    assert long["x"] + long["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert short["height"] < long["height"]  # the long one wraps to two lines, the short one does not
